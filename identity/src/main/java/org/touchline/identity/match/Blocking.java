package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Blocking: only records that share a key under at least one rule are compared (an OR of rules), which keeps the
 * number of comparisons near linear instead of all n(n-1)/2 pairs. Two caps keep one rule from exploding the run:
 * <ul>
 *   <li>a block larger than {@code maxBlockSize} records is skipped (and counted), so one very common key (a big
 *   city's postcode, the word "database") cannot take over; the other rules are there to catch its true pairs;</li>
 *   <li>a rule may give at most {@code maxPairsPerRecord} pairs per record (and never less than
 *   {@link #MIN_PAIRS_PER_RULE}): past that its largest blocks are skipped, largest first. A block of size s costs
 *   s(s-1)/2 pairs, so without this a key whose blocks grow with the data (first-name prefix and postcode area, year of
 *   birth) makes the work grow with the square of the records: the FEBRL rules give 4 pairs per record on 10,000
 *   records and 180 on a million. Small runs never reach the budget.</li>
 * </ul>
 */
public record Blocking(List<BlockingRule> rules, int maxBlockSize, int maxPairsPerRecord) {
    /** Below this many pairs a rule is cheap whatever its keys: the budget only bites at scale. */
    public static final long MIN_PAIRS_PER_RULE = 1_000_000;
    public static final int DEFAULT_MAX_PAIRS_PER_RECORD = 10;

    public Blocking {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) throw new IllegalArgumentException("blocking needs at least one rule");
        if (maxBlockSize < 2) throw new IllegalArgumentException("maxBlockSize must be at least 2");
        if (maxPairsPerRecord < 1) throw new IllegalArgumentException("maxPairsPerRecord must be at least 1");
    }

    public Blocking(List<BlockingRule> rules, int maxBlockSize) {
        this(rules, maxBlockSize, DEFAULT_MAX_PAIRS_PER_RECORD);
    }

    /**
     * Candidate pairs among {@code records}. When {@code link} is true only pairs from different sources are kept
     * (linking two files); otherwise every pair within a block (deduplicating one file).
     */
    public CandidatePairs candidates(List<MatchRecord> records, boolean link, Progress progress) {
        long budget = Math.max(MIN_PAIRS_PER_RULE, (long) maxPairsPerRecord * records.size());
        long[] pairs = new long[0];
        int skippedBlocks = 0;
        long skippedPairs = 0;
        for (int r = 0; r < rules.size(); r++) {
            String phase = "blocking (rule " + (r + 1) + "/" + rules.size() + ")";
            progress.update(phase, 0, 3);
            BlockIndex blocks = BlockIndex.of(rules.get(r), records);
            long[] cost = new long[blocks.blocks()];
            for (int b = 0; b < cost.length; b++) cost[b] = pairsIn(blocks, b, records, link);
            int cap = cap(blocks, cost, budget);
            long[] offset = new long[cost.length + 1];
            for (int b = 0; b < cost.length; b++) {
                int n = blocks.size(b);
                boolean kept = n >= 2 && n <= cap;
                if (!kept && n > cap) {
                    skippedBlocks++;
                    skippedPairs += (long) n * (n - 1) / 2;
                }
                offset[b + 1] = offset[b] + (kept ? cost[b] : 0);
            }
            progress.update(phase, 1, 3);
            long[] rulePairs = new long[Math.toIntExact(offset[cost.length])];
            IntStream.range(0, cost.length).parallel().forEach(b -> {
                int n = blocks.size(b);
                if (n < 2 || n > cap) return;
                int at = (int) offset[b];
                for (int x = 0; x < n; x++) {
                    int a = blocks.member(b, x);
                    for (int y = x + 1; y < n; y++) {
                        int c = blocks.member(b, y);
                        if (link && records.get(a).source() == records.get(c).source()) continue;
                        rulePairs[at++] = CandidatePairs.pack(a, c);
                    }
                }
            });
            progress.update(phase, 2, 3);
            Arrays.parallelSort(rulePairs);
            // Merge into the pairs so far, each pair once: memory stays at the distinct pairs, not the sum over rules.
            pairs = union(pairs, rulePairs, distinct(rulePairs));
            progress.update(phase, 3, 3);
        }
        return new CandidatePairs(pairs, skippedBlocks, skippedPairs);
    }

    /** The pairs a block gives: all of them, or when linking only those across the two sources. */
    private static long pairsIn(BlockIndex blocks, int b, List<MatchRecord> records, boolean link) {
        long n = blocks.size(b);
        if (!link) return n * (n - 1) / 2;
        long first = 0;
        for (int k = 0; k < n; k++) if (records.get(blocks.member(b, k)).source() == 0) first++;
        return first * (n - first);
    }

    /**
     * The largest block size kept: {@code maxBlockSize}, lowered until the blocks at or under it give at most
     * {@code budget} pairs. Whole sizes are kept or skipped, so the choice does not depend on the order of blocks.
     */
    private int cap(BlockIndex blocks, long[] cost, long budget) {
        long[] bySize = new long[maxBlockSize + 1];
        for (int b = 0; b < cost.length; b++) {
            int n = blocks.size(b);
            if (n >= 2 && n <= maxBlockSize) bySize[n] += cost[b];
        }
        long total = 0;
        for (int s = 2; s <= maxBlockSize; s++) {
            if (total + bySize[s] > budget) return s - 1;
            total += bySize[s];
        }
        return maxBlockSize;
    }

    /** Drops repeats from a sorted array in place; returns how many distinct values lead it. */
    private static int distinct(long[] a) {
        int out = 0;
        for (int i = 0; i < a.length; i++) if (out == 0 || a[out - 1] != a[i]) a[out++] = a[i];
        return out;
    }

    /** The sorted union of two sorted, distinct arrays (the second's first {@code bn} values). */
    private static long[] union(long[] a, long[] b, int bn) {
        long[] out = new long[a.length + bn];
        int i = 0, j = 0, o = 0;
        while (i < a.length && j < bn) {
            if (a[i] < b[j]) out[o++] = a[i++];
            else if (a[i] > b[j]) out[o++] = b[j++];
            else {
                out[o++] = a[i++];
                j++;
            }
        }
        while (i < a.length) out[o++] = a[i++];
        while (j < bn) out[o++] = b[j++];
        return o == out.length ? out : Arrays.copyOf(out, o);
    }
}
