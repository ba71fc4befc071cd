package org.touchline.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The right edge of an RFC 6962 Merkle tree: for a tree of size n, the hashes of the maximal
 * complete subtrees, one for each set bit of n (so at most 64). That is all an appender needs
 * to add a leaf and to compute the root, in O(log n) hashing and O(1) amortised.
 *
 * <p>{@code perfect[level]} holds the hash of the complete subtree of 2^level leaves that
 * sits on the right edge, and is non-null exactly when bit {@code level} of the size is set.
 *
 * <p>Mutable and not thread-safe: one appender owns it; hand out {@link #copy()}s.
 */
public final class Frontier {
    private final byte[][] perfect;
    private long size;

    private Frontier(byte[][] perfect, long size) {
        this.perfect = perfect;
        this.size = size;
    }

    /** The frontier of the empty tree. */
    public static Frontier empty() {
        return new Frontier(new byte[64][], 0);
    }

    /**
     * Rebuilds the frontier of a tree of {@code size} leaves from storage, reading the
     * O(log n) complete-subtree hashes on its right edge (largest first).
     */
    public static Frontier load(long size, HashReader reader) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be non-negative, got " + size);
        }
        byte[][] perfect = new byte[64][];
        List<Subtree> edge = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                edge.add(new Subtree(level, start >>> level));
                start += 1L << level;
            }
        }
        List<byte[]> hashes = reader.hashes(edge); // one request: storage may answer it in one read
        for (int i = 0; i < edge.size(); i++) {
            Subtree s = edge.get(i);
            byte[] hash = i < hashes.size() ? hashes.get(i) : null;
            checkHash(hash, s.level(), s.index());
            perfect[s.level()] = hash;
        }
        return new Frontier(perfect, size);
    }

    public long size() {
        return size;
    }

    /**
     * Appends a leaf hash. Emits the leaf (level 0) and then every internal node the leaf
     * completes, bottom-up, so a store can persist every complete subtree hash
     * (what {@link HashReader} later serves).
     */
    public void append(byte[] leafHash, Consumer<StoredNode> completed) {
        if (leafHash == null || leafHash.length != Hashes.SIZE) {
            throw new IllegalArgumentException("leaf hash must be " + Hashes.SIZE + " bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        long index = size;
        byte[] hash = leafHash;
        int level = 0;
        completed.accept(new StoredNode(0, index, hash));
        // Like binary increment: every set low bit of the size is a complete subtree that
        // merges with the new one into a subtree one level higher.
        while ((size & (1L << level)) != 0) {
            hash = Hashes.nodeHash(perfect[level], hash);
            perfect[level] = null;
            level++;
            index >>>= 1;
            completed.accept(new StoredNode(level, index, hash));
        }
        perfect[level] = hash;
        size++;
    }

    /**
     * The RFC 6962 §2.1 Merkle Tree Hash of the current tree: the right-edge subtrees folded
     * from the smallest (rightmost) to the largest, which is the MTH recursion split at the
     * largest power of two at every step. {@link Hashes#emptyRoot()} for size 0.
     */
    public byte[] root() {
        byte[] hash = null;
        for (int level = 0; level < 64; level++) {
            if (perfect[level] != null) {
                hash = hash == null ? perfect[level] : Hashes.nodeHash(perfect[level], hash);
            }
        }
        return hash == null ? Hashes.emptyRoot() : hash.clone();
    }

    /** An independent copy (hash arrays are shared: they are never modified). */
    public Frontier copy() {
        return new Frontier(perfect.clone(), size);
    }

    static void checkHash(byte[] hash, int level, long index) throws IOException {
        if (hash == null || hash.length != Hashes.SIZE) {
            throw new IOException("storage returned " + (hash == null ? "no hash" : hash.length + " bytes")
                    + " for node level " + level + " index " + index);
        }
    }
}
