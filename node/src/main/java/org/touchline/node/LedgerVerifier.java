package org.touchline.node;

import org.touchline.domain.Progress;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoreException;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.HashReader;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.SignedNote;
import org.touchline.ledger.StoredNode;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code touchline verify}: recomputes everything from storage in one pass over the log. Every leaf is re-hashed
 * and the tree rebuilt from those hashes; every stored tree hash, every checkpoint (root and signature), every batch
 * note (signature and leaf-hash digest) and every personal part that still exists (authentication and commitment) is
 * checked against the recomputation. Problems name what is wrong and where.
 */
final class LedgerVerifier {
    private static final int MAX_PROBLEMS = 1000;
    private final NodeIdentity identity;
    private final LedgerStore ledger;
    private final Vault vault;
    private final List<String> problems = new ArrayList<>();
    private long firstBad = -1;
    /** Entry ranges already named: a bad leaf makes every ancestor differ too, and naming those would only mislead. */
    private final TreeSet<Long> badEntries = new TreeSet<>();

    /** Verifying a serving node: checkpoints and batches written after the scan began are not "beyond the log". */
    private final boolean live;

    LedgerVerifier(NodeIdentity identity, LedgerStore ledger, Vault vault, boolean live) {
        this.identity = identity;
        this.ledger = ledger;
        this.vault = vault;
        this.live = live;
    }

    VerifyReport verify(Progress progress) {
        NoteVerifier verifier = identity.verifier();
        HashReader stored = ledger.hashes();
        long size = ledger.size();
        Map<Long, StoredCheckpoint> checkpoints = new HashMap<>();
        for (StoredCheckpoint c : ledger.checkpoints()) checkpoints.put(c.size(), c);
        Iterator<StoredBatch> batches = ledger.batches().iterator();
        StoredBatch[] batch = {batches.hasNext() ? batches.next() : null};
        MessageDigest batchDigest = sha256();
        Frontier tree = Frontier.empty();
        long[] counts = new long[5]; // tree hashes, checkpoints, batches, parts, erased
        long[] expected = {0};
        ledger.scanLeaves(0, size, (index, leaf) -> {
            if (index != expected[0]) problem(expected[0], "entries " + expected[0] + ".." + (index - 1) + " are missing");
            expected[0] = index + 1;
            byte[] leafHash = Hashes.leafHash(leaf);
            tree.append(leafHash, node -> {
                counts[0]++;
                checkNode(stored, node);
            });
            checkEntry(ledger, index, leaf, counts);
            if (batch[0] != null && index >= batch[0].first()) {
                batchDigest.update(leafHash);
                if (index + 1 == batch[0].first() + batch[0].count()) {
                    checkBatch(batch[0], batchDigest.digest(), verifier);
                    counts[2]++;
                    batch[0] = batches.hasNext() ? batches.next() : null;
                }
            }
            StoredCheckpoint cp = checkpoints.remove(tree.size());
            if (cp != null) {
                checkCheckpoint(cp, tree.root(), verifier, index);
                counts[1]++;
            }
            if ((index + 1) % 50_000 == 0) progress.update("verify", index + 1, size);
        });
        if (expected[0] != size) problem(expected[0], "entries " + expected[0] + ".." + (size - 1) + " are missing");
        for (StoredCheckpoint cp : checkpoints.values())
            if (!live) problem(-1, "checkpoint for size " + cp.size() + " is beyond the log's " + size + " entries");
        if (batch[0] != null && !live) problem(batch[0].first(), "batch at " + batch[0].first() + " covers entries the log does not have");
        progress.update("verify", size, size);
        return new VerifyReport(size, counts[0], counts[1], counts[2], counts[3], counts[4], firstBad, List.copyOf(problems));
    }

    private void checkNode(HashReader stored, StoredNode n) {
        long from = n.index() << n.level(), to = ((n.index() + 1) << n.level()) - 1;
        try {
            byte[] s = stored.hash(n.level(), n.index());
            if (!Arrays.equals(s, n.hash()) && !alreadyNamed(from, to)) {
                problem(from, n.level() == 0
                        ? "entry " + from + ": the stored leaf hash differs from the hash of the stored entry (entry or tree hash altered)"
                        : "tree hash at level " + n.level() + " index " + n.index() + " (entries " + from + ".." + to + ") differs from the recomputed one");
            }
        } catch (IOException e) {
            problem(from, "tree hash at level " + n.level() + " index " + n.index() + " is missing");
        }
    }

    private void checkEntry(LedgerStore ledger, long index, byte[] leaf, long[] counts) {
        byte[] commitment;
        try {
            switch (EntryKind.of(leaf)) {
                case INTERACTION -> commitment = InteractionEntry.parse(leaf).commitment();
                case EVENT -> commitment = EventEntry.parse(leaf).commitment();
                default -> {
                    // Identity decisions carry no personal part: the leaf is all there is to check.
                    IdentityDecision.parse(leaf);
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            problem(index, "entry " + index + ": " + e.getMessage());
            return;
        }
        if (commitment == null) return; // an event without free text: nothing sealed beside it
        Optional<SealedPart> sealed = ledger.sealedPart(index);
        if (sealed.isEmpty()) {
            counts[4]++;
            return;
        }
        try {
            Optional<Vault.Opened> opened = vault.open(sealed.get());
            if (opened.isEmpty()) {
                counts[4]++;
                return;
            }
            counts[3]++;
            if (!Arrays.equals(PersonalPart.commitment(opened.get().salt(), opened.get().canonical()), commitment))
                problem(index, "entry " + index + ": the personal part does not match the leaf's commitment");
        } catch (StoreException e) {
            problem(index, "entry " + index + ": the personal part was altered (" + e.getMessage() + ")");
        }
    }

    private void checkBatch(StoredBatch b, byte[] digest, NoteVerifier verifier) {
        try {
            SignedNote note = verifier.verify(b.note());
            BatchNote parsed = BatchNote.parse(note.text());
            if (parsed.first() != b.first() || parsed.count() != b.count() || !Arrays.equals(parsed.digest(), digest))
                problem(alreadyNamed(b.first(), b.first() + b.count() - 1) ? -1 : b.first(),
                        "batch at " + b.first() + " (" + b.count() + " entries): the signed digest does not match the stored leaves");
        } catch (RuntimeException e) {
            problem(b.first(), "batch at " + b.first() + ": note does not verify: " + e.getMessage());
        }
    }

    private void checkCheckpoint(StoredCheckpoint cp, byte[] root, NoteVerifier verifier, long lastIndex) {
        try {
            SignedNote note = verifier.verify(cp.note());
            Checkpoint c = Checkpoint.parse(note.text());
            if (c.size() != cp.size()) problem(lastIndex, "checkpoint stored for size " + cp.size() + " says size " + c.size());
            else if (!Arrays.equals(c.rootHash(), root))
                problem(alreadyNamed(0, lastIndex) ? -1 : lastIndex,
                        "checkpoint at size " + cp.size() + ": root hash differs from the tree recomputed from the entries");
        } catch (RuntimeException e) {
            problem(lastIndex, "checkpoint at size " + cp.size() + ": signature or format invalid: " + e.getMessage());
        }
    }

    private boolean alreadyNamed(long from, long to) {
        Long bad = badEntries.ceiling(from);
        return bad != null && bad <= to;
    }

    private void problem(long index, String what) {
        if (index >= 0) badEntries.add(index);
        if (index >= 0 && (firstBad < 0 || index < firstBad)) firstBad = index;
        if (problems.size() < MAX_PROBLEMS) problems.add(what);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
