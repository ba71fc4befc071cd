package org.touchline.identity.match;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.List;
import java.util.Locale;

/**
 * Email addresses: exact (case-insensitive), same local part with a mistyped domain (Levenshtein at most 2), same
 * local part on another domain, else.
 */
public record EmailComparison(String column) implements Comparison {
    private static final LevenshteinDistance WITHIN_TWO = new LevenshteinDistance(2);
    private static final List<String> LEVELS =
            List.of("null", "exact", "domain-typo", "local-part-equal", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) {
        if (value == null || value.isBlank()) return null;
        return value.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public int graded(String x, String y) {
        int ax = x.lastIndexOf('@'), ay = y.lastIndexOf('@');
        if (ax < 0 || ay < 0) return 4;
        if (!x.substring(0, ax).equals(y.substring(0, ay))) return 4;
        return WITHIN_TWO.apply(x.substring(ax + 1), y.substring(ay + 1)) >= 0 ? 2 : 3;
    }
}
