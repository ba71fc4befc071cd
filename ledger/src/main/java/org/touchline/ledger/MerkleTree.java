package org.touchline.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Root hashes and proofs of an RFC 6962 Merkle tree whose complete-subtree hashes are in
 * storage ({@link HashReader}).
 *
 * <p>As in Go's golang.org/x/mod/sumdb/tlog, the hash of any subtree the RFC recursion
 * visits is rebuilt from at most log2(n) stored complete subtrees ({@link #subtreeHash}),
 * so a root or proof reads O(log n) hashes and never walks leaves.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** MTH(D[0:treeSize]), RFC 6962 §2.1; the empty root for size 0. */
    public static byte[] rootHash(long treeSize, HashReader r) throws IOException {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must be non-negative, got " + treeSize);
        }
        if (treeSize == 0) {
            return Hashes.emptyRoot();
        }
        return subtreeHash(0, treeSize, r);
    }

    /**
     * PATH(m, D[0:n]) of RFC 9162 §2.1.3.1 (RFC 6962 §2.1.1), walked top-down and returned
     * bottom-up.
     */
    public static InclusionProof inclusionProof(long leafIndex, long treeSize, HashReader r) throws IOException {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<byte[]> topDown = new ArrayList<>(64);
        long lo = 0;
        long hi = treeSize;
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (leafIndex < lo + k) {
                topDown.add(subtreeHash(lo + k, hi, r));
                hi = lo + k;
            } else {
                topDown.add(subtreeHash(lo, lo + k, r));
                lo += k;
            }
        }
        Collections.reverse(topDown);
        return new InclusionProof(leafIndex, treeSize, topDown);
    }

    /**
     * PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 9162 §2.1.4.1 (RFC 6962 §2.1.2),
     * walked top-down and returned bottom-up. Empty when {@code oldSize} is 0 or equals
     * {@code newSize}: there is nothing to prove (see {@link ProofVerifier#verifyConsistency}).
     */
    public static ConsistencyProof consistencyProof(long oldSize, long newSize, HashReader r) throws IOException {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " must be in 0.." + newSize);
        }
        List<byte[]> topDown = new ArrayList<>(64);
        if (oldSize == 0 || oldSize == newSize) {
            return new ConsistencyProof(oldSize, newSize, topDown);
        }
        long lo = 0;
        long hi = newSize;
        boolean wholeOldTree = true; // the "b" flag: [lo, hi) still starts at leaf 0
        while (oldSize != hi) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (oldSize <= lo + k) {
                topDown.add(subtreeHash(lo + k, hi, r));
                hi = lo + k;
            } else {
                topDown.add(subtreeHash(lo, lo + k, r));
                lo += k;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree) {
            // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot know this subtree.
            topDown.add(subtreeHash(lo, hi, r));
        }
        Collections.reverse(topDown);
        return new ConsistencyProof(oldSize, newSize, topDown);
    }

    /**
     * MTH(D[lo:hi]) for a range the RFC 6962 recursion produces: {@code lo} is a multiple of
     * a power of two at least {@code hi - lo}. Such a range splits greedily into complete
     * subtrees of strictly decreasing size (one per set bit of hi - lo), which are read from
     * storage and folded right to left, as tlog's subTreeHash does.
     */
    static byte[] subtreeHash(long lo, long hi, HashReader r) throws IOException {
        byte[][] parts = new byte[64][];
        int count = 0;
        while (lo < hi) {
            int level = 63 - Long.numberOfLeadingZeros(hi - lo);
            if ((lo & ((1L << level) - 1)) != 0) {
                throw new IllegalStateException("range start " + lo + " is not aligned to 2^" + level);
            }
            long index = lo >>> level;
            byte[] hash = r.hash(level, index);
            Frontier.checkHash(hash, level, index);
            parts[count++] = hash;
            lo += 1L << level;
        }
        byte[] hash = parts[count - 1];
        for (int i = count - 2; i >= 0; i--) {
            hash = Hashes.nodeHash(parts[i], hash);
        }
        return hash;
    }

    /** The largest power of two strictly less than n (n >= 2): the RFC 6962 split point k. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
