package org.touchline.identity.match;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.List;

/**
 * Personal names: exact, Jaro-Winkler at least 0.92, same Double Metaphone code, Jaro-Winkler at least 0.80, else.
 * The cut-offs are the ones Splink and the record-linkage literature use for names (Winkler 1990).
 */
public record NameComparison(String column) implements Comparison {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final List<String> LEVELS =
            List.of("null", "exact", "jaro-winkler>=0.92", "phonetic", "jaro-winkler>=0.80", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.compact(value); }

    @Override
    public int graded(String x, String y) {
        double jw = JARO_WINKLER.apply(x, y);
        if (jw >= 0.92) return 2;
        if (METAPHONE.isDoubleMetaphoneEqual(x, y) || METAPHONE.isDoubleMetaphoneEqual(x, y, true)) return 3;
        if (jw >= 0.80) return 4;
        return 5;
    }
}
