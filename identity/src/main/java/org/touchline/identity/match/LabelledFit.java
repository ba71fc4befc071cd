package org.touchline.identity.match;

import java.util.List;
import java.util.Map;

/**
 * Fits m, u and λ from labelled candidate pairs when the user has them: m and u are the level shares among the
 * pairs marked as matches and non-matches, λ the share of matches (maximum likelihood with a half-count of
 * smoothing). With few non-match labels, pass u from {@link RandomPairs} instead.
 */
public final class LabelledFit {
    private LabelledFit() {}

    /** @param u optional u estimated elsewhere (random pairs); null to take u from the non-match labels */
    public static MatchModel fit(List<Comparison> comparisons, List<int[]> levels, List<Boolean> isMatch, double[][] u) {
        if (levels.size() != isMatch.size()) throw new IllegalArgumentException("one label per pair");
        double[][] mCounts = new double[comparisons.size()][], uCounts = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            mCounts[c] = new double[comparisons.get(c).levelCount()];
            uCounts[c] = new double[comparisons.get(c).levelCount()];
        }
        long matches = 0;
        for (int i = 0; i < levels.size(); i++) {
            int[] g = levels.get(i);
            boolean match = isMatch.get(i);
            if (match) matches++;
            for (int c = 0; c < g.length; c++) (match ? mCounts : uCounts)[c][g[c]]++;
        }
        if (matches == 0 || matches == levels.size())
            throw new IllegalArgumentException("labels need both matches and non-matches");
        double lambda = matches / (double) levels.size();
        return new MatchModel(comparisons, RandomPairs.smoothed(mCounts),
                u != null ? u : RandomPairs.smoothed(uCounts), lambda, Map.of());
    }
}
