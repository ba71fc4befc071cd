package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The score of one pair: the match weight in bits (prior plus each comparison's log2(m/u)), the match probability it
 * implies, and the evidence: each comparison's level and contribution. This is what a link decision records.
 */
public record MatchScore(double weight, double probability, double priorWeight, int[] levels, double[] contributions) {
    public MatchScore {
        levels = levels.clone();
        contributions = contributions.clone();
    }

    /** Probability from a weight in bits: 2^w / (1 + 2^w). */
    public static double probability(double weight) {
        return 1.0 / (1.0 + Math.pow(2.0, -weight));
    }

    /** One line per comparison, e.g. {@code surname=exact(+9.1)}. */
    public List<String> explain(List<Comparison> comparisons) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison cmp = comparisons.get(c);
            out.add(String.format(Locale.ROOT, "%s=%s(%+.2f)", cmp.column(), cmp.levels().get(levels[c]),
                    contributions[c]));
        }
        return out;
    }
}
