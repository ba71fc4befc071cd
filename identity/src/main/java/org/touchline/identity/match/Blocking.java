package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocking: only records that share a key under at least one rule are compared (an OR of rules), which keeps the
 * number of comparisons near linear instead of all n(n-1)/2 pairs. A block larger than {@code maxBlockSize} records
 * is skipped (and counted) so one very common key (a big city's postcode, the word "database") cannot explode the
 * run; the other rules are there to catch its true pairs.
 */
public record Blocking(List<BlockingRule> rules, int maxBlockSize) {
    public Blocking {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) throw new IllegalArgumentException("blocking needs at least one rule");
        if (maxBlockSize < 2) throw new IllegalArgumentException("maxBlockSize must be at least 2");
    }

    /**
     * Candidate pairs among {@code records}. When {@code link} is true only pairs from different sources are kept
     * (linking two files); otherwise every pair within a block (deduplicating one file).
     */
    public CandidatePairs candidates(List<MatchRecord> records, boolean link, Progress progress) {
        long[] pairs = new long[1024];
        int count = 0;
        int skippedBlocks = 0;
        long skippedPairs = 0;
        int ruleNo = 0;
        for (BlockingRule rule : rules) {
            ruleNo++;
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                for (String key : rule.keys(records.get(i))) blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            long done = 0;
            for (List<Integer> block : blocks.values()) {
                if ((++done & 0xfff) == 0 || done == blocks.size())
                    progress.update("blocking (rule " + ruleNo + "/" + rules.size() + ")", done, blocks.size());
                int n = block.size();
                if (n < 2) continue;
                if (n > maxBlockSize) {
                    skippedBlocks++;
                    skippedPairs += (long) n * (n - 1) / 2;
                    continue;
                }
                for (int x = 0; x < n; x++) {
                    int a = block.get(x);
                    for (int y = x + 1; y < n; y++) {
                        int b = block.get(y);
                        if (link && records.get(a).source() == records.get(b).source()) continue;
                        if (count == pairs.length) pairs = Arrays.copyOf(pairs, pairs.length * 2);
                        pairs[count++] = CandidatePairs.pack(a, b);
                    }
                }
            }
            // Sort and drop repeats after each rule so memory stays at the distinct pairs, not the sum over rules.
            count = distinct(pairs, count);
        }
        return new CandidatePairs(Arrays.copyOf(pairs, count), skippedBlocks, skippedPairs);
    }

    private static int distinct(long[] a, int n) {
        Arrays.sort(a, 0, n);
        int out = 0;
        for (int i = 0; i < n; i++) if (out == 0 || a[out - 1] != a[i]) a[out++] = a[i];
        return out;
    }
}
