package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Fellegi-Sunter model (Fellegi and Sunter 1969). For each comparison and level: m = P(level | same entity) and
 * u = P(level | different entities). The weight of a pair is log2(λ/(1-λ)) + Σ log2(m/u) over its comparisons
 * (missing values contribute 0), and the match probability is 2^w / (1 + 2^w); λ is the prior probability that a
 * candidate pair matches. Exact agreement on a column with term frequencies uses a value-specific u
 * ({@link TermFrequencies}).
 */
public final class MatchModel {
    private final List<Comparison> comparisons;
    private final double[][] m;
    private final double[][] u;
    private final double lambda;
    private final Map<Integer, TermFrequencies> termFrequencies;

    public MatchModel(List<Comparison> comparisons, double[][] m, double[][] u, double lambda,
                      Map<Integer, TermFrequencies> termFrequencies) {
        if (m.length != comparisons.size() || u.length != comparisons.size())
            throw new IllegalArgumentException("m and u need one row per comparison");
        if (!(lambda > 0 && lambda < 1)) throw new IllegalArgumentException("λ must be in (0, 1), was " + lambda);
        this.comparisons = List.copyOf(comparisons);
        this.m = deepCopy(m);
        this.u = deepCopy(u);
        this.lambda = lambda;
        this.termFrequencies = Map.copyOf(termFrequencies);
    }

    public List<Comparison> comparisons() { return comparisons; }

    public double lambda() { return lambda; }

    public double m(int comparison, int level) { return m[comparison][level]; }

    public double u(int comparison, int level) { return u[comparison][level]; }

    public double[][] m() { return deepCopy(m); }

    public double[][] u() { return deepCopy(u); }

    /** The same model with term-frequency tables for some comparisons (by index). */
    public MatchModel withTermFrequencies(Map<Integer, TermFrequencies> tf) {
        return new MatchModel(comparisons, m, u, lambda, tf);
    }

    /** Comparison levels of a pair of records. */
    public int[] levels(MatchRecord a, MatchRecord b) {
        int[] out = new int[comparisons.size()];
        for (int c = 0; c < out.length; c++) {
            Comparison cmp = comparisons.get(c);
            out[c] = cmp.level(a.value(cmp.column()), b.value(cmp.column()));
        }
        return out;
    }

    public MatchScore score(MatchRecord a, MatchRecord b) {
        return score(levels(a, b), a);
    }

    /**
     * Scores a pair from its levels; {@code a} supplies the value for the term-frequency adjustment (on exact
     * agreement both records hold the same normalised value).
     */
    public MatchScore score(int[] levels, MatchRecord a) {
        double prior = log2(lambda / (1 - lambda));
        double total = prior;
        double[] contributions = new double[levels.length];
        for (int c = 0; c < levels.length; c++) {
            int level = levels[c];
            if (level == Comparison.NULL) continue;
            String exactValue = null;
            if (a != null && level == Comparison.EXACT && termFrequencies.containsKey(c)) {
                Comparison cmp = comparisons.get(c);
                exactValue = cmp.normalise(a.value(cmp.column()));
            }
            double w = contribution(c, level, exactValue);
            contributions[c] = w;
            total += w;
        }
        return new MatchScore(total, MatchScore.probability(total), prior, levels, contributions);
    }

    /**
     * The weight {@link #score} gives a pair, summed in the same order, without building the evidence: a run weighs
     * every candidate and keeps the evidence only of those it links or reviews. {@code levels} holds k levels from
     * {@code offset}; record {@code a}'s normalised values supply the term-frequency adjustment.
     */
    double weight(byte[] levels, int offset, NormalisedValues values, int a) {
        double total = log2(lambda / (1 - lambda));
        for (int c = 0; c < comparisons.size(); c++) {
            int level = levels[offset + c];
            if (level == Comparison.NULL) continue;
            total += contribution(c, level, level == Comparison.EXACT ? values.value(c, a) : null);
        }
        return total;
    }

    /** One comparison's weight, log2(m/u); {@code exactValue}, when given, adjusts u for how common the value is. */
    private double contribution(int c, int level, String exactValue) {
        double uc = u[c][level];
        TermFrequencies tf = termFrequencies.get(c);
        if (tf != null && level == Comparison.EXACT && exactValue != null) uc = tf.adjustedU(uc, exactValue);
        double w = log2(m[c][level] / uc);
        // An exact agreement on a very common value is weak evidence, never evidence against.
        if (level == Comparison.EXACT && w < 0) w = 0;
        return w;
    }

    /** A readable table of m, u and weights, for logs and reports. */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "λ=%.5f%n", lambda));
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison cmp = comparisons.get(c);
            List<String> parts = new ArrayList<>();
            for (int l = 1; l < cmp.levelCount(); l++) {
                parts.add(String.format(Locale.ROOT, "%s m=%.4f u=%.6f w=%+.2f", cmp.levels().get(l), m[c][l],
                        u[c][l], log2(m[c][l] / u[c][l])));
            }
            b.append(cmp.column()).append(termFrequencies.containsKey(c) ? " (tf)" : "").append(": ")
                    .append(String.join("; ", parts)).append(System.lineSeparator());
        }
        return b.toString();
    }

    static double log2(double x) { return Math.log(x) / Math.log(2); }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = Arrays.copyOf(a[i], a[i].length);
        return out;
    }
}
