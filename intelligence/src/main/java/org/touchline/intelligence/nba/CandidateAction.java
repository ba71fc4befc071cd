package org.touchline.intelligence.nba;

/**
 * Something the company could do for a customer now: an offer, a care action, or nothing.
 *
 * @param propensity         the propensity that says how likely this action is to matter ("upsell", "churn"), or
 *                           "none" when it does not depend on a model
 * @param value              what the action is worth when it works (margin kept or won), in the company's currency
 * @param weight             the business's own weighting of the action against others
 * @param expectedAcceptance the acceptance rate assumed before any outcome is known (the prior of the feedback)
 * @param eligible           a CEL condition over the customer's features {@code f}, e.g. {@code f.products_held >= 1}
 */
public record CandidateAction(String id, Kind kind, String channel, boolean outbound, String purpose, String propensity,
                              double value, double weight, double expectedAcceptance, String eligible, String description) {
    public enum Kind { OFFER, CARE, NOTHING }

    public CandidateAction {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("action: 'id' is required");
        if (kind == null) throw new IllegalArgumentException("action " + id + ": 'kind' is required (offer, care, nothing)");
        if (purpose == null) purpose = "service";
        if (propensity == null) propensity = "none";
        if (eligible == null || eligible.isBlank()) eligible = "true";
        if (value < 0) throw new IllegalArgumentException("action " + id + ": 'value' must not be negative");
        if (weight < 0) throw new IllegalArgumentException("action " + id + ": 'weight' must not be negative");
        if (expectedAcceptance <= 0 || expectedAcceptance > 1)
            throw new IllegalArgumentException("action " + id + ": 'expected_acceptance' must be in (0, 1]");
    }
}
