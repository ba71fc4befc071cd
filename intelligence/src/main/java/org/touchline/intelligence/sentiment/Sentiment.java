package org.touchline.intelligence.sentiment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sentiment of one message.
 *
 * @param label         the class
 * @param score         -1 (most negative) .. +1 (most positive)
 * @param confidence    0..1: the class probability for a trained model; for the lexicon, how far the score is
 *                      from the nearest other class's boundary
 * @param probabilities class probabilities, or empty when the analyzer has none (the lexicon)
 * @param drivers       the few phrases that drove the result, strongest first: for the lexicon a phrase with its
 *                      signed valence, e.g. {@code "didn't help (-1.3)"}; for a trained model an n-gram with its
 *                      weight towards the label, e.g. {@code "happy (negated): 0.5 towards NEGATIVE"}
 */
public record Sentiment(Polarity label, double score, double confidence, Map<Polarity, Double> probabilities,
                        List<String> drivers) {

    public Sentiment {
        if (label == null) {
            throw new IllegalArgumentException("sentiment label is missing");
        }
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("sentiment score " + score + " is outside [-1, 1]");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("sentiment confidence " + confidence + " is outside [0, 1]");
        }
        probabilities = probabilities.isEmpty() ? Map.of() : new EnumMap<>(probabilities);
        if (!probabilities.isEmpty()) {
            double total = probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
            if (probabilities.size() != Polarity.values().length || Math.abs(total - 1) > 1e-6) {
                throw new IllegalArgumentException("class probabilities " + probabilities
                        + " must cover every class and sum to 1");
            }
            probabilities = Map.copyOf(probabilities);
        }
        drivers = List.copyOf(drivers);
    }
}
