package org.touchline.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads stored hashes of complete (perfect) subtrees. Storage adapters implement it.
 *
 * <p>{@code hash(level, index)} is the hash of the complete subtree of height {@code level}
 * covering leaves {@code [index * 2^level, (index + 1) * 2^level)}; level 0 holds the leaf
 * hashes. These are exactly the nodes a {@link Frontier} emits as they complete, so a store
 * that keeps every emitted {@link StoredNode} can answer every read the proofs need.
 */
@FunctionalInterface
public interface HashReader {
    byte[] hash(int level, long index) throws IOException;

    /**
     * The hashes of these subtrees, in the same order: everything a root, proof or frontier needs, asked for at once
     * so that storage can answer with one read (Go's tlog {@code HashReader.ReadHashes}; {@link TileHashReader} reads
     * every tile involved in one request). By default, one {@link #hash} each.
     */
    default List<byte[]> hashes(List<Subtree> subtrees) throws IOException {
        List<byte[]> out = new ArrayList<>(subtrees.size());
        for (Subtree s : subtrees) out.add(hash(s.level(), s.index()));
        return out;
    }
}
