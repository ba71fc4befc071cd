package org.touchline.identity.match;

import java.util.Arrays;

/**
 * The pairs of record indexes blocking selected, each once, sorted; plus how much the block size cap left out.
 * A pair is packed in a long (left index in the high half) so millions of pairs cost 8 bytes each.
 */
public record CandidatePairs(long[] packed, int skippedBlocks, long skippedPairs) {
    public int size() { return packed.length; }

    public int left(int i) { return (int) (packed[i] >>> 32); }

    public int right(int i) { return (int) packed[i]; }

    /** Packs a pair with the smaller index first. */
    public static long pack(int a, int b) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }

    public boolean contains(int a, int b) {
        return Arrays.binarySearch(packed, pack(a, b)) >= 0;
    }
}
