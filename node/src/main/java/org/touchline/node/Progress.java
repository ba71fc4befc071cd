package org.touchline.node;

/** Reports long work as it goes: a phase name, how much is done and of how much (total -1 when unknown). */
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, done, total) -> {};

    void update(String phase, long done, long total);
}
