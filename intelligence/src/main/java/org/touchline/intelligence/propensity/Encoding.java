package org.touchline.intelligence.propensity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an {@link Example} into the fixed row of numbers a model reads, learnt from training rows only: numeric
 * features are standardised with the training mean and standard deviation (a missing value becomes the mean, plus a
 * {@code name#missing} indicator when training saw gaps), categorical features are one-hot encoded with the levels
 * seen in training (an unseen or absent level sets none of them). Features the training rows never had are ignored.
 */
public final class Encoding {

    /** A numeric feature: {@code (value - mean) / scale}, and whether it has a missing-value indicator column. */
    public record Numeric(String name, double mean, double scale, boolean missingIndicator) {
    }

    /** A categorical feature and its levels, one column each. */
    public record Categorical(String name, List<String> levels) {
        public Categorical {
            levels = List.copyOf(levels);
        }
    }

    /** What is saved with a model: enough to rebuild the encoding exactly. */
    public record Spec(List<Numeric> numeric, List<Categorical> categorical, List<Double> columnMeans) {
        public Spec {
            numeric = List.copyOf(numeric);
            categorical = List.copyOf(categorical);
            columnMeans = List.copyOf(columnMeans);
        }
    }

    private final Spec spec;
    private final String[] columns;
    private final int[] featureOfColumn;
    private final List<String> features;
    private final int[] firstColumn;
    private final List<Map<String, Integer>> levelIndex;
    private final double[] columnMeans;

    public Encoding(Spec spec) {
        this.spec = spec;
        List<String> names = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        int featureCount = spec.numeric().size() + spec.categorical().size();
        this.firstColumn = new int[featureCount];
        this.levelIndex = new ArrayList<>();
        int f = 0;
        for (Numeric n : spec.numeric()) {
            firstColumn[f] = names.size();
            featureNames.add(n.name());
            names.add(n.name());
            owners.add(f);
            if (n.missingIndicator()) {
                names.add(n.name() + "#missing");
                owners.add(f);
            }
            f++;
        }
        for (Categorical c : spec.categorical()) {
            firstColumn[f] = names.size();
            featureNames.add(c.name());
            Map<String, Integer> index = new HashMap<>();
            for (String level : c.levels()) {
                index.put(level, index.size());
                names.add(c.name() + "=" + level);
                owners.add(f);
            }
            levelIndex.add(index);
            f++;
        }
        Set<String> unique = new HashSet<>(names);
        if (unique.size() != names.size()) {
            throw new IllegalArgumentException("feature names collide once encoded (a numeric feature named like "
                    + "'x#missing' or 'x=level'?): " + names);
        }
        if (spec.columnMeans().size() != names.size()) {
            throw new IllegalArgumentException("encoding has " + names.size() + " columns but "
                    + spec.columnMeans().size() + " column means");
        }
        this.columns = names.toArray(String[]::new);
        this.featureOfColumn = owners.stream().mapToInt(Integer::intValue).toArray();
        this.features = List.copyOf(featureNames);
        this.columnMeans = spec.columnMeans().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Learns the encoding from training rows (and nothing else, so that no test row leaks into it). */
    public static Encoding fit(List<Example> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("cannot fit an encoding on no examples");
        }
        Map<String, double[]> sums = new TreeMap<>(); // name -> {count, mean, sum of squared deviations} (Welford)
        Map<String, TreeSet<String>> levels = new TreeMap<>();
        Map<String, String> firstSeenIn = new HashMap<>();
        for (Example e : training) {
            for (Map.Entry<String, Double> n : e.numeric().entrySet()) {
                kindMustAgree(levels.containsKey(n.getKey()), n.getKey(), e, firstSeenIn);
                double[] s = sums.computeIfAbsent(n.getKey(), k -> new double[3]);
                s[0]++;
                double delta = n.getValue() - s[1];
                s[1] += delta / s[0];
                s[2] += delta * (n.getValue() - s[1]);
            }
            for (Map.Entry<String, String> c : e.categorical().entrySet()) {
                kindMustAgree(sums.containsKey(c.getKey()), c.getKey(), e, firstSeenIn);
                levels.computeIfAbsent(c.getKey(), k -> new TreeSet<>()).add(c.getValue());
            }
        }
        List<Numeric> numeric = new ArrayList<>();
        for (Map.Entry<String, double[]> s : sums.entrySet()) {
            double count = s.getValue()[0];
            double mean = s.getValue()[1];
            double sd = Math.sqrt(s.getValue()[2] / count);
            // A constant feature carries no signal; scale 1 keeps it finite instead of dividing by zero.
            numeric.add(new Numeric(s.getKey(), mean, sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1.0,
                    count < training.size()));
        }
        List<Categorical> categorical = new ArrayList<>();
        levels.forEach((name, values) -> categorical.add(new Categorical(name, new ArrayList<>(values))));

        Encoding unmeasured = new Encoding(new Spec(numeric, categorical, zeros(width(numeric, categorical))));
        double[] means = new double[unmeasured.width()];
        for (Example e : training) {
            double[] row = unmeasured.encode(e);
            for (int i = 0; i < row.length; i++) {
                means[i] += row[i] / training.size();
            }
        }
        List<Double> columnMeans = new ArrayList<>();
        for (double m : means) {
            columnMeans.add(m);
        }
        return new Encoding(new Spec(numeric, categorical, columnMeans));
    }

    /** The row a model reads; {@code width()} numbers in the order of {@link #columns()}. */
    public double[] encode(Example example) {
        double[] row = new double[columns.length];
        int f = 0;
        for (Numeric n : spec.numeric()) {
            int col = firstColumn[f++];
            Double value = example.numeric().get(n.name());
            if (value == null) {
                if (n.missingIndicator()) {
                    row[col + 1] = 1.0;
                }
            } else {
                row[col] = (value - n.mean()) / n.scale();
            }
        }
        for (int c = 0; c < spec.categorical().size(); c++) {
            int col = firstColumn[f++];
            Integer level = levelIndex.get(c).get(example.categorical().get(spec.categorical().get(c).name()));
            if (level != null) {
                row[col + level] = 1.0;
            }
        }
        return row;
    }

    /** How an example's value of a feature reads to a person: the raw number or level, or "(missing)". */
    public String describe(Example example, int feature) {
        String name = features.get(feature);
        Object value = feature < spec.numeric().size() ? example.numeric().get(name) : example.categorical().get(name);
        return value == null ? "(missing)" : value.toString();
    }

    public int width() {
        return columns.length;
    }

    /** Column names: a numeric feature's name, {@code name#missing}, or {@code name=level}. */
    public List<String> columns() {
        return List.of(columns);
    }

    String[] columnArray() {
        return columns;
    }

    /** The features, numeric (sorted) then categorical (sorted). */
    public List<String> features() {
        return features;
    }

    /** Which feature (index into {@link #features()}) a column encodes. */
    public int featureOf(int column) {
        return featureOfColumn[column];
    }

    /** The column's mean over the training rows (0 for a standardised numeric). */
    public double columnMean(int column) {
        return columnMeans[column];
    }

    public Spec spec() {
        return spec;
    }

    private static void kindMustAgree(boolean seenAsOtherKind, String name, Example e, Map<String, String> firstSeenIn) {
        if (seenAsOtherKind) {
            throw new IllegalArgumentException("example " + e.id() + ": feature '" + name + "' is numeric in one "
                    + "example and categorical in another (first seen in example " + firstSeenIn.get(name) + ")");
        }
        firstSeenIn.putIfAbsent(name, e.id());
    }

    private static int width(List<Numeric> numeric, List<Categorical> categorical) {
        int width = 0;
        for (Numeric n : numeric) {
            width += n.missingIndicator() ? 2 : 1;
        }
        for (Categorical c : categorical) {
            width += c.levels().size();
        }
        return width;
    }

    private static List<Double> zeros(int n) {
        List<Double> zeros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            zeros.add(0.0);
        }
        return zeros;
    }
}
