package org.touchline.identity.match;

import java.math.BigDecimal;
import java.util.List;

/** Numbers and years: exact, off by at most one, else. Values that are not numbers agree only when equal. */
public record NumberComparison(String column) implements Comparison {
    private static final List<String> LEVELS = List.of("null", "exact", "off-by-one", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) {
        if (value == null || value.isBlank()) return null;
        String t = value.trim();
        try {
            return new BigDecimal(t).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return Normalise.text(t);
        }
    }

    @Override
    public int graded(String x, String y) {
        try {
            return new BigDecimal(x).subtract(new BigDecimal(y)).abs().compareTo(BigDecimal.ONE) <= 0 ? 2 : 3;
        } catch (NumberFormatException e) {
            return 3;
        }
    }
}
