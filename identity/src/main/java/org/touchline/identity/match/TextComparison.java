package org.touchline.identity.match;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.List;
import java.util.Set;

/**
 * Free text such as street addresses, titles, author lists and venues. Token sets catch reordered or dropped words,
 * Jaro-Winkler catches typing errors inside a word. Levels: exact (after folding case and punctuation), very similar
 * (token Jaccard at least 0.8 or Jaro-Winkler at least 0.95), similar (0.6 / 0.88), weakly similar (Jaccard at
 * least 0.3), else.
 */
public record TextComparison(String column) implements PreparedComparison<Set<String>> {
    /** Commons Text's Jaro-Winkler: the library's, not our own (a copy tuned for speed gained under a quarter). */
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private static final List<String> LEVELS =
            List.of("null", "exact", "very-similar", "similar", "weakly-similar", "else");

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.text(value); }

    /** The word set, made once per value: building it was most of the cost of comparing two addresses. */
    @Override
    public Set<String> prepare(String normalised) {
        return Set.copyOf(List.of(normalised.split(" ")));
    }

    @Override
    public int graded(String x, Set<String> wx, String y, Set<String> wy) {
        double jaccard = jaccard(wx, wy);
        double jw = JARO_WINKLER.apply(x, y);
        if (jaccard >= 0.8 || jw >= 0.95) return 2;
        if (jaccard >= 0.6 || jw >= 0.88) return 3;
        if (jaccard >= 0.3) return 4;
        return 5;
    }

    /** Jaccard similarity of the two word sets. */
    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String t : a) if (b.contains(t)) common++;
        int union = a.size() + b.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }
}
