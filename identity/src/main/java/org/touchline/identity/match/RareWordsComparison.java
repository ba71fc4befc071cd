package org.touchline.identity.match;

import java.util.List;

/**
 * Whether two texts share their rarest terms, the ones that name the thing rather than describe it (a model number, a
 * brand-specific product line, an unusual surname in a firm's name). Each side's terms are ranked by rarity in the
 * column ({@link TermFrequencies#inverseDocumentFrequency}). Levels: exact, both rarest terms shared (each side's
 * rarest term is in the other), one side's rarest term is in the other, one of each side's three rarest terms is shared,
 * else.
 */
public record RareWordsComparison(String column, TermFrequencies corpus)
        implements PreparedComparison<WeightedTerms>, CorpusComparison {
    private static final List<String> LEVELS =
            List.of("null", "exact", "rarest-both", "rarest-one", "rare-shared", "else");
    private static final int RARE = 3;

    public RareWordsComparison(String column) { this(column, null); }

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.folded(value); }

    @Override
    public Comparison fitted(List<String> normalisedValues) {
        return new RareWordsComparison(column, WeightedTerms.corpus(normalisedValues));
    }

    @Override public WeightedTerms prepare(String normalised) { return WeightedTerms.of(normalised, corpus); }

    @Override
    public int graded(String x, WeightedTerms px, String y, WeightedTerms py) {
        if (px.rarestFirst().isEmpty() || py.rarestFirst().isEmpty()) return 5;
        boolean xInY = py.contains(px.rarestFirst().get(0)), yInX = px.contains(py.rarestFirst().get(0));
        if (xInY && yInX) return 2;
        if (xInY || yInX) return 3;
        List<String> rx = px.rarestFirst().subList(0, Math.min(RARE, px.rarestFirst().size()));
        for (String t : py.rarestFirst().subList(0, Math.min(RARE, py.rarestFirst().size()))) if (rx.contains(t)) return 4;
        return 5;
    }
}
