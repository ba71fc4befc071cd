package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text value as terms weighted by rarity: each term of {@link TextFeatures#terms} with its BM25 inverse document
 * frequency over the column ({@link TermFrequencies#inverseDocumentFrequency}; 1 for every term when no corpus is
 * known), the vector's length, and the terms rarest first. Made once per value ({@link PreparedComparison}).
 */
record WeightedTerms(Map<String, Double> weights, double norm, List<String> rarestFirst) {
    static WeightedTerms of(String normalised, TermFrequencies corpus) {
        TextFeatures f = TextFeatures.of(normalised);
        Map<String, Double> w = new LinkedHashMap<>();
        double sum = 0;
        for (String t : f.terms()) {
            double idf = corpus == null ? 1 : corpus.inverseDocumentFrequency(t);
            w.put(t, idf);
            sum += idf * idf;
        }
        List<String> rarest = new ArrayList<>(w.keySet());
        // Ties (terms equally rare) keep text order, so the rarest term is the same on every run.
        rarest.sort(Comparator.comparingDouble((String t) -> -w.get(t)));
        return new WeightedTerms(Map.copyOf(w), Math.sqrt(sum), List.copyOf(rarest));
    }

    /** Cosine similarity of the two TF-IDF vectors (binary term frequency: names and titles rarely repeat a word). */
    double cosine(WeightedTerms other) {
        if (norm == 0 || other.norm == 0) return 0;
        // Look the smaller vector's terms up in the larger: a name against a 50-word description costs its few words.
        Map<String, Double> small = weights.size() <= other.weights.size() ? weights : other.weights;
        Map<String, Double> large = small == weights ? other.weights : weights;
        double dot = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double o = large.get(e.getKey());
            if (o != null) dot += e.getValue() * o;
        }
        return dot / (norm * other.norm);
    }

    boolean contains(String term) { return weights.containsKey(term); }

    /** The corpus' document frequencies of the terms of every value (null values skipped). */
    static TermFrequencies corpus(List<String> normalisedValues) {
        List<Set<String>> docs = new ArrayList<>(normalisedValues.size());
        for (String v : normalisedValues) if (v != null) docs.add(TextFeatures.of(v).terms());
        return TermFrequencies.ofWords(docs);
    }
}
