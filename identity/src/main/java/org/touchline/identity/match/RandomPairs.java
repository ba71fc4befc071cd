package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Estimates u probabilities from pairs drawn at random: almost every random pair is two different entities, so the
 * share of each level among them is u (the approach of Splink's {@code estimate_u_using_random_sampling}). Counts get
 * a half-count of smoothing so a level never seen in the sample (an exact national id) has a small u, not zero.
 */
public final class RandomPairs {
    private RandomPairs() {}

    /**
     * @param link   when true pairs are drawn across sources only
     * @param pairs  how many pairs to draw (with replacement)
     * @param seed   fixed seed: the same records give the same model
     */
    public static double[][] estimateU(List<Comparison> comparisons, List<MatchRecord> records, boolean link,
                                       int pairs, long seed, Progress progress) {
        return estimateU(comparisons, records, (c, a, b) -> {
            Comparison cmp = comparisons.get(c);
            return cmp.level(records.get(a).value(cmp.column()), records.get(b).value(cmp.column()));
        }, link, pairs, seed, progress);
    }

    /** The same, comparing values normalised once per run: the same sample and the same levels, faster. */
    static double[][] estimateU(List<Comparison> comparisons, List<MatchRecord> records, NormalisedValues values,
                                boolean link, int pairs, long seed, Progress progress) {
        return estimateU(comparisons, records, values::level, link, pairs, seed, progress);
    }

    /** The level comparison {@code c} gives records {@code a} and {@code b}. */
    private interface PairLevel {
        int level(int c, int a, int b);
    }

    private static double[][] estimateU(List<Comparison> comparisons, List<MatchRecord> records, PairLevel pairLevel,
                                        boolean link, int pairs, long seed, Progress progress) {
        int n = records.size();
        double[][] counts = new double[comparisons.size()][];
        for (int c = 0; c < counts.length; c++) counts[c] = new double[comparisons.get(c).levelCount()];
        int[] sourceA = null, sourceB = null;
        if (link) {
            sourceB = indexesOf(records, 1);
            sourceA = indexesOf(records, 0);
        }
        if (n < 2 || (link && (sourceA.length == 0 || sourceB.length == 0))) return smoothed(counts);
        // Fixed chunks, each with its own generator split from the seed in order: the same sample on any number of cores.
        int chunk = 65_536;
        int chunks = (pairs + chunk - 1) / chunk;
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[chunks];
        for (int i = 0; i < chunks; i++) randoms[i] = root.split();
        final int[] fa = sourceA, fb = sourceB;
        AtomicLong done = new AtomicLong();
        double[][][] partial = new double[chunks][][];
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            SplittableRandom random = randoms[ch];
            double[][] local = new double[comparisons.size()][];
            for (int c = 0; c < local.length; c++) local[c] = new double[comparisons.get(c).levelCount()];
            int count = Math.min(chunk, pairs - ch * chunk);
            for (int p = 0; p < count; p++) {
                int a, b;
                if (link) {
                    a = fa[random.nextInt(fa.length)];
                    b = fb[random.nextInt(fb.length)];
                } else {
                    a = random.nextInt(n);
                    b = random.nextInt(n - 1);
                    if (b >= a) b++;
                }
                for (int c = 0; c < local.length; c++) local[c][pairLevel.level(c, a, b)]++;
            }
            partial[ch] = local;
            progress.update("estimating u from random pairs", done.addAndGet(count), pairs);
        });
        for (double[][] local : partial)
            for (int c = 0; c < counts.length; c++)
                for (int l = 0; l < counts[c].length; l++) counts[c][l] += local[c][l];
        progress.update("estimating u from random pairs", pairs, pairs);
        return smoothed(counts);
    }

    private static int[] indexesOf(List<MatchRecord> records, int source) {
        return IntStream.range(0, records.size()).filter(i -> records.get(i).source() == source).toArray();
    }

    /** Shares of the non-null levels, each count plus one half. */
    static double[][] smoothed(double[][] counts) {
        double[][] out = new double[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            int levels = counts[c].length;
            double total = 0;
            for (int l = 1; l < levels; l++) total += counts[c][l] + 0.5;
            out[c] = new double[levels];
            for (int l = 1; l < levels; l++) out[c][l] = (counts[c][l] + 0.5) / total;
        }
        return out;
    }
}
