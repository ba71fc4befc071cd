package org.touchline.identity.match;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prices, quantities and other amounts that two sources state a little differently (a price with or without a
 * discount, tax or currency sign): compared by ratio, |a - b| / max(|a|, |b|). Levels: exact, within 5 %, 15 %, 35 %,
 * else. Currency signs, spaces and thousands separators are dropped ("$1,299.00" is 1299); a value with no number in it
 * agrees only when equal.
 */
public record AmountComparison(String column) implements Comparison {
    private static final List<String> LEVELS = List.of("null", "exact", "within-5%", "within-15%", "within-35%", "else");
    private static final double[] BOUNDS = {0.05, 0.15, 0.35};

    @Override public List<String> levels() { return LEVELS; }

    @Override
    public String normalise(String value) {
        BigDecimal amount = amount(value);
        if (amount != null) return amount.stripTrailingZeros().toPlainString();
        return Normalise.text(value);
    }

    @Override
    public int graded(String x, String y) {
        BigDecimal a = amount(x), b = amount(y);
        if (a == null || b == null) return LEVELS.size() - 1;
        double da = Math.abs(a.doubleValue()), db = Math.abs(b.doubleValue());
        double ratio = Math.abs(a.doubleValue() - b.doubleValue()) / Math.max(da, db);
        for (int i = 0; i < BOUNDS.length; i++) if (ratio <= BOUNDS[i]) return 2 + i;
        return 2 + BOUNDS.length;
    }

    /** The number in a value: its digits, one decimal point and a leading minus; null when there are no digits. */
    static BigDecimal amount(String value) {
        if (value == null) return null;
        StringBuilder b = new StringBuilder();
        String t = value.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isDigit(c) || c == '.') b.append(c);
            else if (c == '-' && b.isEmpty()) b.append(c);
            else if (c == ',' || c == ' ' || c == '\'' || Character.getType(c) == Character.CURRENCY_SYMBOL) continue;
            else if (!b.isEmpty()) break; // "12 kg": the number ends at the unit
            else if (Character.isLetter(c)) continue; // "USD 12"
        }
        try {
            return b.isEmpty() ? null : new BigDecimal(b.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
