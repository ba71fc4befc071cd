package org.touchline.intelligence.nba;

import java.time.Instant;
import java.util.List;

/**
 * The next best action for a customer at a moment, with every candidate it was chosen from and why each lost or was
 * ruled out, so an agent (and an auditor) can see the reasoning.
 *
 * @param segment the customer's segment for uplift (the catalogue's segments)
 * @param heldOut the customer is in the action's hold-out group: nothing is offered, but the recommendation and the
 *                customer's answer are recorded, to measure the action's uplift
 */
public record Recommendation(String customer, Instant at, String action, String channel, String purpose, double score,
                             String reason, List<Candidate> candidates, String segment, boolean heldOut) {
    /**
     * One candidate's arbitration: score = propensity × value × weight × acceptance, or uplift × value × weight when
     * the catalogue arbitrates on uplift and it is measured; {@code blockedBy} lists the eligibility rule, contact
     * policy or missing consent that ruled it out (empty when it was allowed).
     *
     * @param uplift the action's measured uplift in the customer's segment, or null while either group holds fewer
     *               outcomes than the catalogue's {@code min_outcomes}
     */
    public record Candidate(String action, String kind, String channel, String purpose, double propensity, double value,
                            double weight, double acceptance, double score, List<String> blockedBy, List<String> drivers,
                            Double uplift) {
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
