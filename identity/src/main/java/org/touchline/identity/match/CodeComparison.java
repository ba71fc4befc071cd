package org.touchline.identity.match;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.List;

/**
 * Identifier-like codes (national ids, account numbers, street numbers): exact, one typing error, two edits
 * (Levenshtein), else.
 */
public record CodeComparison(String column) implements Comparison {
    private static final LevenshteinDistance WITHIN_TWO = new LevenshteinDistance(2);
    private static final List<String> LEVELS = List.of("null", "exact", "one-typo", "two-edits", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.compact(value); }

    @Override
    public int graded(String x, String y) {
        if (Normalise.oneTypo(x, y)) return 2;
        return WITHIN_TWO.apply(x, y) >= 0 ? 3 : 4;
    }
}
