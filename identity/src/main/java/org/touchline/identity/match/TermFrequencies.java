package org.touchline.identity.match;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How common each value of a column is, for the term-frequency adjustment of exact agreement: two records that
 * share the surname "smith" are weaker evidence than two that share "sondergeld" (Winkler 1989; Splink's
 * {@code term_frequency_adjustments}). For a value v with relative frequency p(v), the u probability of exact
 * agreement becomes {@code u_exact * p(v) / E[p | agree]}, where {@code E[p | agree] = Σp³ / Σp²} is the mean
 * frequency of the value two random agreeing records share, so averaged over agreeing pairs it stays
 * {@code u_exact}; a common value gets a larger u, a rare one a smaller u.
 *
 * <p>The same counts over the words of a text column ({@link #ofWords}) give each word's document frequency, and from
 * it the BM25 inverse document frequency (Robertson and Zaragoza 2009, eq. 3.3) that weighs words by rarity in the
 * column's own corpus: "turntable" says more about a product than "sony", and "pslx350h" most.
 */
public final class TermFrequencies {
    private final Map<String, Double> frequency;
    private final double meanAgreeing;
    private final long documents;

    private TermFrequencies(Map<String, Double> frequency, double meanAgreeing, long documents) {
        this.frequency = frequency;
        this.meanAgreeing = meanAgreeing;
        this.documents = documents;
    }

    /**
     * Document frequencies of words: each document (a record's value, as its set of words) counts each of its words
     * once; {@link #frequency} is then the share of documents holding the word.
     */
    public static TermFrequencies ofWords(Collection<? extends Collection<String>> documents) {
        Map<String, Integer> counts = new HashMap<>();
        long n = 0;
        for (Collection<String> words : documents) {
            if (words == null) continue;
            n++;
            for (String w : words) counts.merge(w, 1, Integer::sum);
        }
        Map<String, Double> freq = new HashMap<>(counts.size() * 2);
        for (Map.Entry<String, Integer> e : counts.entrySet()) freq.put(e.getKey(), e.getValue() / (double) n);
        return new TermFrequencies(Map.copyOf(freq), 0, n);
    }

    /** How many documents (or values) were counted. */
    public long documents() { return documents; }

    /** How many of the counted documents hold the word (or value). */
    public long documentFrequency(String term) {
        return Math.round(frequency(term) * documents);
    }

    /**
     * BM25's inverse document frequency, {@code ln(1 + (N - df + 0.5) / (df + 0.5))}: always positive, highest for a
     * word seen once or never (a value from outside the corpus is as rare as it gets).
     */
    public double inverseDocumentFrequency(String term) {
        double df = frequency(term) * documents;
        return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    }

    /** Counts the normalised values of the comparison's column over the records. */
    public static TermFrequencies count(Comparison comparison, List<MatchRecord> records) {
        String[] values = new String[records.size()];
        for (int i = 0; i < values.length; i++) values[i] = comparison.normalise(records.get(i).value(comparison.column()));
        return count(values);
    }

    /** Counts already normalised values, one per record (null when missing). */
    static TermFrequencies count(String[] normalisedValues) {
        Map<String, Integer> counts = new HashMap<>();
        long total = 0;
        for (String v : normalisedValues) {
            if (v == null) continue;
            counts.merge(v, 1, Integer::sum);
            total++;
        }
        Map<String, Double> freq = new HashMap<>(counts.size() * 2);
        double sum2 = 0, sum3 = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double p = e.getValue() / (double) total;
            freq.put(e.getKey(), p);
            sum2 += p * p;
            sum3 += p * p * p;
        }
        return new TermFrequencies(Map.copyOf(freq), sum2 == 0 ? 0 : sum3 / sum2, total);
    }

    /** The relative frequency of a normalised value; 0 for a value never seen. */
    public double frequency(String normalisedValue) {
        return frequency.getOrDefault(normalisedValue, 0.0);
    }

    /** The u of exact agreement on this value, given the model's average u of exact agreement. */
    public double adjustedU(double uExact, String normalisedValue) {
        double p = frequency(normalisedValue);
        if (p == 0 || meanAgreeing == 0) return uExact;
        return Math.min(1.0, uExact * p / meanAgreeing);
    }
}
