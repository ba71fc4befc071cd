package org.touchline.identity.match;

import java.util.HashMap;
import java.util.Map;

/**
 * What reviewers said about pairs that look alike: their answers grouped by comparison pattern (the level of every
 * comparison). The Fellegi-Sunter model treats comparisons as independent; on text the name's words, its codes and its
 * rarest words are not, so the model can be sure and wrong about a whole pattern. Answers correct it pattern by pattern:
 * the model's probability p is a prior worth {@link #PRIOR_ANSWERS} answers, updated by the answers given (a Beta
 * posterior, {@code (matches + K p) / (answers + K)}), and the difference is added to the pair's weight in bits. A
 * pattern nobody answered keeps the model's weight, so with no answers the matcher is exactly the unsupervised one.
 */
final class ReviewedPatterns {
    /**
     * How many answers the model's own probability counts for. A pattern holds pairs that differ in what the levels do
     * not show, so two answers must not overturn it for all its pairs: with a weaker prior (2) a few "different"
     * answers dropped whole patterns of mostly true pairs, and answers lost F1 on seeded catalogues.
     */
    static final double PRIOR_ANSWERS = 10;

    private final Map<Long, int[]> answers = new HashMap<>();

    /** A pattern packed in a long, 4 bits per comparison (as {@link LevelPatterns} packs them). */
    static long key(byte[] levels, int offset, int k) {
        long key = 0;
        for (int c = 0; c < k; c++) key = (key << 4) | (levels[offset + c] & 0xf);
        return key;
    }

    static long key(int[] levels) {
        long key = 0;
        for (int level : levels) key = (key << 4) | (level & 0xf);
        return key;
    }

    void add(long pattern, boolean match) {
        answers.computeIfAbsent(pattern, p -> new int[2])[match ? 0 : 1]++;
    }

    boolean isEmpty() { return answers.isEmpty(); }

    /** Answers given on this pattern. */
    int answered(long pattern) {
        int[] a = answers.get(pattern);
        return a == null ? 0 : a[0] + a[1];
    }

    /** Bits to add to a pair's model weight given the answers on its pattern; 0 when there are none. */
    double adjustment(long pattern, double weight) {
        int[] a = answers.get(pattern);
        if (a == null) return 0;
        double p = MatchScore.probability(weight);
        double posterior = (a[0] + PRIOR_ANSWERS * p) / (a[0] + a[1] + PRIOR_ANSWERS);
        posterior = Math.min(1 - 1e-9, Math.max(1e-9, posterior));
        return MatchModel.log2(posterior / (1 - posterior)) - weight;
    }
}
