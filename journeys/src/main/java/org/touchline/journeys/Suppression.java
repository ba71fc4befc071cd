package org.touchline.journeys;

/**
 * Aggregates only: a count from 1 to minimumCount - 1 could point at a person, so it is reported as null with a flag.
 * Zero is shown. One rule and one default for every query.
 */
final class Suppression {
    /** The minimum count of a query that names none. */
    static final int DEFAULT_MINIMUM_COUNT = 5;

    private Suppression() {}

    static boolean hides(long count, int minimumCount) {
        return count > 0 && count < minimumCount;
    }

    static Long shown(long count, int minimumCount) {
        return hides(count, minimumCount) ? null : count;
    }

    /** A query's minimum count: the default when it names none; refused below 1. */
    static int minimum(Integer minimumCount) {
        if (minimumCount == null) return DEFAULT_MINIMUM_COUNT;
        if (minimumCount < 1) throw new IllegalArgumentException("minimumCount must be at least 1");
        return minimumCount;
    }
}
