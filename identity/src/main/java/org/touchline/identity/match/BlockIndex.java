package org.touchline.identity.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The blocks of one blocking rule: the records that share each key, stored flat (block b's members are
 * {@code members[start[b] .. start[b+1])}, in record order) rather than as a map of boxed lists, so a million records
 * cost a few int arrays per rule.
 */
final class BlockIndex {
    private final int[] start;
    private final int[] members;

    private BlockIndex(int[] start, int[] members) {
        this.start = start;
        this.members = members;
    }

    static BlockIndex of(BlockingRule rule, List<MatchRecord> records) {
        int n = records.size();
        @SuppressWarnings("unchecked")
        List<String>[] keys = new List[n];
        IntStream.range(0, n).parallel().forEach(i -> keys[i] = rule.keys(records.get(i)));
        // Block numbers in order of first appearance, so the index is the same whatever the hash order.
        Map<String, Integer> blockOf = new HashMap<>();
        int entries = 0;
        for (List<String> k : keys) entries += k.size();
        int[] entryBlock = new int[entries];
        int e = 0;
        for (List<String> k : keys)
            for (String key : k) {
                Integer b = blockOf.putIfAbsent(key, blockOf.size());
                entryBlock[e++] = b == null ? blockOf.size() - 1 : b;
            }
        int blocks = blockOf.size();
        int[] start = new int[blocks + 1];
        for (int b : entryBlock) start[b + 1]++;
        for (int b = 0; b < blocks; b++) start[b + 1] += start[b];
        int[] fill = start.clone();
        int[] members = new int[entries];
        e = 0;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < keys[i].size(); k++) members[fill[entryBlock[e++]]++] = i;
        return new BlockIndex(start, members);
    }

    int blocks() { return start.length - 1; }

    int size(int block) { return start[block + 1] - start[block]; }

    int member(int block, int k) { return members[start[block] + k]; }
}
