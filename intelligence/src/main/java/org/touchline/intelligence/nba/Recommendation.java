package org.touchline.intelligence.nba;

import java.time.Instant;
import java.util.List;

/**
 * The next best action for a customer at a moment, with every candidate it was chosen from and why each lost or was
 * ruled out, so an agent (and an auditor) can see the reasoning.
 */
public record Recommendation(String customer, Instant at, String action, String channel, String purpose, double score,
                             String reason, List<Candidate> candidates) {
    /**
     * One candidate's arbitration: score = propensity × value × weight × acceptance; {@code blockedBy} lists the
     * eligibility rule, contact policy or missing consent that ruled it out (empty when it was allowed).
     */
    public record Candidate(String action, String kind, String channel, String purpose, double propensity, double value,
                            double weight, double acceptance, double score, List<String> blockedBy, List<String> drivers) {
        public Candidate {
            blockedBy = List.copyOf(blockedBy);
            drivers = drivers == null ? List.of() : List.copyOf(drivers);
        }

        public boolean allowed() { return blockedBy.isEmpty(); }
    }

    public Recommendation {
        candidates = List.copyOf(candidates);
    }
}
