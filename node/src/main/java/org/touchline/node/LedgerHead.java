package org.touchline.node;

import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteVerifier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The check a node makes of its log before it appends to it, in O(log n) reads: the latest signed checkpoint covers
 * exactly the stored entries, its signature holds, its root is the root of the stored tree's right edge, and the last
 * entry hashes to the stored last leaf hash. A node that appended on top of a damaged head would sign the damage into
 * every later checkpoint. Damage deeper in the log is for {@code touchline verify}, which reads everything.
 */
public final class LedgerHead {
    private LedgerHead() {}

    /** What is wrong with the head of the log (empty if nothing). */
    public static List<String> problems(LedgerStore ledger, NoteVerifier verifier) {
        List<String> out = new ArrayList<>();
        long size = ledger.size();
        Optional<StoredCheckpoint> latest = ledger.latestCheckpoint();
        if (size == 0) {
            latest.ifPresent(cp -> out.add("the log is empty but a checkpoint covers " + cp.size() + " entries"));
            return out;
        }
        if (latest.isEmpty()) {
            out.add("the log holds " + size + " entries but no signed checkpoint");
            return out;
        }
        StoredCheckpoint cp = latest.get();
        if (cp.size() != size) out.add("the latest checkpoint covers " + cp.size() + " entries but the log holds " + size);
        Checkpoint signed;
        try {
            signed = Checkpoint.parse(verifier.verify(cp.note()).text());
        } catch (RuntimeException e) {
            out.add("the latest checkpoint (size " + cp.size() + ") does not verify: " + e.getMessage());
            return out;
        }
        try {
            if (!Arrays.equals(Frontier.load(signed.size(), ledger.hashes()).root(), signed.rootHash()))
                out.add("the stored tree's root at size " + signed.size() + " differs from the latest signed checkpoint's");
            byte[] stored = ledger.hashes().hash(0, size - 1);
            if (!Arrays.equals(Hashes.leafHash(ledger.leaf(size - 1)), stored))
                out.add("entry " + (size - 1) + " (the last) does not hash to its stored leaf hash");
        } catch (IOException | RuntimeException e) {
            out.add("the tree's right edge cannot be read: " + e.getMessage());
        }
        return out;
    }

    /** Throws, naming the damage, if the head of the log is not intact. */
    public static void requireIntact(LedgerStore ledger, NoteVerifier verifier) {
        List<String> problems = problems(ledger, verifier);
        if (!problems.isEmpty())
            throw new IllegalStateException("the ledger is damaged and the node will not start on it: " + String.join("; ", problems)
                    + ". Run `touchline verify` for the whole report, and restore the data directory from a backup (`touchline restore`).");
    }
}
