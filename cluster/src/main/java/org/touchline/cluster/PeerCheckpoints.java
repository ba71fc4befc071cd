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
import java.util.TreeSet;

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
    /**
     * Peers' checkpoints ahead of this node, by size, checked once the log reaches them. Every size is kept (up to
     * {@link #KEEP}), not only each peer's newest: a node catching up behind a busy cluster would otherwise chase a
     * newest size that moves on before it gets there.
     */
    private final TreeMap<Long, Map<String, SignedNote>> ahead = new TreeMap<>();
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
        var reached = ahead.headMap(ledger.size(), true);
        for (var bySize : new ArrayList<>(reached.values()))
            for (var e : bySize.entrySet()) {
                Checkpoint cp = Checkpoint.parse(e.getValue().text());
                for (NoteSignature s : e.getValue().signatures())
                    if (s.name().equals(e.getKey())) check(e.getKey(), cp, s, e.getValue());
            }
        reached.clear();
    }

    private void check(String peer, Checkpoint cp, NoteSignature s, SignedNote note) {
        long size = cp.size();
        if (size > ledger.size()) {
            ahead.computeIfAbsent(size, k -> new HashMap<>()).put(peer, note);
            while (ahead.size() > KEEP) ahead.pollFirstEntry();
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

    /** A size of this log and the peers whose checkpoint of it matched this log's root there. */
    record Cosigned(long size, List<String> by) {}

    /**
     * The smallest size, at least {@code atLeast}, that {@code quorum} or more peers cosigned after this node checked
     * it against its own log; empty if none (yet).
     */
    synchronized Optional<Cosigned> cosignedBy(int quorum, long atLeast) {
        for (var e : cosignatures.tailMap(atLeast, true).entrySet())
            if (e.getValue().size() >= quorum) return Optional.of(new Cosigned(e.getKey(), new TreeSet<>(e.getValue().keySet()).stream().toList()));
        return Optional.empty();
    }

    Optional<SplitView> splitView() { return Optional.ofNullable(splitView); }

    /** The largest size each peer has published a checkpoint for (-1 for none yet). */
    synchronized Map<String, Long> lastSeen() { return new LinkedHashMap<>(lastSeen); }
}
