package org.touchline.identity.match;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Every record's value of every compared column, normalised once per run, and for a {@link PreparedComparison} the
 * prepared form of each distinct value. Comparing a pair then only compares: at a million records and tens of
 * millions of candidate pairs, normalising (and phonetically encoding) both sides for every pair cost far more than
 * the comparing itself. Equal values share one String and one prepared form (names, towns and postcodes repeat).
 */
final class NormalisedValues {
    private final List<Comparison> comparisons;
    private final String[][] values;
    private final Object[][] prepared;

    private NormalisedValues(List<Comparison> comparisons, String[][] values, Object[][] prepared) {
        this.comparisons = comparisons;
        this.values = values;
        this.prepared = prepared;
    }

    static NormalisedValues of(List<Comparison> comparisons, List<MatchRecord> records) {
        String[][] values = new String[comparisons.size()][];
        Object[][] prepared = new Object[comparisons.size()][];
        for (int c = 0; c < values.length; c++) {
            Comparison cmp = comparisons.get(c);
            ConcurrentHashMap<String, String> shared = new ConcurrentHashMap<>();
            String[] column = new String[records.size()];
            IntStream.range(0, column.length).parallel().forEach(i -> {
                String v = cmp.normalise(records.get(i).value(cmp.column()));
                column[i] = v == null ? null : shared.computeIfAbsent(v, x -> x);
            });
            values[c] = column;
            if (cmp instanceof PreparedComparison<?> pc) {
                ConcurrentHashMap<String, Object> forms = new ConcurrentHashMap<>();
                Object[] p = new Object[column.length];
                IntStream.range(0, column.length).parallel().forEach(i -> {
                    if (column[i] != null) p[i] = forms.computeIfAbsent(column[i], pc::prepare);
                });
                prepared[c] = p;
            }
        }
        return new NormalisedValues(List.copyOf(comparisons), values, prepared);
    }

    /** The normalised value of comparison {@code c}'s column in record {@code record}; null when missing. */
    String value(int c, int record) {
        return values[c][record];
    }

    /** Comparison {@code c}'s column, record by record. */
    String[] column(int c) {
        return values[c];
    }

    /** The level comparison {@code c} gives records {@code a} and {@code b}: {@link Comparison#level} on their values. */
    int level(int c, int a, int b) {
        Object[] p = prepared[c];
        return Comparison.levelOfPrepared(comparisons.get(c), values[c][a], p == null ? null : p[a], values[c][b], p == null ? null : p[b]);
    }
}
