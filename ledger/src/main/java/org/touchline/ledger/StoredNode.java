package org.touchline.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A hash of a complete subtree at (level, index), see {@link HashReader}, to be persisted.
 *
 * <p>The hash array is not copied (this record is made twice per append on the hot path):
 * treat it as immutable.
 */
public record StoredNode(int level, long index, byte[] hash) {
    public StoredNode {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("level must be in 0..63, got " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative, got " + index);
        }
        if (hash == null || hash.length != Hashes.SIZE) {
            throw new IllegalArgumentException("hash must be " + Hashes.SIZE + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredNode n && n.level == level && n.index == index && Arrays.equals(n.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "StoredNode[level=" + level + ", index=" + index + ", hash=" + HexFormat.of().formatHex(hash) + "]";
    }
}
