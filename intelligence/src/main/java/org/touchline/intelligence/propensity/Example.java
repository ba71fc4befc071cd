package org.touchline.intelligence.propensity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One customer's features at one moment, with the outcome when it is known.
 *
 * @param id          identifies the row (for messages and scores)
 * @param group       the customer or household: rows of one group never sit on both sides of a split
 * @param asOf        the moment the features describe (features must not use anything later)
 * @param numeric     numeric features by name; a feature left out is missing, never NaN
 * @param categorical categorical features by name
 * @param label       the outcome (true = churned / took the offer), null when unknown, as when scoring
 */
public record Example(String id, String group, Instant asOf, Map<String, Double> numeric,
                      Map<String, String> categorical, Boolean label) {

    public Example {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("example: id is blank");
        }
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("example " + id + ": group is blank");
        }
        Objects.requireNonNull(asOf, () -> "example " + id + ": asOf is missing");
        Objects.requireNonNull(numeric, () -> "example " + id + ": numeric features are missing");
        Objects.requireNonNull(categorical, () -> "example " + id + ": categorical features are missing");
        for (Map.Entry<String, Double> e : numeric.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("example " + id + ": numeric feature '" + e.getKey() + "' is "
                        + e.getValue() + " (leave a missing value out instead)");
            }
            if (categorical.containsKey(e.getKey())) {
                throw new IllegalArgumentException("example " + id + ": feature '" + e.getKey()
                        + "' is both numeric and categorical");
            }
        }
        for (Map.Entry<String, String> e : categorical.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("example " + id + ": categorical feature '" + e.getKey()
                        + "' is empty (leave a missing value out instead)");
            }
        }
        numeric = Map.copyOf(numeric);
        categorical = Map.copyOf(categorical);
    }

    /** The same features with the outcome set (or cleared with null). */
    public Example withLabel(Boolean outcome) {
        return new Example(id, group, asOf, numeric, categorical, outcome);
    }
}
