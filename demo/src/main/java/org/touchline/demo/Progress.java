package org.touchline.demo;

/** Told how far generation has got; called at most every ~1% of the total or every 5,000 records. */
@FunctionalInterface
public interface Progress {
    void update(String phase, long done, long total);

    Progress NONE = (phase, done, total) -> { };
}
