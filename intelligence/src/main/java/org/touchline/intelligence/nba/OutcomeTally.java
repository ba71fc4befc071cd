package org.touchline.intelligence.nba;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How customers answered each action so far (accepted, declined, ignored), from the outcome entries on the ledger,
 * per segment and per group: offered the action, or held out of it (offered nothing, their answer still observed).
 * It feeds back into arbitration twice: the acceptance rate of an action is its prior (the catalogue's expected
 * acceptance, worth {@link #PRIOR_WEIGHT} outcomes) updated by what the customers offered it did, a Beta-binomial
 * posterior mean; and the two groups give the action's measured {@link Uplift} per segment.
 */
public final class OutcomeTally {
    public static final double PRIOR_WEIGHT = 20;
    /** The segment of the row that pools every segment of an action. */
    public static final String ALL_SEGMENTS = "all segments";

    public record Counts(long accepted, long declined, long ignored) {
        public long shown() { return accepted + declined + ignored; }
    }

    private record Group(String action, String segment, boolean heldOut) implements Comparable<Group> {
        @Override public int compareTo(Group o) {
            int c = action.compareTo(o.action);
            if (c == 0) c = segment.compareTo(o.segment);
            return c != 0 ? c : Boolean.compare(heldOut, o.heldOut);
        }
    }

    private final Map<Group, long[]> counts = new TreeMap<>();

    /** An outcome of an offer made, with no segment (recorded before segments were). */
    public void add(String action, String outcome) { add(action, ActionCatalogue.EVERYONE, false, outcome); }

    public void add(String action, String segment, boolean heldOut, String outcome) {
        long[] c = counts.computeIfAbsent(new Group(action, segment == null ? ActionCatalogue.EVERYONE : segment, heldOut), g -> new long[3]);
        switch (outcome) {
            case "accepted" -> c[0]++;
            case "declined" -> c[1]++;
            case "ignored" -> c[2]++;
            default -> throw new IllegalArgumentException("outcome '" + outcome + "' is not one of accepted, declined, ignored");
        }
    }

    /** The answers of the customers who were offered the action, over every segment. */
    public Counts counts(String action) {
        long[] sum = new long[3];
        counts.forEach((g, c) -> {
            if (g.action().equals(action) && !g.heldOut()) for (int k = 0; k < 3; k++) sum[k] += c[k];
        });
        return new Counts(sum[0], sum[1], sum[2]);
    }

    public double acceptance(CandidateAction a) {
        Counts c = counts(a.id());
        return (c.accepted() + a.expectedAcceptance() * PRIOR_WEIGHT) / (c.shown() + PRIOR_WEIGHT);
    }

    /** The action's uplift in one segment ({@link #ALL_SEGMENTS} pools them); zero counts when nothing was recorded. */
    public Uplift uplift(String action, String segment) {
        long[] offered = new long[2], heldOut = new long[2];
        counts.forEach((g, c) -> {
            if (!g.action().equals(action) || !(segment.equals(ALL_SEGMENTS) || g.segment().equals(segment))) return;
            long[] into = g.heldOut() ? heldOut : offered;
            into[0] += c[0] + c[1] + c[2];
            into[1] += c[0];
        });
        return new Uplift(action, segment, offered[0], offered[1], heldOut[0], heldOut[1]);
    }

    /** Every action with a recorded outcome: its uplift in each segment, then over all of them. */
    public List<Uplift> uplifts() {
        Map<String, List<String>> segments = new TreeMap<>();
        counts.keySet().forEach(g -> {
            List<String> s = segments.computeIfAbsent(g.action(), a -> new ArrayList<>());
            if (!s.contains(g.segment())) s.add(g.segment());
        });
        List<Uplift> out = new ArrayList<>();
        segments.forEach((action, names) -> {
            for (String s : names) out.add(uplift(action, s));
            if (names.size() > 1) out.add(uplift(action, ALL_SEGMENTS));
        });
        return out;
    }
}
