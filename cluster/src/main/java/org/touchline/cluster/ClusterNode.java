package org.touchline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.contracts.ContractException;
import org.touchline.domain.Problem;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ingest.TooManyLinesException;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.SignedNote;
import org.touchline.node.command.Ingestion;
import org.touchline.node.Node;
import org.touchline.node.Outcome;
import org.touchline.node.SignedBatches;
import org.touchline.node.command.Write;
import org.touchline.node.spi.ClusterRole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A node of a cluster (docs/cluster.md): it appends ONLY what it reads from the ordering topic, in topic order, so every node
 * holds the same log. A batch sent to its API is checked, wrapped in an {@link Envelope} (salts, acceptance time) and
 * ordered through the topic; so is every other write ({@link Write}: consents, ratings, erasure, identity decisions,
 * relationships, redemptions, contract changes) in a {@link WriteEnvelope}. The node answers once it has applied the
 * message like everyone else. After applying, it publishes its checkpoint with its cosignature, and keeps the peers'
 * cosignatures of the same checkpoint once it has checked them against its own log ({@link PeerCheckpoints}); a
 * different root for one size stops writes.
 *
 * <p>Its position in the topic (the offset after the last applied message) is kept in {@value #OFFSET_FILE}, written
 * after each message, with the ledger's size then. A crash may leave it behind the ledger, never ahead: a batch read
 * again holds records the log already has, which are duplicates and append nothing; a write read again after the
 * ledger grew past the size recorded with it was applied before the crash (only this node's applier appends) and is
 * not applied twice.
 */
public final class ClusterNode implements ClusterRole, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    public static final String OFFSET_FILE = "cluster.offset", PEERS_FILE = "cosigners.vkeys";
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final int REMEMBERED = 1_000;
    private final Node node;
    private final KafkaOrdering ordering;
    private final Cosigner cosigner;
    private final PeerCheckpoints peers;
    private final Path offsetFile;
    private final Thread applier, listener;
    /** Whether this node publishes its cosigned checkpoints; not while it catches up from an unchecked snapshot. */
    private final boolean cosigns;
    private final KafkaOrdering.Reader batches, checkpoints;
    private volatile boolean running = true;
    private volatile long next;
    /** Where this node started in the topic, and the ledger's size recorded with that position (-1 if none was). */
    private final long resumedAt, sizeAtResume;
    private volatile String failure;
    private volatile Duration answerWithin = Duration.ofSeconds(30);
    /** What the last messages did, by offset, for the submitters waiting on them. */
    private final Map<Long, Applied> applied = new LinkedHashMap<>() {
        @Override protected boolean removeEldestEntry(Map.Entry<Long, Applied> e) { return size() > REMEMBERED; }
    };
    private NoteSignature ownCosignature;
    private long ownCosignedSize = -1;
    private long publishedAt;

    /** What one message did: a batch's outcomes, or the first entry of a write, or why every node refused it. */
    private record Applied(Ordered batch, long entry, RuntimeException refused) {}

    private ClusterNode(Node node, KafkaOrdering ordering, Cosigner cosigner, List<CosignatureVerifier> trusted, boolean cosigns) {
        this.node = node;
        this.cosigns = cosigns;
        this.ordering = ordering;
        this.cosigner = cosigner;
        this.offsetFile = node.identity().dataDir().resolve(OFFSET_FILE);
        List<CosignatureVerifier> others = trusted.stream().filter(v -> !v.name().equals(cosigner.name())).toList();
        this.peers = new PeerCheckpoints(node.ledger(), node.identity().origin(), others);
        long[] position = readPosition(offsetFile);
        this.next = this.resumedAt = position[0];
        this.sizeAtResume = position[1];
        this.batches = ordering.batches(next);
        long first = batches.firstOffset();
        if (next < first) {
            // Reading on from the topic's first message would skip entries the others have: refuse, say what to do.
            batches.close();
            throw new KafkaOrdering.TopicStartGone(ordering.batchesTopic(), next, first);
        }
        this.checkpoints = ordering.checkpoints(500);
        this.applier = new Thread(this::applyLoop, "touchline-cluster-apply");
        this.listener = new Thread(this::listenLoop, "touchline-cluster-cosignatures");
    }

    /**
     * Starts applying the topic from this node's position and listening to the peers' checkpoints. {@code trusted}
     * are the cosigners of the cluster (this node's own may be among them); the topics must exist.
     */
    public static ClusterNode start(Node node, KafkaOrdering ordering, Cosigner cosigner, List<CosignatureVerifier> trusted) {
        ClusterNode c = new ClusterNode(node, ordering, cosigner, trusted, true);
        c.applier.start();
        c.listener.start();
        LOG.info("cluster node {} applying the ordering topic from offset {} (ledger size {})", cosigner.name(), c.next, node.ledger().size());
        return c;
    }

    /**
     * Starts applying the topic as {@link #start} does, but without publishing this node's cosignature: a node that
     * joined from a snapshot catches up this way until a quorum of peers' checkpoints match its log
     * ({@link ClusterSnapshot}). Cosigning before then would vouch for a log nobody checked yet, and a lying snapshot
     * would make the honest nodes see a split view and stop their writes.
     */
    static ClusterNode catchUp(Node node, KafkaOrdering ordering, Cosigner cosigner, List<CosignatureVerifier> trusted) {
        ClusterNode c = new ClusterNode(node, ordering, cosigner, trusted, false);
        c.applier.start();
        c.listener.start();
        return c;
    }

    /** The trusted cosigners listed in {@value #PEERS_FILE} of the node's data directory (one verifier key a line). */
    public static List<CosignatureVerifier> trustedCosigners(Path dataDir) throws IOException {
        Path f = dataDir.resolve(PEERS_FILE);
        if (!Files.exists(f)) return List.of();
        List<CosignatureVerifier> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            try {
                out.add(CosignatureVerifier.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f + " line " + n + ": " + e.getMessage());
            }
        }
        return out;
    }

    // ---- the API side (ClusterRole) ----

    @Override
    public Ordered submit(String note, String records) {
        writesStopped().ifPresent(why -> {
            throw new Unavailable("writes are stopped: " + why, null);
        });
        SignedBatches.Verified v = node.signedBatches().verify(note, records); // refused here with the same reasons as at apply
        if (v.records() > Ingestion.MAX_BATCH_LINES) throw new TooManyLinesException(Ingestion.MAX_BATCH_LINES);
        long offset = produce(Envelope.accept(note, records, Instant.now(), cosigner.name()).encode());
        Applied a = awaitApplied(offset);
        if (a == null) return new Ordered(offset, v.channel(), v.batchId(), null);
        if (a.refused() != null) throw new IllegalStateException("the ordered batch was refused when applied: " + a.refused().getMessage());
        return a.batch();
    }

    /**
     * Checks the write against this node's state (refused here, before the topic, as a node alone refuses it), orders
     * it, and answers with its first entry once applied here. Between the check and the apply another write may come
     * first in the topic (the same review decided through another node): then every node refuses it alike, and so
     * does this answer, with the reason.
     */
    @Override
    public long order(Write write) {
        writesStopped().ifPresent(why -> {
            throw new Unavailable("writes are stopped: " + why, null);
        });
        write.check(node.checks());
        long offset = produce(WriteEnvelope.accept(write, Instant.now(), cosigner.name()).encode());
        Applied a = awaitApplied(offset);
        if (a == null) throw new NotYetApplied(offset);
        if (a.refused() != null) throw a.refused();
        return a.entry();
    }

    private long produce(byte[] message) {
        try {
            return ordering.order(message);
        } catch (IllegalStateException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    /** What this node did with the message at {@code offset}, once applied; null if not within {@link #answerWithin}. */
    private Applied awaitApplied(long offset) {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        synchronized (applied) {
            while (next <= offset && failure == null) {
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0) return null;
                try {
                    applied.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return applied.get(offset);
        }
    }

    @Override
    public String checkpoint() {
        Optional<StoredCheckpoint> latest = node.ledger().latestCheckpoint();
        if (latest.isEmpty()) return node.reader().checkpoint();
        SignedNote note = SignedNote.parse(latest.get().note());
        synchronized (this) {
            if (ownCosignedSize == latest.get().size()) note = note.withSignature(ownCosignature);
        }
        for (NoteSignature s : peers.cosignatures(latest.get().size())) note = note.withSignature(s);
        return note.encode();
    }

    @Override
    public Optional<String> writesStopped() {
        if (failure != null) return Optional.of("this node stopped applying the ordering topic: " + failure);
        return peers.splitView().map(SplitView::describe);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cosigner", cosigner.name());
        out.put("cosignerKey", cosigner.verifierKey());
        out.put("nextOffset", next);
        out.put("cosignedByAllPeers", peers.cosignedByAll());
        out.put("peers", peers.lastSeen());
        peers.splitView().ifPresent(s -> out.put("splitView", s.describe()));
        if (failure != null) out.put("failure", failure);
        return out;
    }

    @Override
    public Vitals vitals() { return new Vitals(peers.lastSeen(), peers.cosignedByAll(), peers.splitView().isPresent(), next); }

    /** The offset of the next message this node will apply. */
    public long nextOffset() { return next; }

    /** The largest tree size every peer cosigned after this node checked it against its own log, or -1. */
    public long cosignedByAll() { return peers.cosignedByAll(); }

    public Optional<SplitView> splitView() { return peers.splitView(); }

    /** The smallest size, at least {@code atLeast}, that {@code quorum} or more peers cosigned and this node checked. */
    Optional<PeerCheckpoints.Cosigned> cosignedBy(int quorum, long atLeast) { return peers.cosignedBy(quorum, atLeast); }

    /** Why this node stopped applying the topic, if it did. */
    Optional<String> failure() { return Optional.ofNullable(failure); }

    public Node node() { return node; }

    public Cosigner cosigner() { return cosigner; }

    /** How long {@link #submit} waits for this node to apply the batch before answering with its offset only. */
    public void answerWithin(Duration d) { this.answerWithin = d; }

    // ---- applying the topic ----

    private void applyLoop() {
        try {
            publish(); // a restarted node shows where it stands at once
            while (running) {
                List<KafkaOrdering.Message> messages = batches.poll(Duration.ofMillis(200));
                for (KafkaOrdering.Message m : messages) {
                    if (!running) return;
                    Applied a = apply(m);
                    writePosition(m.offset() + 1, node.ledger().size());
                    synchronized (applied) {
                        applied.put(m.offset(), a);
                        next = m.offset() + 1;
                        applied.notifyAll();
                    }
                }
                if (!messages.isEmpty()) {
                    peers.recheck();
                    publish();
                } else if (System.nanoTime() - publishedAt > HEARTBEAT.toNanos()) publish();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            // Skipping a message would make this log differ from the others': stop applying instead, and say so.
            failure = e.getMessage();
            LOG.error("ALARM: cluster node {} stopped applying the ordering topic at offset {}: {}", cosigner.name(), next, e.getMessage(), e);
            synchronized (applied) {
                applied.notifyAll();
            }
        }
    }

    /** Applies one message: a batch or a write; one whose envelope does not hold is refused by every node alike. */
    private Applied apply(KafkaOrdering.Message m) {
        Envelope batch = null;
        WriteEnvelope write = null;
        try {
            JsonNode o = Envelope.read(m.value());
            if (Envelope.kindOf(o).equals(WriteEnvelope.KIND)) write = WriteEnvelope.of(o);
            else batch = Envelope.of(o);
        } catch (IllegalArgumentException ex) {
            return refuse(m.offset(), Instant.EPOCH, "envelope", new String(m.value(), StandardCharsets.UTF_8), ex.getMessage());
        }
        return write != null ? applyWrite(m.offset(), write, m.value()) : applyBatch(m.offset(), batch);
    }

    /**
     * Applies a write as of the time it was accepted (a fixed clock: every node writes the same time into the same
     * leaves) with the salt it carries. Refused when the log as it stands at this offset does not allow it (the review
     * is decided already, the customer was erased): that depends on the log alone, so every node refuses it alike,
     * appends nothing and keeps a dead letter naming the reason. Anything else (the disk) stops this node applying.
     */
    private Applied applyWrite(long offset, WriteEnvelope e, byte[] raw) {
        if (offset == resumedAt && sizeAtResume >= 0 && node.ledger().size() > sizeAtResume) {
            LOG.info("the write at offset {} was applied before this node stopped (ledger size {} > {}): not applied again", offset, node.ledger().size(), sizeAtResume);
            return new Applied(null, sizeAtResume, null);
        }
        try {
            return new Applied(null, e.write().apply(node.commands(Clock.fixed(e.acceptedAt(), ZoneOffset.UTC)), e.salt()), null);
        } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException | ContractException ex) {
            return refuse(offset, e.acceptedAt(), "write " + e.write().name(), new String(raw, StandardCharsets.UTF_8), ex);
        }
    }

    /**
     * Applies a batch: one whose signature does not hold is refused by every node the same way (a dead letter naming
     * the reason, nothing appended); a good one is appended with the envelope's salts and time.
     */
    private Applied applyBatch(long offset, Envelope e) {
        SignedBatches.Verified v;
        try {
            v = node.signedBatches().verify(e.note(), e.records(), where(offset));
        } catch (SignedBatches.Refused r) {
            return refuse(offset, e.acceptedAt(), "note", e.records(), r.reason + ": " + r.getMessage());
        }
        long lines = e.records().chars().filter(c -> c == '\n').count() + 1;
        if (lines > e.salts().size())
            return refuse(offset, e.acceptedAt(), "salts", e.records(), "the envelope carries " + e.salts().size() + " salts for " + lines + " lines");
        List<Outcome> outcomes;
        try {
            outcomes = node.ingestion().ordered(e.records(), "channel:" + v.channel(), e.acceptedAt(), e::saltOf);
        } catch (TooManyLinesException ex) {
            return refuse(offset, e.acceptedAt(), "records", e.records(), ex.getMessage());
        }
        node.signedBatches().accepted(v, where(offset));
        return new Applied(new Ordered(offset, v.channel(), v.batchId(), outcomes), -1, null);
    }

    /** A batch accepted from this message: read again after a crash, it is not a replay. */
    private static String where(long offset) { return "topic-offset:" + offset; }

    private Applied refuse(long offset, Instant at, String field, String raw, String reason) {
        return refuse(offset, at, field, raw, new IllegalStateException(reason));
    }

    /** Refuses the message at {@code offset}: a dead letter naming the reason, nothing appended; the submitter gets {@code why}. */
    private Applied refuse(long offset, Instant at, String field, String raw, RuntimeException why) {
        String reason = why.getMessage(), ref = "offset " + offset;
        LOG.warn("ordered message at {} refused: {}", ref, reason);
        node.ingestion().refuseUnread(at, "cluster:ordering-topic", ref, raw, new Problem(ref, field, reason));
        return new Applied(null, -1, why);
    }

    /** Publishes this node's latest checkpoint with its cosignature to the checkpoints topic. */
    private void publish() {
        publishedAt = System.nanoTime();
        if (!cosigns) return;
        Optional<StoredCheckpoint> latest = node.ledger().latestCheckpoint();
        if (latest.isEmpty()) return;
        String body = SignedNote.parse(latest.get().note()).text();
        NoteSignature mine = cosigner.cosign(body, Instant.now().getEpochSecond());
        synchronized (this) {
            ownCosignature = mine;
            ownCosignedSize = latest.get().size();
        }
        ordering.publish(new SignedNote(body, List.of(mine)).encode());
    }

    private void listenLoop() {
        try {
            while (running)
                for (KafkaOrdering.Message m : checkpoints.poll(Duration.ofMillis(200)))
                    peers.offer(new String(m.value(), StandardCharsets.UTF_8));
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("cluster node {} stopped reading peers' checkpoints: {}", cosigner.name(), e.getMessage(), e);
        }
    }

    /** The position file: the next offset and the ledger's size then ({@code "OFFSET SIZE"}; older files hold the offset alone). */
    static long[] readPosition(Path f) {
        try {
            if (!Files.exists(f)) return new long[]{0, -1};
            String[] parts = Files.readString(f, StandardCharsets.UTF_8).strip().split("\\s+");
            if (parts.length > 2) throw new NumberFormatException("more than an offset and a size");
            return new long[]{Long.parseLong(parts[0]), parts.length == 2 ? Long.parseLong(parts[1]) : -1};
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(f + " is damaged (" + e.getMessage() + "): if only batches were ordered, delete it and the node reads"
                    + " the topic from the start, appending only what it lacks; ordered writes (consents, decisions...) would be applied twice", e);
        }
    }

    private void writePosition(long offset, long ledgerSize) {
        try {
            Path tmp = offsetFile.resolveSibling(OFFSET_FILE + ".tmp");
            Files.writeString(tmp, offset + " " + ledgerSize + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, offsetFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the topic offset in " + offsetFile, e);
        }
    }

    /** Stops applying and listening; the node and the ordering stay open (their owner closes them). */
    @Override
    public void close() {
        running = false;
        batches.wakeup();
        checkpoints.wakeup();
        try {
            applier.join(30_000);
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batches.close();
        checkpoints.close();
    }
}
