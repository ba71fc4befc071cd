package org.touchline.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.domain.store.LedgerStore;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.SignedNote;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the peers' published checkpoints say about this node's log. A cosignature by a trusted peer (C2SP
 * tlog-cosignature) is kept for this node's checkpoint only after the peer's checkpoint is checked against this node's
 * own log: same origin, and this log's root at that size is the root the peer signed. A peer ahead of this node waits
 * until this node has reached its size. A different root for one size is a {@link SplitView}: kept (the first one)
 * and reported, never cleared by itself.
 */
final class PeerCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCheckpoints.class);
    /** Sizes whose cosignatures are kept; older ones are dropped (the served checkpoint is the latest). */
    private static final int KEEP = 256;
    private final LedgerStore ledger;
    private final String origin;
    private final List<CosignatureVerifier> peers;
    private final TreeMap<Long, Map<String, NoteSignature>> cosignatures = new TreeMap<>();
    /** The newest checkpoint of each peer that is ahead of this node. */
    private final Map<String, SignedNote> ahead = new HashMap<>();
    private final Map<String, Long> lastSeen = new LinkedHashMap<>();
    private volatile SplitView splitView;

    PeerCheckpoints(LedgerStore ledger, String origin, List<CosignatureVerifier> peers) {
        this.ledger = ledger;
        this.origin = origin;
        this.peers = List.copyOf(peers);
        for (CosignatureVerifier p : peers) lastSeen.put(p.name(), -1L);
    }

    /** A message of the checkpoints topic: a checkpoint note with its publisher's cosignature. Others' are ignored. */
    synchronized void offer(String encoded) {
        SignedNote note;
        Checkpoint cp;
        try {
            note = SignedNote.parse(encoded);
            cp = Checkpoint.parse(note.text());
        } catch (RuntimeException e) {
            LOG.warn("ignoring a message of the checkpoints topic that is not a checkpoint note: {}", e.getMessage());
            return;
        }
        if (!cp.origin().equals(origin)) return; // another log's
        for (NoteSignature s : note.signatures())
            for (CosignatureVerifier peer : peers) {
                if (!peer.matches(s)) continue;
                try {
                    peer.verify(note.text(), s);
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring a checkpoint for size {}: {}", cp.size(), e.getMessage());
                    continue;
                }
                lastSeen.merge(peer.name(), cp.size(), Math::max);
                check(peer.name(), cp, s, note);
            }
    }

    /** After this node's log grew: peers' checkpoints that were ahead may now be checked. */
    synchronized void recheck() {
        for (var e : new ArrayList<>(ahead.entrySet())) {
            Checkpoint cp = Checkpoint.parse(e.getValue().text());
            if (cp.size() > ledger.size()) continue;
            ahead.remove(e.getKey());
            for (NoteSignature s : e.getValue().signatures())
                if (s.name().equals(e.getKey())) check(e.getKey(), cp, s, e.getValue());
        }
    }

    private void check(String peer, Checkpoint cp, NoteSignature s, SignedNote note) {
        long size = cp.size();
        if (size > ledger.size()) {
            SignedNote held = ahead.get(peer);
            if (held == null || Checkpoint.parse(held.text()).size() < size) ahead.put(peer, note);
            return;
        }
        byte[] ours;
        try {
            ours = Frontier.load(size, ledger.hashes()).root();
        } catch (IOException e) {
            LOG.warn("cannot read this node's root at size {} to check {}'s checkpoint: {}", size, peer, e.getMessage());
            return;
        }
        if (!Arrays.equals(ours, cp.rootHash())) {
            if (splitView == null) {
                splitView = new SplitView(peer, size, Base64.getEncoder().encodeToString(ours),
                        Base64.getEncoder().encodeToString(cp.rootHash()), Instant.now());
                LOG.error("ALARM: {}. Writes are stopped; reads go on. Compare the nodes with `touchline verify`.", splitView.describe());
            }
            return;
        }
        cosignatures.computeIfAbsent(size, k -> new HashMap<>()).put(peer, s);
        while (cosignatures.size() > KEEP) cosignatures.pollFirstEntry();
    }

    /** The peers' checked cosignatures of this log at {@code size}. */
    synchronized List<NoteSignature> cosignatures(long size) {
        return List.copyOf(cosignatures.getOrDefault(size, Map.of()).values());
    }

    /** The largest size every peer has cosigned (after this node checked it), or -1. */
    synchronized long cosignedByAll() {
        for (var e : cosignatures.descendingMap().entrySet())
            if (e.getValue().size() == peers.size()) return e.getKey();
        return -1;
    }

    Optional<SplitView> splitView() { return Optional.ofNullable(splitView); }

    /** The largest size each peer has published a checkpoint for (-1 for none yet). */
    synchronized Map<String, Long> lastSeen() { return new LinkedHashMap<>(lastSeen); }
}
