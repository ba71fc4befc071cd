package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * How much more often each feature is seen in messages of one polarity than in the others': the naive-Bayes
 * log-count ratio of Wang and Manning (2012, "Baselines and Bigrams: Simple, Good Sentiment and Topic
 * Classification", ACL), one polarity against the rest. With {@code p} the number of that polarity's messages that
 * have the feature plus {@code alpha}, and {@code q} the same over the other messages,
 * {@code r = log((p / |p|1) / (q / |q|1))}, the L1 norms summing over every feature seen. A feature seen as often in
 * complaints as elsewhere gets about 0 for NEGATIVE; "delayed" gets a large positive ratio for NEGATIVE and a negative
 * one for POSITIVE. Scaling a message's features by them ({@link #weigh}) is what makes NB-weighted logistic regression
 * (NBSVM's logistic form) start from naive Bayes' evidence instead of from nothing. Counts are of presence
 * (a feature's value other than 0), as the paper binarises its features. Immutable.
 */
final class PolarityRatios {

    /** The paper's smoothing: one imagined message of each polarity with every feature. */
    static final double ALPHA = 1;

    private final Map<Polarity, Map<String, Double>> ratios;

    private PolarityRatios(Map<Polarity, Map<String, Double>> ratios) {
        this.ratios = ratios;
    }

    /** The ratios of every feature of {@code examples}, each labelled with a {@link Polarity}'s name. */
    static PolarityRatios of(Iterable<Example<Label>> examples, double alpha) {
        Map<String, int[]> counts = new HashMap<>();
        int classes = Polarity.values().length;
        for (Example<Label> example : examples) {
            int polarity = Polarity.valueOf(example.getOutput().getLabel()).ordinal();
            for (Feature feature : example) {
                if (feature.getValue() != 0) {
                    counts.computeIfAbsent(feature.getName(), name -> new int[classes])[polarity]++;
                }
            }
        }
        double[] totals = new double[classes];
        counts.values().forEach(c -> {
            for (int k = 0; k < classes; k++) {
                totals[k] += c[k];
            }
        });
        double all = 0;
        for (double t : totals) {
            all += t;
        }
        Map<Polarity, Map<String, Double>> ratios = new EnumMap<>(Polarity.class);
        double features = counts.size();
        for (Polarity polarity : Polarity.values()) {
            int k = polarity.ordinal();
            double pNorm = totals[k] + alpha * features;
            double qNorm = all - totals[k] + alpha * features;
            Map<String, Double> r = new HashMap<>(counts.size() * 2);
            counts.forEach((name, c) -> {
                double p = c[k] + alpha;
                double q = (sum(c) - c[k]) + alpha;
                r.put(name, Math.log((p / pNorm) / (q / qNorm)));
            });
            ratios.put(polarity, Map.copyOf(r));
        }
        return new PolarityRatios(ratios);
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    /** The ratio of a feature for a polarity against the rest; 0 (no evidence) for a feature never seen. */
    double ratio(Polarity polarity, String feature) {
        return ratios.get(polarity).getOrDefault(feature, 0.0);
    }

    /**
     * The example with each feature's value multiplied by its ratio for {@code polarity}, relabelled {@code label}
     * (the polarity's name or the rest's, for a one-against-the-rest model); {@code binary} first sets every value
     * present to 1, as the paper does. A feature never seen weighs 0, so it is dropped.
     */
    Example<Label> weigh(Example<Label> example, Polarity polarity, Label label, boolean binary) {
        Map<String, Double> r = ratios.get(polarity);
        List<Feature> weighted = new ArrayList<>(example.size());
        for (Feature feature : example) {
            Double ratio = r.get(feature.getName());
            if (ratio != null && feature.getValue() != 0) {
                weighted.add(new Feature(feature.getName(), ratio * (binary ? 1 : feature.getValue())));
            }
        }
        return new ArrayExample<>(label, weighted);
    }
}
