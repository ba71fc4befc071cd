package org.touchline.identity.match;

import java.util.List;

/**
 * Dates (of birth): exact, day and month swapped, one typing error (one digit changed, dropped or two adjacent
 * digits swapped), same day and month with the year off by one, else. Dates are read as their digits in year, month,
 * day order (yyyymmdd or yyyy-mm-dd).
 */
public record DateComparison(String column) implements Comparison {
    private static final List<String> LEVELS =
            List.of("null", "exact", "day-month-swapped", "one-typo", "year-off-by-one", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.digits(value); }

    @Override
    public int graded(String x, String y) {
        if (x.length() == 8 && y.length() == 8) {
            if (x.substring(0, 4).equals(y.substring(0, 4)) && x.substring(4, 6).equals(y.substring(6, 8))
                    && x.substring(6, 8).equals(y.substring(4, 6))) return 2;
        }
        if (Normalise.oneTypo(x, y)) return 3;
        if (x.length() == 8 && y.length() == 8 && x.substring(4).equals(y.substring(4))) {
            int dy = Math.abs(Integer.parseInt(x.substring(0, 4)) - Integer.parseInt(y.substring(0, 4)));
            if (dy == 1) return 4;
        }
        return 5;
    }
}
