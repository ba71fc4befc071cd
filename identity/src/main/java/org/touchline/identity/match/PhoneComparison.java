package org.touchline.identity.match;

import java.util.List;

/**
 * Phone numbers as digits: exact, last seven digits equal (the same line written with or without country and area
 * code), one typing error, else.
 */
public record PhoneComparison(String column) implements Comparison {
    private static final List<String> LEVELS = List.of("null", "exact", "last-7-equal", "one-typo", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.digits(value); }

    @Override
    public int graded(String x, String y) {
        if (x.length() >= 7 && y.length() >= 7 && x.endsWith(y.substring(y.length() - 7))) return 2;
        if (Normalise.oneTypo(x, y)) return 3;
        return 4;
    }
}
