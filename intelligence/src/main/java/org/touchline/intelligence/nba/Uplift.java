package org.touchline.intelligence.nba;

/**
 * The measured effect of an action on one segment of customers: how often those who were offered it accepted, against
 * how often those held out of it (chosen at random, offered nothing) did the same thing anyway. The difference is
 * the uplift, the share of customers whose answer the action changed; its 95 % interval is Newcombe's hybrid score
 * interval for a difference of independent proportions (Newcombe 1998, method 10), built from the Wilson score
 * interval of each rate (Wilson 1927), which stays inside [0, 1] and keeps its coverage for small groups and rates near
 * 0 or 1, where the textbook normal interval does not.
 *
 * @param segment "all" for the action over every segment
 */
public record Uplift(String action, String segment, long offered, long offeredAccepted, long heldOut, long heldOutAccepted) {
    /** The 0.975 quantile of the standard normal distribution: a two-sided 95 % interval. */
    static final double Z = 1.959963984540054;

    public Uplift {
        if (offeredAccepted < 0 || offeredAccepted > offered || heldOutAccepted < 0 || heldOutAccepted > heldOut)
            throw new IllegalArgumentException("uplift of " + action + " in " + segment + ": acceptances must be between 0 and the group's size");
    }

    public double offeredRate() { return offered == 0 ? Double.NaN : (double) offeredAccepted / offered; }

    public double heldOutRate() { return heldOut == 0 ? Double.NaN : (double) heldOutAccepted / heldOut; }

    /** Accepted when offered minus accepted anyway when held out; NaN until both groups have an outcome. */
    public double uplift() { return offeredRate() - heldOutRate(); }

    /** Lower bound of the 95 % interval (Newcombe: the distance to each rate's Wilson bound, combined in quadrature). */
    public double low() {
        double[] a = wilson(offeredAccepted, offered), b = wilson(heldOutAccepted, heldOut);
        return uplift() - Math.sqrt(sq(offeredRate() - a[0]) + sq(b[1] - heldOutRate()));
    }

    public double high() {
        double[] a = wilson(offeredAccepted, offered), b = wilson(heldOutAccepted, heldOut);
        return uplift() + Math.sqrt(sq(a[1] - offeredRate()) + sq(heldOutRate() - b[0]));
    }

    /** Whether both groups hold at least {@code min} outcomes: the arbitration uses no uplift measured on fewer. */
    public boolean measured(long min) { return offered >= Math.max(1, min) && heldOut >= Math.max(1, min); }

    /** Wilson's score interval for {@code x} successes in {@code n} trials: {low, high}; NaN for an empty group. */
    static double[] wilson(long x, long n) {
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double p = (double) x / n, z2 = Z * Z, centre = p + z2 / (2 * n), denominator = 1 + z2 / n;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator)};
    }

    private static double sq(double x) { return x * x; }
}
