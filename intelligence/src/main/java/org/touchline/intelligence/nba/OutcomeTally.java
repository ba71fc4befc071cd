package org.touchline.intelligence.nba;

import java.util.Map;
import java.util.TreeMap;

/**
 * How customers answered each action so far (accepted, declined, ignored), from the outcome entries on the ledger.
 * It feeds back into arbitration: the acceptance rate of an action is its prior (the catalogue's expected acceptance,
 * worth {@link #PRIOR_WEIGHT} outcomes) updated by what actually happened, a Beta-binomial posterior mean.
 */
public final class OutcomeTally {
    public static final double PRIOR_WEIGHT = 20;
    public record Counts(long accepted, long declined, long ignored) {
        public long shown() { return accepted + declined + ignored; }
    }

    private final Map<String, long[]> counts = new TreeMap<>();

    public void add(String action, String outcome) {
        long[] c = counts.computeIfAbsent(action, a -> new long[3]);
        switch (outcome) {
            case "accepted" -> c[0]++;
            case "declined" -> c[1]++;
            case "ignored" -> c[2]++;
            default -> throw new IllegalArgumentException("outcome '" + outcome + "' is not one of accepted, declined, ignored");
        }
    }

    public Counts counts(String action) {
        long[] c = counts.getOrDefault(action, new long[3]);
        return new Counts(c[0], c[1], c[2]);
    }

    public double acceptance(CandidateAction a) {
        Counts c = counts(a.id());
        return (c.accepted() + a.expectedAcceptance() * PRIOR_WEIGHT) / (c.shown() + PRIOR_WEIGHT);
    }
}
