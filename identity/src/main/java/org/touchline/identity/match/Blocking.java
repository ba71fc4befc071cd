package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
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
            BlockIndex blocks = BlockIndex.of(rules.get(r).fitted(records), records);
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

    /**
     * The candidate pairs of {@link #candidates candidates(records, false, progress)} block by block, without holding
     * them: for a run too large to keep every pair in memory (ten million people give some 700 million pairs). Each
     * kept block (2 to the rule's cap) is handed to {@code visitor}, several blocks at once on all cores; a pair held by
     * several blocks is to be taken only in the first, which {@link Block#firstHolds} tells. Memory is the block
     * indexes of all rules (a few ints per record and rule), not the pairs. Needs rules that give each record at most
     * one key (as the online matcher's do). Returns how many pairs the blocks hold, each counted once.
     */
    public long forEachBlock(List<MatchRecord> records, Progress progress, Consumer<Block> visitor) {
        long budget = Math.max(MIN_PAIRS_PER_RULE, (long) maxPairsPerRecord * records.size());
        int n = records.size();
        BlockIndex[] index = new BlockIndex[rules.size()];
        int[] caps = new int[rules.size()];
        int[][] blockOf = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            progress.update("blocking (rule " + (r + 1) + "/" + rules.size() + ")", 0, 1);
            BlockIndex blocks = index[r] = BlockIndex.of(rules.get(r).fitted(records), records);
            long[] cost = new long[blocks.blocks()];
            for (int b = 0; b < cost.length; b++) cost[b] = pairsIn(blocks, b, records, false);
            int cap = caps[r] = cap(blocks, cost, budget);
            int[] of = blockOf[r] = new int[n];
            Arrays.fill(of, -1);
            for (int b = 0; b < blocks.blocks(); b++) {
                int size = blocks.size(b);
                if (size < 2 || size > cap) continue;
                for (int k = 0; k < size; k++) {
                    int m = blocks.member(b, k);
                    if (of[m] >= 0) throw new IllegalStateException("blocking rule '" + rules.get(r) + "' gives record "
                            + records.get(m).id() + " several keys; forEachBlock needs one key per record and rule");
                    of[m] = b;
                }
            }
        }
        LongAdder pairs = new LongAdder();
        for (int r = 0; r < rules.size(); r++) {
            int rule = r, cap = caps[r];
            BlockIndex blocks = index[r];
            AtomicLong done = new AtomicLong();
            String phase = "blocks of rule " + (r + 1) + "/" + rules.size();
            IntStream.range(0, blocks.blocks()).parallel().forEach(b -> {
                int size = blocks.size(b);
                if (size >= 2 && size <= cap) {
                    int[] members = new int[size];
                    for (int k = 0; k < size; k++) members[k] = blocks.member(b, k);
                    Block block = new Block(rule, members, blockOf);
                    long held = 0;
                    for (int x = 0; x < size; x++) for (int y = x + 1; y < size; y++) if (block.firstHolds(x, y)) held++;
                    pairs.add(held);
                    visitor.accept(block);
                }
                long d = done.incrementAndGet();
                if (d % 4_096 == 0) progress.update(phase, d, blocks.blocks());
            });
            progress.update(phase, blocks.blocks(), blocks.blocks());
        }
        return pairs.sum();
    }

    /** One kept block of {@link #forEachBlock}: the rule, its members (record indexes, in record order). */
    public static final class Block {
        private final int rule;
        private final int[] members;
        private final int[][] blockOf;

        private Block(int rule, int[] members, int[][] blockOf) {
            this.rule = rule;
            this.members = members;
            this.blockOf = blockOf;
        }

        public int rule() { return rule; }

        public int size() { return members.length; }

        /** Record index of member {@code k}. */
        public int member(int k) { return members[k]; }

        /** Whether this is the first kept block holding members {@code x} and {@code y}: no earlier rule's kept block does. */
        public boolean firstHolds(int x, int y) {
            int a = members[x], b = members[y];
            for (int r = 0; r < rule; r++) if (blockOf[r][a] >= 0 && blockOf[r][a] == blockOf[r][b]) return false;
            return true;
        }
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
