package org.touchline.identity.match;

/** Progress of a long matching run, reported per phase; the CLI draws it, tests ignore it. */
@FunctionalInterface
public interface MatchProgress {
    MatchProgress NONE = (phase, done, total) -> { };

    /** {@code total} is 0 when unknown. */
    void update(String phase, long done, long total);
}
