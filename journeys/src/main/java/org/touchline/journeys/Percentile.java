package org.touchline.journeys;

import java.util.Arrays;

/**
 * Nearest-rank percentiles: of n values sorted ascending, the p-th percentile is the value at rank ceil(p * n / 100)
 * (1-based). This is what DuckDB's {@code quantile_disc(x, 0.5)} and {@code quantile_disc(x, 0.9)} return, so a plain
 * SQL query reproduces every figure exactly.
 */
final class Percentile {
    private Percentile() {}

    /** The p-th percentile (0 < p <= 100) of the first n values of {@code sorted}, which must be in ascending order. */
    static long of(long[] sorted, int n, int p) {
        if (n <= 0) throw new IllegalArgumentException("no values");
        long rank = ((long) n * p + 99) / 100;
        return sorted[(int) Math.max(1, rank) - 1];
    }

    /** Sorts the first n values in place and returns {p50, p90}. */
    static long[] p50p90(long[] values, int n) {
        Arrays.sort(values, 0, n);
        return new long[] {of(values, n, 50), of(values, n, 90)};
    }
}
