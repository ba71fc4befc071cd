package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which candidate pairs to ask a reviewer about next (active learning, as dedupe and Splink's labelling tools do it):
 * the ones whose answers fix the most decisions. Pairs with the same comparison pattern get the same decision, so
 * patterns are ranked by the link decisions they probably get wrong (over their pairs, 1 - p for a pair linked, p for one
 * not), divided by one plus the answers the pattern already has (a pattern answered twice is settled more than one
 * never asked about); from each of the top patterns the pair nearest the link threshold is asked. One pair per pattern per batch, so a batch spreads over
 * the doubtful region instead of asking ten times about one pattern.
 */
public final class UncertaintySampling {
    private UncertaintySampling() {}

    /** A pair to ask about: its candidate index, record indexes and match probability now. */
    public record Question(int candidate, int left, int right, double probability) {}

    /**
     * Up to {@code n} questions among the candidates not yet asked ({@code asked}: packed pairs), given each
     * candidate's probability ({@link ProbabilisticMatcher.Compared#probabilities}) and the probability from which a
     * pair is linked: a pair at or above it is wrong with probability 1 - p, one below it with probability p.
     */
    public static List<Question> next(ProbabilisticMatcher.Compared compared, double[] probability, double linkThreshold,
                                      Set<Long> asked, int n) {
        CandidatePairs candidates = compared.candidates();
        Map<Long, double[]> byPattern = new HashMap<>(); // expected errors, answers, best candidate, its distance from 0.5
        for (int i = 0; i < candidates.size(); i++) {
            long pattern = compared.pattern(i);
            double[] s = byPattern.computeIfAbsent(pattern, x -> new double[]{0, 0, -1, 2});
            double p = probability[i];
            s[0] += p >= linkThreshold ? 1 - p : p;
            if (asked.contains(candidates.packed()[i])) {
                s[1]++;
                continue;
            }
            double distance = Math.abs(p - linkThreshold);
            if (distance < s[3]) {
                s[2] = i;
                s[3] = distance;
            }
        }
        List<double[]> ranked = new ArrayList<>();
        for (double[] s : byPattern.values()) if (s[2] >= 0 && s[0] > 1e-6) ranked.add(s);
        // Ties by candidate index, so the same data asks the same questions in the same order.
        ranked.sort(Comparator.comparingDouble((double[] s) -> -s[0] / (1 + s[1])).thenComparingDouble(s -> s[2]));
        List<Question> out = new ArrayList<>();
        for (double[] s : ranked) {
            if (out.size() == n) break;
            int i = (int) s[2];
            out.add(new Question(i, candidates.left(i), candidates.right(i), probability[i]));
        }
        return out;
    }
}
