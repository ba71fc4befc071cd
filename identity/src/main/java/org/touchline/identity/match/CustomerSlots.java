package org.touchline.identity.match;

import java.util.Arrays;

/**
 * Customer ids of the online matcher, each given a small int slot that the profile array and the block chains are
 * indexed by. An open-addressing table (linear probing, backward-shift deletion) maps an id to its slot: about 8 bytes
 * per customer beyond the id string itself, where a {@code HashMap<String, Integer>} costs some 50. Freed slots are
 * reused last-freed first, so the same calls in the same order always give the same slots.
 */
final class CustomerSlots {
    private String[] ids = new String[16];
    /** slot + 1 per table position; 0 is empty. */
    private int[] table = new int[32];
    private int[] free = new int[16];
    private int freeCount;
    private int used;
    private int size;

    /** The slot of an id, or -1. */
    /** The id held in a slot, or null for a free one. */
    String idOf(int slot) { return slot < used ? ids[slot] : null; }

    /** One past the highest slot ever used: slots below it are held or free. */
    int limit() { return used; }

    int slotOf(String id) {
        int mask = table.length - 1;
        for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
            int s = table[i] - 1;
            if (s < 0) return -1;
            if (ids[s].equals(id)) return s;
        }
    }

    /** Gives a new id a slot (the id must not have one). */
    int add(String id) {
        int slot = freeCount > 0 ? free[--freeCount] : used++;
        if (slot >= ids.length) ids = Arrays.copyOf(ids, ids.length * 2);
        ids[slot] = id;
        if (++size * 2 > table.length) rehash(table.length * 2);
        insert(slot);
        return slot;
    }

    /** Frees the slot of an id that has one. */
    void remove(int slot) {
        int mask = table.length - 1;
        int i = spread(ids[slot].hashCode()) & mask;
        while (table[i] - 1 != slot) i = (i + 1) & mask;
        // Backward-shift deletion: move later entries of the probe run into the gap so no search stops early.
        for (int gap = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            int s = table[j] - 1;
            if (s < 0) {
                table[gap] = 0;
                break;
            }
            int home = spread(ids[s].hashCode()) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                table[gap] = table[j];
                gap = j;
            }
        }
        ids[slot] = null;
        size--;
        if (freeCount == free.length) free = Arrays.copyOf(free, free.length * 2);
        free[freeCount++] = slot;
    }

    String id(int slot) { return ids[slot]; }

    int size() { return size; }

    /** One more than the highest slot ever used: the length arrays indexed by slot need. */
    int capacity() { return used; }

    private void insert(int slot) {
        int mask = table.length - 1;
        int i = spread(ids[slot].hashCode()) & mask;
        while (table[i] != 0) i = (i + 1) & mask;
        table[i] = slot + 1;
    }

    private void rehash(int length) {
        int[] old = table;
        table = new int[length];
        for (int v : old) if (v != 0) insert(v - 1);
    }

    /** String hashes of similar ids differ in the low bits only a little: mix them before masking. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
