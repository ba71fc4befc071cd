package org.touchline.identity.match;

import java.util.List;
import java.util.Locale;

/** Postcodes: exact, one typing error, same first three characters (the same district in most schemes), else. */
public record PostcodeComparison(String column) implements Comparison {
    private static final List<String> LEVELS = List.of("null", "exact", "one-typo", "same-prefix", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) {
        String c = Normalise.compact(value);
        return c == null ? null : c.toUpperCase(Locale.ROOT);
    }

    @Override
    public int graded(String x, String y) {
        if (Normalise.oneTypo(x, y)) return 2;
        if (x.length() >= 3 && y.length() >= 3 && x.regionMatches(0, y, 0, 3)) return 3;
        return 4;
    }
}
