package org.touchline.ledger;

/**
 * The complete subtree of height {@code level} covering leaves {@code [index * 2^level, (index + 1) * 2^level)}: where
 * a stored hash sits ({@link HashReader}), Go's tlog {@code StoredHashIndex(level, index)}.
 */
public record Subtree(int level, long index) {
    public Subtree {
        if (level < 0 || level > 63) throw new IllegalArgumentException("level must be in 0..63, got " + level);
        if (index < 0 || index > (Long.MAX_VALUE >>> level)) throw new IllegalArgumentException("no subtree at level " + level + " index " + index);
    }
}
