package org.touchline.intelligence.propensity;

/**
 * How much one feature pushed a score, in log-odds: positive raises the propensity, negative lowers it, relative to
 * the model's base value (an average training customer).
 *
 * @param feature the feature's name
 * @param value   the customer's value of it, as read ("(missing)" when absent)
 * @param logOdds the signed contribution
 */
public record Contribution(String feature, String value, double logOdds) {
}
