package org.touchline.ledger;

import java.io.IOException;

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
}
