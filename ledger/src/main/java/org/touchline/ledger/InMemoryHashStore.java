package org.touchline.ledger;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Keeps every {@link StoredNode} a {@link Frontier} emits in memory, one flat byte array per
 * level, and serves them back as a {@link HashReader}. For tests, tools and small logs
 * (level 0 is one array, so at most 2^26 leaves).
 *
 * <p>Nodes must arrive in the order a Frontier emits them (each level's indices 0, 1, 2, ...).
 * Not thread-safe.
 */
public final class InMemoryHashStore implements HashReader, Consumer<StoredNode> {
    private final byte[][] levels = new byte[64][];
    private final long[] counts = new long[64];

    @Override
    public void accept(StoredNode node) {
        int level = node.level();
        if (node.index() != counts[level]) {
            throw new IllegalStateException("expected node level " + level + " index " + counts[level]
                    + ", got index " + node.index());
        }
        byte[] data = levels[level];
        long end = (counts[level] + 1) * Hashes.SIZE;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("in-memory store is full at level " + level);
        }
        if (data == null || data.length < end) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, data == null ? 1024 : 2L * data.length));
            levels[level] = data = data == null ? new byte[capacity] : Arrays.copyOf(data, capacity);
        }
        System.arraycopy(node.hash(), 0, data, (int) (end - Hashes.SIZE), Hashes.SIZE);
        counts[level]++;
    }

    @Override
    public byte[] hash(int level, long index) throws IOException {
        if (level < 0 || level > 63 || index < 0 || index >= counts[level]) {
            throw new IOException("no hash stored at level " + level + " index " + index);
        }
        int offset = (int) (index * Hashes.SIZE);
        return Arrays.copyOfRange(levels[level], offset, offset + Hashes.SIZE);
    }

    /** How many hashes are stored at a level (at level 0: the number of leaves). */
    public long count(int level) {
        return counts[level];
    }
}
