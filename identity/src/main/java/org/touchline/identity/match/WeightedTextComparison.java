package org.touchline.identity.match;

import java.util.List;

/**
 * Free text whose words differ in worth (product names, titles, notes): the cosine of the two values' TF-IDF vectors,
 * words weighed by their rarity in the column ({@link TermFrequencies#inverseDocumentFrequency}), model numbers
 * counted as words ({@link TextFeatures}). "Sony Turntable - PSLX350H" and "Sony PS-LX350H Belt-Drive Turntable" share
 * their two rarest terms and score high; two Sony cameras share only "sony" and score low. Levels: exact, cosine at
 * least 0.8, 0.65, 0.5, 0.35, 0.2, else: more levels than {@link TextComparison}, since on text-heavy records the
 * degree of overlap is most of the evidence.
 */
public record WeightedTextComparison(String column, TermFrequencies corpus)
        implements PreparedComparison<WeightedTerms>, CorpusComparison {
    private static final List<String> LEVELS =
            List.of("null", "exact", "cosine>=0.8", "cosine>=0.65", "cosine>=0.5", "cosine>=0.35", "cosine>=0.2", "else");
    private static final double[] BOUNDS = {0.8, 0.65, 0.5, 0.35, 0.2};

    /** Unfitted: every term weighs the same until a run fits it to the column. */
    public WeightedTextComparison(String column) { this(column, null); }

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.folded(value); }

    @Override
    public Comparison fitted(List<String> normalisedValues) {
        return new WeightedTextComparison(column, WeightedTerms.corpus(normalisedValues));
    }

    @Override public WeightedTerms prepare(String normalised) { return WeightedTerms.of(normalised, corpus); }

    @Override
    public int graded(String x, WeightedTerms px, String y, WeightedTerms py) {
        double cos = px.cosine(py);
        for (int i = 0; i < BOUNDS.length; i++) if (cos >= BOUNDS[i] - 1e-12) return 2 + i;
        return 2 + BOUNDS.length;
    }
}
