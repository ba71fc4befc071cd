package org.touchline.domain;

/**
 * Reports long work as it goes (generation, ingest, verify, rebuild, matching): a phase name, how much is done and of
 * how much; {@code total} is 0 or less when unknown. The CLI draws it, tests pass {@link #NONE}.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (phase, done, total) -> { };

    void update(String phase, long done, long total);
}
