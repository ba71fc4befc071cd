package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct comparison vectors (one level per comparison) seen among candidate pairs, with how often each
 * occurs. EM works on these patterns, not on the pairs: a few hundred patterns stand for millions of pairs.
 */
public record LevelPatterns(List<int[]> patterns, long[] counts) {
    public LevelPatterns {
        patterns = List.copyOf(patterns);
        counts = counts.clone();
        if (patterns.size() != counts.length) throw new IllegalArgumentException("one count per pattern");
    }

    /** Groups level vectors (one per pair) into patterns. */
    public static LevelPatterns of(List<int[]> levels) {
        Map<List<Integer>, long[]> groups = new LinkedHashMap<>();
        Map<List<Integer>, int[]> firsts = new LinkedHashMap<>();
        for (int[] l : levels) {
            List<Integer> key = Arrays.stream(l).boxed().toList();
            groups.computeIfAbsent(key, k -> new long[1])[0]++;
            firsts.putIfAbsent(key, l);
        }
        List<int[]> patterns = new ArrayList<>(firsts.values());
        long[] counts = new long[patterns.size()];
        int i = 0;
        for (long[] c : groups.values()) counts[i++] = c[0];
        return new LevelPatterns(patterns, counts);
    }

    /**
     * Groups a flat array of levels ({@code k} per pair, pair after pair) into patterns; a pattern is packed in a long,
     * 4 bits per comparison, so up to 16 comparisons of at most 16 levels each.
     */
    public static LevelPatterns of(byte[] flat, int k) {
        if (k > 16) throw new IllegalArgumentException("at most 16 comparisons");
        PatternCounts groups = new PatternCounts();
        for (int off = 0; off + k <= flat.length; off += k) {
            long key = 0;
            for (int c = 0; c < k; c++) key = (key << 4) | (flat[off + c] & 0xf);
            groups.add(key);
        }
        List<int[]> patterns = new ArrayList<>(groups.size);
        long[] counts = new long[groups.size];
        for (int i = 0; i < groups.size; i++) {
            int[] g = new int[k];
            long key = groups.keys[i];
            for (int c = k - 1; c >= 0; c--) {
                g[c] = (int) (key & 0xf);
                key >>>= 4;
            }
            patterns.add(g);
            counts[i] = groups.counts[i];
        }
        return new LevelPatterns(patterns, counts);
    }

    /**
     * Counts of packed patterns in order of first appearance (EM's sums then run in the same order every time), in
     * an open-addressing table of primitives: tens of millions of pairs, a few thousand patterns, no boxing.
     */
    private static final class PatternCounts {
        long[] keys = new long[64];
        long[] counts = new long[64];
        int size;
        private int[] slots = new int[256]; // index + 1 into keys, 0 for empty

        void add(long key) {
            int mask = slots.length - 1;
            int h = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
            while (slots[h] != 0) {
                int i = slots[h] - 1;
                if (keys[i] == key) {
                    counts[i]++;
                    return;
                }
                h = (h + 1) & mask;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            keys[size] = key;
            counts[size] = 1;
            slots[h] = ++size;
            if (size * 2 > slots.length) rehash();
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int i = 0; i < size; i++) {
                int h = Long.hashCode(keys[i] * 0x9E3779B97F4A7C15L) & mask;
                while (slots[h] != 0) h = (h + 1) & mask;
                slots[h] = i + 1;
            }
        }
    }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }
}
