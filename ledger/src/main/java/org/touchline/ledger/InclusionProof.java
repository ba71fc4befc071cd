package org.touchline.ledger;

import java.util.List;

/**
 * An RFC 9162 §2.1.3 inclusion proof (RFC 6962 "audit path"): the sibling hashes from the
 * leaf's neighbour up to a child of the root, bottom-up.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> hashes) {
    public InclusionProof {
        hashes = List.copyOf(hashes);
    }

    /** Checks this proof against a leaf hash and root; throws {@link ProofException} if it fails. */
    public void verify(byte[] leafHash, byte[] rootHash) {
        ProofVerifier.verifyInclusion(leafHash, leafIndex, treeSize, hashes, rootHash);
    }
}
