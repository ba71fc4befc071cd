package org.touchline.intelligence.forecast;

import java.util.Arrays;

/**
 * Prediction intervals from past forecast errors: errors are standardised as {@code (actual - expected) /
 * sqrt(max(expected, 1))} (Poisson-like spread, so one set of quantiles fits quiet and busy intervals of the same
 * time of day), collected per time-of-day interval together with its {@code neighbours} on each side, and their
 * empirical quantiles are put back around a new forecast: 2.5, 10, 90 and 97.5 % unless {@link #levels} moved them
 * (split conformal prediction on the past errors, with the levels adapted as in {@link DemandForecaster}).
 */
final class ResidualQuantiles {

    private final double[][] bySlot; // growable per slot, the first sizes[j] values used
    private final int[] sizes;
    private final int neighbours;
    private double[][] pools; // [slot] the sorted standardised errors of the slot and its neighbours
    private double miss80 = 0.20, miss95 = 0.05;

    ResidualQuantiles(int slotsPerDay, int neighbours) {
        this.neighbours = neighbours;
        this.bySlot = new double[slotsPerDay][16];
        this.sizes = new int[slotsPerDay];
    }

    void add(int slot, double actual, double expected) {
        if (sizes[slot] == bySlot[slot].length) {
            bySlot[slot] = Arrays.copyOf(bySlot[slot], 2 * sizes[slot]);
        }
        bySlot[slot][sizes[slot]++] = (actual - expected) / spread(expected);
        pools = null;
    }

    /** Errors added so far for the first interval of the day. */
    int size() {
        return sizes[0];
    }

    /**
     * The share of actuals the "80 %" and "95 %" bounds are to leave out, each split evenly between both tails:
     * 0.20 and 0.05 unless past coverage showed the nominal levels miss (then adapted, see {@link DemandForecaster}).
     */
    void levels(double miss80, double miss95) {
        this.miss80 = miss80;
        this.miss95 = miss95;
    }

    /** {lower95, lower80, upper80, upper95}, never below zero. */
    double[] bounds(int slot, double expected) {
        if (pools == null) {
            pools = estimate();
        }
        double[] z = pools[slot];
        double s = spread(expected);
        double lower80 = quantile(z, miss80 / 2), upper80 = quantile(z, 1 - miss80 / 2);
        // Nested whatever the levels: with few errors two levels can pick the same order statistics.
        double[] q = {Math.min(lower80, quantile(z, miss95 / 2)), lower80, upper80, Math.max(upper80, quantile(z, 1 - miss95 / 2))};
        return new double[] {Math.max(0, expected + q[0] * s), Math.max(0, expected + q[1] * s),
                Math.max(0, expected + q[2] * s), Math.max(0, expected + q[3] * s)};
    }

    private double[][] estimate() {
        int slots = bySlot.length;
        double[][] out = new double[slots][];
        for (int j = 0; j < slots; j++) {
            int from = Math.max(0, j - neighbours);
            int to = Math.min(slots - 1, j + neighbours);
            int n = 0;
            for (int k = from; k <= to; k++) {
                n += sizes[k];
            }
            if (n == 0) {
                throw new IllegalStateException("no past errors for interval " + j + " of the day");
            }
            double[] z = new double[n];
            int at = 0;
            for (int k = from; k <= to; k++) {
                System.arraycopy(bySlot[k], 0, z, at, sizes[k]);
                at += sizes[k];
            }
            Arrays.sort(z);
            out[j] = z;
        }
        return out;
    }

    /**
     * Hyndman and Fan type 6: the order statistic at position {@code p (n + 1)}, interpolated. With n exchangeable
     * errors a new one falls between the order statistics at positions i and k with probability (k - i) / (n + 1),
     * so these bounds cover their nominal share even for small n; R's default (type 7) would cover 92.6 % instead
     * of 95 % with 80 errors.
     */
    static double quantile(double[] sorted, double p) {
        double pos = Math.min(Math.max(p * (sorted.length + 1), 1), sorted.length) - 1;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static double spread(double expected) {
        return Math.sqrt(Math.max(expected, 1.0));
    }
}
