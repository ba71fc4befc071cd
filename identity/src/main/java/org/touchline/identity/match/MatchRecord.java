package org.touchline.identity.match;

import java.util.Map;

/**
 * One record to match: its id in its source, which source it came from (0, or 1 for the second file when linking
 * two sources) and its column values (raw; each comparison and blocking key folds them itself).
 */
public record MatchRecord(String id, int source, Map<String, String> values) {
    public MatchRecord {
        values = Map.copyOf(values);
    }

    /** The raw value of a column, or null when missing or blank. */
    public String value(String column) {
        String v = values.get(column);
        return v == null || v.isBlank() ? null : v;
    }
}
