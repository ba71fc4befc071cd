package org.touchline.journeys;

/**
 * Aggregates only: a count from 1 to minimumCount - 1 could point at a person, so it is reported as null with a flag.
 * Zero is shown.
 */
final class Suppression {
    private Suppression() {}

    static boolean hides(long count, int minimumCount) {
        return count > 0 && count < minimumCount;
    }

    static Long shown(long count, int minimumCount) {
        return hides(count, minimumCount) ? null : count;
    }

    static void check(int minimumCount) {
        if (minimumCount < 1) throw new IllegalArgumentException("minimumCount must be at least 1");
    }
}
