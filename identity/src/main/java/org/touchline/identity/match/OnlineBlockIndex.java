package org.touchline.identity.match;

import java.util.Arrays;

/**
 * The blocks of the online matcher without an object per block: a block is named by a 64-bit hash of its rule and key,
 * an open-addressing table (linear probing, backward-shift deletion) maps that hash to the first slot of the block,
 * and each slot's next slot in the same block is held in one int array per rule. So a block costs about 12 bytes of
 * table (at the table's load) and a customer 4 bytes per rule, whatever the block sizes. Each rule gives a customer at
 * most one key, which is why one chain link per rule suffices.
 * <p>
 * Two different keys whose hashes collide share a block: that only adds candidates, which scoring then rejects, and
 * at 64 bits it is rare (about one collision in 10^7 indexes of a few million blocks).
 */
final class OnlineBlockIndex {
    private static final int END = -1;

    private long[] keys = new long[64];
    private int[] heads = new int[64];
    private int blocks;
    /** next[rule][slot]: the next slot in the block the slot has under that rule, or END. */
    private final int[][] next;

    OnlineBlockIndex(int rules) {
        next = new int[rules][16];
    }

    /** The block name of a key under a rule: never 0 (0 marks an empty table position). */
    static long hash(int rule, String key) {
        long h = 0xcbf29ce484222325L ^ rule; // FNV-1a, then a finaliser so the low bits used by the table mix well
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Puts a slot at the head of its block (the slot must not be in a block of this rule). */
    void add(int rule, long key, int slot) {
        if (slot >= next[rule].length) grow(slot + 1);
        int i = find(key);
        if (keys[i] == key) {
            next[rule][slot] = heads[i];
            heads[i] = slot;
            return;
        }
        next[rule][slot] = END;
        keys[i] = key;
        heads[i] = slot;
        if (++blocks * 4 > keys.length * 3) rehash(keys.length * 2);
    }

    /** Takes a slot out of its block; the block disappears with its last slot. */
    void remove(int rule, long key, int slot) {
        int i = find(key);
        if (keys[i] != key) throw new IllegalStateException("slot " + slot + " is in no block of rule " + rule);
        int[] links = next[rule];
        if (heads[i] == slot) {
            heads[i] = links[slot];
            if (heads[i] == END) delete(i);
            return;
        }
        for (int s = heads[i]; s != END; s = links[s]) {
            if (links[s] == slot) {
                links[s] = links[slot];
                return;
            }
        }
        throw new IllegalStateException("slot " + slot + " is not in its block of rule " + rule);
    }

    /**
     * The slots of a block, most recently added first; an empty array when there is no such block, and null when the
     * block holds more than {@code cap} slots (walking stops there, so a huge block costs cap steps, not its size).
     */
    int[] block(int rule, long key, int cap) {
        int i = find(key);
        if (keys[i] != key) return new int[0];
        int[] out = new int[Math.min(cap, 16)];
        int n = 0;
        int[] links = next[rule];
        for (int s = heads[i]; s != END; s = links[s]) {
            if (n == cap) return null;
            if (n == out.length) out = Arrays.copyOf(out, Math.min(cap, out.length * 2));
            out[n++] = s;
        }
        return Arrays.copyOf(out, n);
    }

    int blocks() { return blocks; }

    /** The table position of a key, or the empty position where it would go. */
    private int find(long key) {
        int mask = keys.length - 1;
        int i = (int) key & mask;
        while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private void delete(int i) {
        int mask = keys.length - 1;
        int gap = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = (int) keys[j] & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                heads[gap] = heads[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        blocks--;
    }

    private void rehash(int length) {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[length];
        heads = new int[length];
        for (int p = 0; p < oldKeys.length; p++) {
            if (oldKeys[p] == 0) continue;
            int i = find(oldKeys[p]);
            keys[i] = oldKeys[p];
            heads[i] = oldHeads[p];
        }
    }

    private void grow(int slots) {
        int length = Math.max(slots, next[0].length + (next[0].length >> 1));
        for (int r = 0; r < next.length; r++) next[r] = Arrays.copyOf(next[r], length);
    }
}
