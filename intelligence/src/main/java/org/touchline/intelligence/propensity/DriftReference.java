package org.touchline.intelligence.propensity;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a model's training data looked like, feature by feature, kept beside the model so that the data it scores
 * later can be compared with it: for each numeric feature the cut points of its deciles on the training data, for each
 * categorical feature the share of each value. {@link #stability} then gives the population stability index (PSI) of
 * each feature on a recent sample: the sum over bins of (recent share - training share) x ln(recent / training), with
 * shares floored at 0.0001 so an empty bin counts as rare, not impossible. The usual reading (Siddiqi, "Credit Risk
 * Scorecards", 2006, chapter 8): below 0.1 stable, 0.1-0.25 worth watching, above 0.25 shifted.
 *
 * @param numeric     feature to its ascending, distinct cut points (a value goes to the first bin whose cut is >= it)
 * @param numericShares feature to the training share of each bin (one more bin than cut points)
 * @param categorical feature to the training share of each value
 */
public record DriftReference(Map<String, double[]> numeric, Map<String, double[]> numericShares,
                             Map<String, Map<String, Double>> categorical) {
    /** PSI above this: the feature's population has shifted. */
    public static final double SHIFTED = 0.25;
    /** PSI above this: worth watching. */
    public static final double WATCH = 0.1;
    private static final double FLOOR = 1e-4;
    private static final int BINS = 10;

    /** The drift of one feature: its PSI and how to read it. */
    public record FeatureDrift(String feature, double psi) {
        @JsonProperty("reading")
        public String reading() {
            return psi > SHIFTED ? "shifted" : psi > WATCH ? "watch" : "stable";
        }
    }

    /** The reference of a training set. */
    public static DriftReference of(List<Example> training) {
        if (training.isEmpty()) throw new IllegalArgumentException("a drift reference needs at least one example");
        Map<String, double[]> cuts = new TreeMap<>(), shares = new TreeMap<>();
        for (String feature : training.get(0).numeric().keySet()) {
            double[] values = training.stream().mapToDouble(e -> e.numeric().getOrDefault(feature, 0.0)).sorted().toArray();
            TreeSet<Double> distinct = new TreeSet<>();
            for (int b = 1; b < BINS; b++) distinct.add(values[Math.min(values.length - 1, (int) Math.floor(b * values.length / (double) BINS))]);
            double[] c = distinct.stream().mapToDouble(Double::doubleValue).toArray();
            cuts.put(feature, c);
            shares.put(feature, binShares(c, values));
        }
        Map<String, Map<String, Double>> categories = new TreeMap<>();
        for (String feature : training.get(0).categorical().keySet())
            categories.put(feature, valueShares(training, feature));
        return new DriftReference(cuts, shares, categories);
    }

    /** Each feature's PSI on {@code recent} against this reference, most shifted first. */
    public List<FeatureDrift> stability(List<Example> recent) {
        if (recent.isEmpty()) throw new IllegalArgumentException("no recent examples to compare with the training data");
        List<FeatureDrift> out = new ArrayList<>();
        numeric.forEach((feature, c) -> {
            double[] values = recent.stream().mapToDouble(e -> e.numeric().getOrDefault(feature, 0.0)).toArray();
            out.add(new FeatureDrift(feature, psi(numericShares.get(feature), binShares(c, values))));
        });
        categorical.forEach((feature, expected) -> {
            Map<String, Double> actual = valueShares(recent, feature);
            TreeSet<String> values = new TreeSet<>(expected.keySet());
            values.addAll(actual.keySet());
            double[] e = values.stream().mapToDouble(v -> expected.getOrDefault(v, 0.0)).toArray();
            double[] a = values.stream().mapToDouble(v -> actual.getOrDefault(v, 0.0)).toArray();
            out.add(new FeatureDrift(feature, psi(e, a)));
        });
        out.sort((x, y) -> Double.compare(y.psi(), x.psi()));
        return out;
    }

    static double psi(double[] expected, double[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(FLOOR, expected[i]), a = Math.max(FLOOR, actual[i]);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    private static double[] binShares(double[] cuts, double[] values) {
        double[] shares = new double[cuts.length + 1];
        for (double v : values) {
            int bin = Arrays.binarySearch(cuts, v);
            shares[bin >= 0 ? bin : -bin - 1] += 1.0 / values.length;
        }
        return shares;
    }

    private static Map<String, Double> valueShares(List<Example> examples, String feature) {
        Map<String, Double> shares = new HashMap<>();
        for (Example e : examples) shares.merge(e.categorical().getOrDefault(feature, "none"), 1.0 / examples.size(), Double::sum);
        return new TreeMap<>(shares);
    }
}
