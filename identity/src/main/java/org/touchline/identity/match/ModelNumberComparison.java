package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Model numbers, part numbers and SKUs found in text ({@link TextFeatures#codes}), compared exactly after
 * normalisation: "PS-LX350H" and "PSLX350H" are one code. Only codes that identify count: a code in more than
 * {@link #IDENTIFYING_SHARE} of the column's values (at least {@link #MIN_IDENTIFYING} values) is a shared property such
 * as "802.11g" or "100base-tx", not a model. Levels: exact text, a code shared, a code of one written inside the other's
 * text ("KP 36IP" holds kp36ip; "FS105NA" holds fs105, a region suffix), a variant (the same code but for its trailing
 * letters, as colours are: "LRE30757BK" and "LRE30757SS"), a code on one side only, no code on either side, and else: both name codes and none agree,
 * which is strong evidence of two different products.
 */
public record ModelNumberComparison(String column, TermFrequencies corpus)
        implements PreparedComparison<TextFeatures>, CorpusComparison {
    private static final List<String> LEVELS = List.of("null", "exact", "same-code", "code-in-text", "code-variant",
            "one-side-only", "no-codes", "else");
    /** A code in more than this share of the values is not an identifier. */
    static final double IDENTIFYING_SHARE = 0.002;
    /** ... and never fewer than this many values: a model sold in both sources, and a few duplicates, stays a model. */
    static final int MIN_IDENTIFYING = 5;
    private static final int MIN_VARIANT_STEM = 4;

    public ModelNumberComparison(String column) { this(column, null); }

    @Override public List<String> levels() { return LEVELS; }

    @Override public String normalise(String value) { return Normalise.folded(value); }

    @Override
    public Comparison fitted(List<String> normalisedValues) {
        List<Set<String>> docs = new ArrayList<>();
        for (String v : normalisedValues) if (v != null) docs.add(TextFeatures.codes(v));
        return new ModelNumberComparison(column, TermFrequencies.ofWords(docs));
    }

    /** The value's features with only its identifying codes kept. */
    @Override
    public TextFeatures prepare(String normalised) {
        TextFeatures f = TextFeatures.of(normalised);
        Set<String> codes = new LinkedHashSet<>();
        for (String c : f.codes()) if (identifies(c)) codes.add(c);
        return new TextFeatures(List.of(), codes, f.compact());
    }

    /** Whether a code is rare enough in the column to name one product. */
    boolean identifies(String code) {
        return corpus == null || identifies(code, corpus);
    }

    /** Whether a code is in few enough of the corpus' values to name one product (shared with the {@code codes} blocking key). */
    static boolean identifies(String code, TermFrequencies corpus) {
        long limit = Math.max(MIN_IDENTIFYING, (long) Math.floor(IDENTIFYING_SHARE * corpus.documents()));
        return corpus.documentFrequency(code) <= limit;
    }

    @Override
    public int graded(String x, TextFeatures px, String y, TextFeatures py) {
        Set<String> cx = px.codes(), cy = py.codes();
        if (cx.isEmpty() && cy.isEmpty()) return 6;
        for (String c : cx) if (cy.contains(c)) return 2;
        for (String c : cx) if (py.compact().contains(c)) return 3;
        for (String c : cy) if (px.compact().contains(c)) return 3;
        if (cx.isEmpty() || cy.isEmpty()) return 5;
        for (String a : cx) for (String b : cy) if (variants(a, b)) return 4;
        return 7;
    }

    /**
     * The same model in another colour or for another region: equal once trailing letters are dropped, with a stem of
     * at least four characters ("LRE30757BK" and "LRE30757SS"). A code that merely extends the other ("FS105" and
     * "FS105NA") is already found in its text. Digits that differ make different models (DSC-W120, DSC-W150).
     */
    private static boolean variants(String a, String b) {
        String sa = TextFeatures.stem(a), sb = TextFeatures.stem(b);
        return sa != null && sa.length() >= MIN_VARIANT_STEM && sa.equals(sb);
    }
}
