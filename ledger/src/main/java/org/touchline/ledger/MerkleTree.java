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
 * visits is rebuilt from at most log2(n) stored complete subtrees ({@link #subtrees}),
 * so a root or proof reads O(log n) hashes and never walks leaves; and as tlog's
 * {@code ProveRecord} does, a proof first works out every stored hash it needs and asks
 * the {@link HashReader} for them in one call ({@link HashReader#hashes}).
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
        return rangeHashes(List.of(new long[]{0, treeSize}), r).get(0);
    }

    /**
     * PATH(m, D[0:n]) of RFC 9162 §2.1.3.1 (RFC 6962 §2.1.1), walked top-down and returned
     * bottom-up.
     */
    public static InclusionProof inclusionProof(long leafIndex, long treeSize, HashReader r) throws IOException {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<long[]> topDown = new ArrayList<>(64);
        long lo = 0;
        long hi = treeSize;
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (leafIndex < lo + k) {
                topDown.add(new long[]{lo + k, hi});
                hi = lo + k;
            } else {
                topDown.add(new long[]{lo, lo + k});
                lo += k;
            }
        }
        Collections.reverse(topDown);
        return new InclusionProof(leafIndex, treeSize, rangeHashes(topDown, r));
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
        List<long[]> topDown = new ArrayList<>(64);
        if (oldSize == 0 || oldSize == newSize) {
            return new ConsistencyProof(oldSize, newSize, List.of());
        }
        long lo = 0;
        long hi = newSize;
        boolean wholeOldTree = true; // the "b" flag: [lo, hi) still starts at leaf 0
        while (oldSize != hi) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (oldSize <= lo + k) {
                topDown.add(new long[]{lo + k, hi});
                hi = lo + k;
            } else {
                topDown.add(new long[]{lo, lo + k});
                lo += k;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree) {
            // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot know this subtree.
            topDown.add(new long[]{lo, hi});
        }
        Collections.reverse(topDown);
        return new ConsistencyProof(oldSize, newSize, rangeHashes(topDown, r));
    }

    /**
     * MTH(D[lo:hi]) of each range {lo, hi}, in order, from the stored hashes of their complete subtrees
     * ({@link #subtrees}), all read in one {@link HashReader#hashes} call, each range's folded right to left as tlog's
     * subTreeHash does.
     */
    static List<byte[]> rangeHashes(List<long[]> ranges, HashReader r) throws IOException {
        List<Subtree> needed = new ArrayList<>();
        int[] ends = new int[ranges.size()];
        for (int k = 0; k < ranges.size(); k++) {
            needed.addAll(subtrees(ranges.get(k)[0], ranges.get(k)[1]));
            ends[k] = needed.size();
        }
        List<byte[]> stored = r.hashes(needed);
        if (stored.size() != needed.size()) {
            throw new IOException("asked storage for " + needed.size() + " hashes, got " + stored.size());
        }
        for (int i = 0; i < needed.size(); i++) {
            Frontier.checkHash(stored.get(i), needed.get(i).level(), needed.get(i).index());
        }
        List<byte[]> out = new ArrayList<>(ranges.size());
        int from = 0;
        for (int end : ends) {
            byte[] hash = stored.get(end - 1);
            for (int i = end - 2; i >= from; i--) {
                hash = Hashes.nodeHash(stored.get(i), hash);
            }
            out.add(hash);
            from = end;
        }
        return out;
    }

    /**
     * The complete subtrees D[lo:hi] splits into, largest first, for a range the RFC 6962 recursion produces:
     * {@code lo} is a multiple of a power of two at least {@code hi - lo}, so the split is greedy, one subtree per set
     * bit of hi - lo.
     */
    static List<Subtree> subtrees(long lo, long hi) {
        List<Subtree> out = new ArrayList<>();
        while (lo < hi) {
            int level = 63 - Long.numberOfLeadingZeros(hi - lo);
            if ((lo & ((1L << level) - 1)) != 0) {
                throw new IllegalStateException("range start " + lo + " is not aligned to 2^" + level);
            }
            out.add(new Subtree(level, lo >>> level));
            lo += 1L << level;
        }
        return out;
    }

    /** The largest power of two strictly less than n (n >= 2): the RFC 6962 split point k. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
