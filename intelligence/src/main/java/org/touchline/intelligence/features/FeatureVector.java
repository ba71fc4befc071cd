package org.touchline.intelligence.features;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A customer's features at one moment: numbers and categories, by name, in a stable (sorted) order. */
public record FeatureVector(String customer, Instant asOf, SortedMap<String, Double> numeric,
                            SortedMap<String, String> categorical) {
    public FeatureVector {
        numeric = Collections.unmodifiableSortedMap(new TreeMap<>(numeric));
        categorical = Collections.unmodifiableSortedMap(new TreeMap<>(categorical));
    }

    public double number(String name) {
        Double v = numeric.get(name);
        if (v == null) throw new IllegalArgumentException("no numeric feature '" + name + "'; known: " + numeric.keySet());
        return v;
    }

    /** Every feature as one map (numbers as Double, categories as String), for rules that read them by name. */
    public Map<String, Object> asMap() {
        Map<String, Object> all = new TreeMap<>(numeric);
        all.putAll(categorical);
        return all;
    }
}
