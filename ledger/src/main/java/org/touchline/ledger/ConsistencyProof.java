package org.touchline.ledger;

import java.util.List;

/**
 * An RFC 9162 §2.1.4 consistency proof that the tree of {@code oldSize} leaves is a prefix of
 * the tree of {@code newSize} leaves.
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> hashes) {
    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }

    /** Checks this proof against both roots; throws {@link ProofException} if it fails. */
    public void verify(byte[] oldRoot, byte[] newRoot) {
        ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, hashes);
    }
}
