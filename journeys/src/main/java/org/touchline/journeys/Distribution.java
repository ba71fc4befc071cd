package org.touchline.journeys;

/**
 * How many, and the median and 90th percentile of a duration in seconds (nearest rank). A count below the minimum is
 * suppressed: {@code count}, {@code p50Seconds} and {@code p90Seconds} are null and {@code suppressed} is true. With
 * no values at all the count is 0 and the percentiles are null.
 */
public record Distribution(Long count, Long p50Seconds, Long p90Seconds, boolean suppressed) {
    static final Distribution EMPTY = new Distribution(0L, null, null, false);

    /** From the first n values (reordered in place). */
    static Distribution of(long[] values, int n, int minimumCount) {
        if (n == 0) return EMPTY;
        if (n < minimumCount) return new Distribution(null, null, null, true);
        long[] p = Percentile.p50p90(values, n);
        return new Distribution((long) n, p[0], p[1], false);
    }
}
