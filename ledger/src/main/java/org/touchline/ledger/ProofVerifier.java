package org.touchline.ledger;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verification of Merkle proofs exactly as written in RFC 9162 §2.1.3.2 (inclusion) and
 * §2.1.4.2 (consistency). Every failure throws {@link ProofException} saying which check failed.
 */
public final class ProofVerifier {
    private ProofVerifier() {
    }

    /** RFC 9162 §2.1.3.2: verifies that {@code leafHash} is leaf {@code index} of the tree with {@code root}. */
    public static void verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        checkHash(root, "root hash");
        byte[] computed = rootFromInclusion(leafHash, index, treeSize, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new ProofException("inclusion proof for leaf " + index + " in tree of size " + treeSize
                    + " does not lead to the expected root hash");
        }
    }

    /**
     * The root hash an inclusion proof implies (RFC 9162 §2.1.3.2 steps 1-5 without the final
     * comparison with a known root), for callers that look the root up by its value.
     */
    public static byte[] rootFromInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof) {
        // Step 1.
        if (index < 0 || index >= treeSize) {
            throw new ProofException("leaf index " + index + " is not less than tree size " + treeSize);
        }
        checkHash(leafHash, "leaf hash");
        checkHashes(proof, "inclusion proof");
        // Steps 2-3.
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        // Step 4.
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofException("inclusion proof has more hashes than a tree of size " + treeSize + " needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = Hashes.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5 (first half): sn must be 0, else the proof was too short.
        if (sn != 0) {
            throw new ProofException("inclusion proof has fewer hashes than a tree of size " + treeSize + " needs");
        }
        return r;
    }

    /**
     * RFC 9162 §2.1.4.2: verifies that the tree of size {@code m} with {@code oldRoot} is a prefix
     * of the tree of size {@code n} with {@code newRoot}.
     *
     * <p>The RFC defines the algorithm for 0 &lt; m &lt; n. At the edges, as in
     * transparency-dev/merkle: m == n needs an empty proof and equal roots; m == 0 needs an
     * empty proof and {@code oldRoot} equal to the empty tree's root (the empty tree is a
     * prefix of every tree); m &gt; n fails.
     */
    public static void verifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m < 0 || m > n) {
            throw new ProofException("old tree size " + m + " must be in 0.." + n + " (the new tree size)");
        }
        checkHash(oldRoot, "old root hash");
        checkHash(newRoot, "new root hash");
        checkHashes(proof, "consistency proof");
        if (m == n) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency proof between equal tree sizes " + m + " must be empty");
            }
            if (!MessageDigest.isEqual(oldRoot, newRoot)) {
                throw new ProofException("trees of equal size " + m + " have different root hashes");
            }
            return;
        }
        if (m == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency proof from the empty tree must be empty");
            }
            if (!MessageDigest.isEqual(oldRoot, Hashes.emptyRoot())) {
                throw new ProofException("old root hash is not the root of the empty tree");
            }
            return;
        }
        // Step 1.
        if (proof.isEmpty()) {
            throw new ProofException("consistency proof from size " + m + " to " + n + " is empty");
        }
        // Step 2.
        boolean mIsPowerOfTwo = (m & (m - 1)) == 0;
        int start = mIsPowerOfTwo ? -1 : 0; // -1 stands for the prepended oldRoot
        // Step 3.
        long fn = m - 1;
        long sn = n - 1;
        // Step 4.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        byte[] fr = start < 0 ? oldRoot : proof.get(0);
        byte[] sr = fr;
        // Step 6.
        for (int i = start + 1; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new ProofException("consistency proof from size " + m + " to " + n + " has too many hashes");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = Hashes.nodeHash(c, fr);
                sr = Hashes.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = Hashes.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        if (sn != 0) {
            throw new ProofException("consistency proof from size " + m + " to " + n + " has too few hashes");
        }
        if (!MessageDigest.isEqual(fr, oldRoot)) {
            throw new ProofException("consistency proof from size " + m + " to " + n + " does not reproduce the old root hash");
        }
        if (!MessageDigest.isEqual(sr, newRoot)) {
            throw new ProofException("consistency proof from size " + m + " to " + n + " does not reproduce the new root hash");
        }
    }

    private static void checkHash(byte[] hash, String what) {
        if (hash == null || hash.length != Hashes.SIZE) {
            throw new ProofException(what + " must be " + Hashes.SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }

    private static void checkHashes(List<byte[]> proof, String what) {
        if (proof == null) {
            throw new ProofException(what + " is missing");
        }
        if (proof.size() > 64) {
            throw new ProofException(what + " has " + proof.size() + " hashes; no tree needs more than 64");
        }
        for (int i = 0; i < proof.size(); i++) {
            checkHash(proof.get(i), what + " hash " + i);
        }
    }
}
