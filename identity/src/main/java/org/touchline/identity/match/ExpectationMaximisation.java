package org.touchline.identity.match;

import java.util.List;
import java.util.Map;

/**
 * Estimates m probabilities and the prior λ without labels by expectation maximisation over the candidate pairs'
 * comparison vectors, under the Fellegi-Sunter assumption that comparisons are independent given match status
 * (Winkler 1988, "Using the EM algorithm for weight computation in the Fellegi-Sunter model"; as in Splink).
 * EM starts from the u of random pairs ({@link RandomPairs}) and re-estimates u along with m: among blocked
 * candidates the non-matches agree on the blocking keys far more often than random pairs, and with u held at the
 * random-pair values EM can explain the whole candidate set as matches (λ → 1; seen on DBLP-ACM). The caller keeps
 * the fitted m and λ and weighs with the random-pair u.
 */
public final class ExpectationMaximisation {
    /** Small pseudo-count so no level gets m = 0 (which would make one disagreement a veto). */
    private static final double PSEUDO_COUNT = 0.01;

    private final int maxIterations;
    private final double tolerance;
    public ExpectationMaximisation(int maxIterations, double tolerance) {
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Result: the fitted model (m, the candidates' u, λ; no term frequencies) and the iterations it took. */
    public record Fit(MatchModel model, int iterations) {}

    /** Starting m: most mass on exact agreement, the rest falling level by level. */
    public static double[][] initialM(List<Comparison> comparisons) {
        double[][] m = new double[comparisons.size()][];
        for (int c = 0; c < m.length; c++) {
            int levels = comparisons.get(c).levelCount();
            m[c] = new double[levels];
            int rest = levels - 2;
            double restWeight = 0;
            for (int l = 2; l < levels; l++) restWeight += levels - l;
            m[c][1] = rest == 0 ? 1 : 0.85;
            for (int l = 2; l < levels; l++) m[c][l] = 0.15 * (levels - l) / restWeight;
        }
        return m;
    }

    public Fit fit(List<Comparison> comparisons, LevelPatterns patterns, double[][] u0, double lambda0) {
        return fit(comparisons, patterns, u0, lambda0, null, null, 0);
    }

    /**
     * EM with some pairs answered by people (semi-supervised EM, as in Nigam et al. 2000): an answered pair's match
     * status is known, so its posterior is fixed at 1 or 0 instead of estimated, and it counts {@code answerWeight}
     * times in m and u. Answers do not move λ: reviewers answer the uncertain pairs, not a random sample of them.
     * {@code patterns} should hold only the unanswered candidates.
     */
    public Fit fit(List<Comparison> comparisons, LevelPatterns patterns, double[][] u0, double lambda0,
                   LevelPatterns answeredMatches, LevelPatterns answeredNonMatches, double answerWeight) {
        int k = comparisons.size();
        double[][] m = initialM(comparisons);
        double[][] u = copy(u0);
        double lambda = lambda0;
        List<int[]> vectors = patterns.patterns();
        long[] counts = patterns.counts();
        int iteration = 0;
        for (; iteration < maxIterations; iteration++) {
            // E step: posterior match probability of each pattern.
            double[] posterior = new double[vectors.size()];
            for (int p = 0; p < vectors.size(); p++) {
                int[] g = vectors.get(p);
                double lm = Math.log(lambda), lu = Math.log(1 - lambda);
                for (int c = 0; c < k; c++) {
                    if (g[c] == Comparison.NULL) continue;
                    lm += Math.log(m[c][g[c]]);
                    lu += Math.log(u[c][g[c]]);
                }
                posterior[p] = 1 / (1 + Math.exp(lu - lm));
            }
            // M step: m (and u) as posterior-weighted level shares; λ as the mean posterior.
            double[][] mNum = new double[k][], uNum = new double[k][];
            for (int c = 0; c < k; c++) {
                mNum[c] = new double[m[c].length];
                uNum[c] = new double[m[c].length];
            }
            double matches = 0, total = 0;
            for (int p = 0; p < vectors.size(); p++) {
                int[] g = vectors.get(p);
                double w = posterior[p] * counts[p], nw = (1 - posterior[p]) * counts[p];
                matches += w;
                total += counts[p];
                for (int c = 0; c < k; c++) {
                    mNum[c][g[c]] += w;
                    uNum[c][g[c]] += nw;
                }
            }
            addAnswers(mNum, answeredMatches, answerWeight);
            addAnswers(uNum, answeredNonMatches, answerWeight);
            double change = 0;
            for (int c = 0; c < k; c++) {
                double[] next = normalise(mNum[c]);
                for (int l = 1; l < next.length; l++) change = Math.max(change, Math.abs(next[l] - m[c][l]));
                m[c] = next;
                u[c] = normalise(uNum[c]);
            }
            double nextLambda = clamp(matches / total);
            change = Math.max(change, Math.abs(nextLambda - lambda));
            lambda = nextLambda;
            if (change < tolerance) {
                iteration++;
                break;
            }
        }
        return new Fit(new MatchModel(comparisons, m, u, lambda, Map.of()), iteration);
    }

    private static void addAnswers(double[][] num, LevelPatterns answered, double weight) {
        if (answered == null) return;
        for (int p = 0; p < answered.patterns().size(); p++) {
            int[] g = answered.patterns().get(p);
            for (int c = 0; c < g.length; c++) num[c][g[c]] += weight * answered.counts()[p];
        }
    }

    private static double[] normalise(double[] num) {
        double total = 0;
        for (int l = 1; l < num.length; l++) total += num[l] + PSEUDO_COUNT;
        double[] out = new double[num.length];
        for (int l = 1; l < num.length; l++) out[l] = (num[l] + PSEUDO_COUNT) / total;
        return out;
    }

    private static double clamp(double lambda) {
        return Math.min(1 - 1e-9, Math.max(1e-9, lambda));
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}
