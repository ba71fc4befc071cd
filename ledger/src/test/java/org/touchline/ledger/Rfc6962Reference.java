package org.touchline.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive, recursive transcription of RFC 6962 §2.1 (MTH, PATH, PROOF/SUBPROOF)
 * over a list of leaf hashes, to check the storage-based code against.
 */
final class Rfc6962Reference {
    private final List<byte[]> leafHashes;

    Rfc6962Reference(List<byte[]> leafHashes) {
        this.leafHashes = leafHashes;
    }

    byte[] mth(int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return Hashes.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(lo);
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.nodeHash(mth(lo, lo + k), mth(lo + k, hi));
    }

    /** PATH(m, D[lo:hi]), bottom-up. */
    List<byte[]> path(int m, int lo, int hi) {
        int n = hi - lo;
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m - lo < k) {
            out.addAll(path(m, lo, lo + k));
            out.add(mth(lo + k, hi));
        } else {
            out.addAll(path(m, lo + k, hi));
            out.add(mth(lo, lo + k));
        }
        return out;
    }

    /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
    List<byte[]> proof(int m, int n) {
        if (m == 0 || m == n) {
            return new ArrayList<>();
        }
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int lo, int hi, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = hi - lo;
        if (m == n) {
            if (!b) {
                out.add(mth(lo, hi));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, lo, lo + k, b));
            out.add(mth(lo + k, hi));
        } else {
            out.addAll(subproof(m - k, lo + k, hi, false));
            out.add(mth(lo, lo + k));
        }
        return out;
    }
}
