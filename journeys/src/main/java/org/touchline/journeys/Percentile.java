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
        return sorted[rank(n, p) - 1];
    }

    /**
     * {p50, p90} of the first n values, which it reorders: by selection (expected linear time), not a full sort, as a
     * lead-time report asks for millions of values at once.
     */
    static long[] p50p90(long[] values, int n) {
        if (n <= 0) throw new IllegalArgumentException("no values");
        int r50 = rank(n, 50) - 1, r90 = rank(n, 90) - 1;
        select(values, 0, n - 1, r90);
        long p90 = values[r90];
        select(values, 0, r90, r50);     // the r90 + 1 smallest are now in 0 .. r90
        return new long[] {values[r50], p90};
    }

    private static int rank(int n, int p) {
        return (int) Math.max(1, ((long) n * p + 99) / 100);
    }

    /** Puts the k-th smallest of a[lo .. hi] at k, smaller or equal values before it (three-way quickselect). */
    static void select(long[] a, int lo, int hi, int k) {
        while (hi > lo) {
            if (hi - lo < 32) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long x = a[lo], y = a[mid], z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = lo, gt = hi, i = lo;
            while (i <= gt) {
                if (a[i] < pivot) swap(a, lt++, i++);
                else if (a[i] > pivot) swap(a, i, gt--);
                else i++;
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return;
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
