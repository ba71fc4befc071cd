package org.touchline.cluster;

import org.touchline.domain.Progress;
import org.touchline.domain.store.EmbeddedStore;
import org.touchline.domain.store.NodeStore;
import org.touchline.domain.store.StoreException;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.SignedNote;
import org.touchline.node.LedgerHead;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Vault;
import org.touchline.node.VerifyReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A cluster node's state at one topic offset, handed to a new or recovered node so that it need not read the ordering
 * topic from its beginning (docs/cluster.md): then the topic may have a retention, and the personal data in it ages out.
 *
 * <p>A snapshot is a zip of the store ({@code touchline.db}, copied by {@link EmbeddedStore#copy}: one read transaction, so
 * its latest checkpoint covers exactly its entries) and the node's topic position ({@code cluster.offset}) read before
 * and after the copy: when both reads agree, the applier finished at most the message at that offset during the copy,
 * so the position lags the copy by at most that message, which is what a node resuming after a crash already handles
 * (a batch read again appends only duplicates, a write read again after the log grew past the recorded size is not
 * applied twice). Other entries (the source's sealed keys) ride along by name.
 *
 * <p>Joining checks the snapshot before anything is served from it: every entry, tree hash, checkpoint root, batch
 * digest and personal part is recomputed by the node's verify, the projections are rebuilt from the log, and the node
 * catches up from the topic until a quorum of the cosigners it trusts cosigned (C2SP tlog-cosignature, on the
 * checkpoints topic) a checkpoint at or after the snapshot's size whose root its own log has there (a lying peer has
 * only its own cosignature). The joined node keeps its own keys: the source's master key re-wraps the data keys and
 * is dropped.
 */
public final class ClusterSnapshot {
    /** The store of the data directory, as a file: what a snapshot copies and a join installs. */
    private static final EmbeddedStore EMBEDDED = EmbeddedStore.find();
    public static final String STORE = EMBEDDED.fileName(), POSITION = ClusterNode.OFFSET_FILE, SECRETS = "node.secrets";
    /** Marks a data directory a join is installing into: a node does not serve from it. */
    public static final String JOINING = "join.pending";
    /** How long a joining node waits for a quorum of peers' checkpoints to vouch for its log. */
    public static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(120);
    private static final int COPY_ATTEMPTS = 20;

    private ClusterSnapshot() {}

    /** What a snapshot holds: the topic offset it continues from and its log's size. */
    public record Taken(long offset, long size) {}

    /** A joined node: where it continues in the topic, its log's size, the trusted cosigners that cosigned its head. */
    /**
     * A joined node: where it continues in the topic, its log's size then, the snapshot's size, and the size whose root
     * the trusted cosigners {@code cosignedBy} cosigned and this node's log matched (at least the snapshot's).
     */
    public record Joined(long offset, long size, long snapshotSize, long cosignedSize, List<String> cosignedBy, VerifyReport verified) {}

    /** A snapshot refused at join: the message is the one-line reason. */
    public static final class Refused extends IllegalStateException {
        public Refused(String reason) { super(reason); }
    }

    /**
     * Writes a snapshot of the cluster node in {@code dataDir} (serving or stopped: the copy takes no lock) to
     * {@code out}, a new file, with {@code extra} entries beside the store.
     */
    public static Taken take(Path dataDir, Path out, Map<String, byte[]> extra) throws IOException {
        if (!ClusterMember.isMember(dataDir)) throw new IllegalArgumentException(dataDir + " is not a cluster node (it has no " + Cosigner.KEY_FILE + ")");
        Path position = dataDir.resolve(POSITION);
        if (!Files.exists(position)) throw new IllegalArgumentException(dataDir + " has applied nothing from the topic yet (no " + POSITION + "): nothing to hand out");
        if (Files.exists(out)) throw new IllegalArgumentException("the snapshot target " + out + " already exists: give a new file");
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, ".touchline-snapshot");
        try {
            for (int attempt = 1; ; attempt++) {
                String before = Files.readString(position, StandardCharsets.UTF_8);
                Path db = work.resolve(STORE + "." + attempt);
                EMBEDDED.copy(dataDir, db);
                String after = Files.readString(position, StandardCharsets.UTF_8);
                if (before.equals(after)) {
                    long[] at = parsePosition(before.getBytes(StandardCharsets.UTF_8), position);
                    long size = EMBEDDED.latestCheckpoint(db).map(StoredCheckpoint::size).orElse(0L);
                    Path tmp = work.resolve("snapshot.zip");
                    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                        zip.setLevel(Deflater.BEST_SPEED);
                        put(zip, POSITION, before.getBytes(StandardCharsets.UTF_8));
                        for (var e : extra.entrySet()) put(zip, e.getKey(), e.getValue());
                        zip.putNextEntry(new ZipEntry(STORE));
                        Files.copy(db, zip);
                        zip.closeEntry();
                    }
                    Files.move(tmp, out);
                    return new Taken(at[0], size);
                }
                Files.delete(db);
                if (attempt == COPY_ATTEMPTS)
                    throw new IllegalStateException("the node moved on in the topic during each of " + COPY_ATTEMPTS + " copies: try again when it is less busy");
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** The entry {@code name} of a snapshot file, if it has one. */
    public static Optional<byte[]> entry(Path snapshot, String name) throws IOException {
        try (ZipFile zip = open(snapshot)) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) return Optional.empty();
            try (InputStream in = zip.getInputStream(e)) {
                return Optional.of(in.readAllBytes());
            }
        }
    }

    private static ZipFile open(Path snapshot) throws IOException {
        if (!Files.isRegularFile(snapshot)) throw new IllegalArgumentException("the snapshot " + snapshot + " is not a file");
        try {
            return new ZipFile(snapshot.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(snapshot + " is not a touchline cluster snapshot (not a zip file)");
        }
    }

    /** A majority of {@code trusted} cosigners: the quorum a snapshot's head needs unless the operator says otherwise. */
    public static int majority(int trusted) { return trusted / 2 + 1; }

    /** As {@link #join(Path, Path, byte[], String, String, Integer, Duration, Progress)}, catching up within {@link #CATCH_UP_WITHIN}. */
    public static Joined join(Path dataDir, Path snapshot, byte[] sourceSecrets, String kafka, String topicPrefix, Integer quorum, Progress progress)
            throws IOException {
        return join(dataDir, snapshot, sourceSecrets, kafka, topicPrefix, quorum, CATCH_UP_WITHIN, progress);
    }

    /**
     * Installs a snapshot into {@code dataDir}, which {@code touchline cluster init} made (its own log, master and
     * cosigner keys, the cluster's identifier secret) and {@code cluster trust} told whom to trust, and which holds no
     * store yet. The node keeps all its own keys: it re-signs the snapshot's checkpoints and batch notes with its log
     * key, and re-wraps every customer's data key under its own master key, for which it needs the source's master key
     * ({@code sourceSecrets}, the source's {@code node.secrets}) here only, in memory; it is never written.
     *
     * <p>Then the snapshot's log is verified and the projections rebuilt, and the node catches up from the topic (from
     * the snapshot's offset, cosigning nothing) until the peers' checkpoints on the checkpoints topic vouch for it: a
     * size at least the snapshot's whose root {@code quorum} trusted peers cosigned and this node's log has too (null:
     * a majority of the trusted cosigners other than this node). The peers need not have cosigned exactly the
     * snapshot's size, which under constant ingest they may never publish: a tree at a later size with the same root
     * holds the snapshot's entries as its prefix (RFC 9162 §2.1.1: the root commits to every leaf), so the quorum
     * vouches for them too. A snapshot from a lying peer shows as a different root for a size some peer cosigned (a
     * split view) and is refused, as is one no quorum vouches for within {@code within}. Refused, with nothing left
     * installed, when any check fails; until the join ends {@value #JOINING} marks the directory, and a node refuses
     * to serve from it.
     */
    public static Joined join(Path dataDir, Path snapshot, byte[] sourceSecrets, String kafka, String topicPrefix, Integer quorum, Duration within,
                              Progress progress) throws IOException {
        if (!ClusterMember.isMember(dataDir))
            throw new IllegalArgumentException(dataDir + " is not a cluster member yet: run `touchline cluster init` on it first");
        for (String f : List.of(STORE, POSITION, JOINING))
            if (Files.exists(dataDir.resolve(f))) throw new IllegalArgumentException(dataDir + " already holds " + f + ": join into a directory `cluster init` just made");
        NodeIdentity own = NodeIdentity.openOrCreate(dataDir, null);
        Cosigner cosigner = Cosigner.openOrCreate(dataDir, null);
        List<CosignatureVerifier> all = ClusterNode.trustedCosigners(dataDir);
        List<CosignatureVerifier> trusted = all.stream().filter(v -> !v.name().equals(cosigner.name())).toList();
        if (trusted.isEmpty()) throw new IllegalArgumentException(dataDir + " trusts no peer's cosigner key: `touchline cluster trust` each peer first");
        int need = quorum != null ? quorum : majority(trusted.size());
        if (need < 1 || need > trusted.size())
            throw new IllegalArgumentException("the quorum must be between 1 and the " + trusted.size() + " trusted peer cosigners, not " + need);
        byte[] ownSecrets = Files.readAllBytes(dataDir.resolve(SECRETS));
        requireSameCluster(sourceSecrets, ownSecrets);
        byte[] sourceMaster = Base64.getDecoder().decode(secretLine(sourceSecrets, "master"));
        byte[] ownMaster = Base64.getDecoder().decode(secretLine(ownSecrets, "master"));
        Path marker = dataDir.resolve(JOINING);
        try (ZipFile zip = open(snapshot)) {
            byte[] position = read(zip, POSITION, snapshot);
            parsePosition(position, snapshot);
            Path joining = dataDir.resolve(STORE + ".joining");
            Files.deleteIfExists(joining);
            try (InputStream in = zip.getInputStream(required(zip, STORE, snapshot))) {
                Files.copy(in, joining);
            }
            try {
                long size = Checkpoint.parse(head(joining, own.origin())).size();
                EMBEDDED.resignNotes(joining, note -> own.signer().sign(SignedNote.parse(note).text()).encode());
                rekey(joining, sourceMaster, ownMaster);
                writeAtomically(marker, ("joining from " + snapshot.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
                Files.move(joining, dataDir.resolve(STORE), StandardCopyOption.ATOMIC_MOVE);
                writeAtomically(dataDir.resolve(POSITION), position);
                VerifyReport report = verifyAndRebuild(dataDir, size, progress);
                PeerCheckpoints.Cosigned vouched = catchUp(dataDir, size, kafka, topicPrefix, cosigner, all, need, trusted.size(), within);
                long[] reached = ClusterNode.readPosition(dataDir.resolve(POSITION));
                Files.delete(marker);
                return new Joined(reached[0], reached[1], size, vouched.size(), vouched.by(), report);
            } catch (RuntimeException | IOException e) {
                for (String f : List.of(STORE, STORE + "-wal", STORE + "-shm", POSITION, POSITION + ".tmp", joining.getFileName().toString()))
                    Files.deleteIfExists(dataDir.resolve(f));
                Files.deleteIfExists(marker);
                throw e;
            }
        } finally {
            Arrays.fill(sourceMaster, (byte) 0);
            Arrays.fill(ownMaster, (byte) 0);
        }
    }

    /**
     * Wraps the snapshot's data keys under this node's master key instead of the source's, and seals its match profiles
     * (projections, sealed under a key derived from the master key) as this node would have.
     */
    private static void rekey(Path db, byte[] sourceMaster, byte[] ownMaster) {
        Vault source = new Vault(sourceMaster, null), mine = new Vault(ownMaster, null);
        EMBEDDED.rekey(db, (keyId, wrapped) -> {
            try {
                return Vault.rewrap(sourceMaster, ownMaster, keyId, wrapped);
            } catch (StoreException e) {
                throw new Refused("the source's master key does not open the snapshot's data key " + keyId
                        + ": the keys sealed in the snapshot are not its source's, or the key was altered");
            }
        }, (customer, sealed) -> {
            try {
                return mine.sealProfile(customer, source.openProfile(customer, sealed));
            } catch (StoreException e) {
                throw new Refused("the source's master key does not open the snapshot's match profile of " + customer
                        + ": the keys sealed in the snapshot are not its source's, or the profile was altered");
            }
        });
    }

    /**
     * Applies the topic from the snapshot's offset, cosigning nothing, until {@code need} trusted peers' checkpoints of
     * one size at least {@code size} match this log; refused on a split view, on a failure to apply, or after
     * {@code within}. Nothing is served meanwhile: the directory is marked {@value #JOINING}.
     */
    private static PeerCheckpoints.Cosigned catchUp(Path dataDir, long size, String kafka, String topicPrefix, Cosigner cosigner,
                                                    List<CosignatureVerifier> all, int need, int peers, Duration within) throws IOException {
        NodeIdentity identity = NodeIdentity.openOrCreate(dataDir, null);
        try (NodeStore store = EMBEDDED.open(dataDir);
             Node node = new Node(identity, store.ledger(), store.projections(), store.deadLetters());
             KafkaOrdering ordering = new KafkaOrdering(kafka, topicPrefix)) {
            ordering.createTopics();
            ClusterNode catching;
            try {
                catching = ClusterNode.catchUp(node, ordering, cosigner, all);
            } catch (KafkaOrdering.TopicStartGone e) {
                throw new Refused("the snapshot is too old: " + e.getMessage().replace("join from a peer's snapshot instead", "take a newer snapshot"));
            }
            try (catching) {
                long deadline = System.nanoTime() + within.toNanos();
                while (true) {
                    Optional<SplitView> split = catching.splitView();
                    if (split.isPresent())
                        throw new Refused("the snapshot's log is not the cluster's, take the snapshot from another peer: " + split.get().describe());
                    Optional<PeerCheckpoints.Cosigned> vouched = catching.cosignedBy(need, size);
                    if (vouched.isPresent()) return vouched.get();
                    Optional<String> failed = catching.failure();
                    if (failed.isPresent()) throw new Refused("catching up from the topic after the snapshot failed: " + failed.get());
                    if (System.nanoTime() > deadline)
                        throw new Refused("no checkpoint of size " + size + " or more was cosigned by " + need + " of the " + peers
                                + " trusted peer cosigners within " + within.toSeconds() + " s (this node reached size " + node.ledger().size()
                                + "; the peers' latest sizes " + catching.status().get("peers") + "): are the peers running?");
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Refused("interrupted while catching up from the topic");
                    }
                }
            }
        }
    }

    /** The body of the snapshot's latest checkpoint, which must be of this cluster's log. */
    private static String head(Path db, String origin) {
        StoredCheckpoint latest = EMBEDDED.latestCheckpoint(db).orElseThrow(() -> new Refused("the snapshot holds an empty log: nothing to join from"));
        String body;
        Checkpoint cp;
        try {
            body = SignedNote.parse(latest.note()).text();
            cp = Checkpoint.parse(body);
        } catch (RuntimeException e) {
            throw new Refused("the snapshot's latest checkpoint is not a checkpoint note: " + e.getMessage());
        }
        if (!cp.origin().equals(origin)) throw new Refused("the snapshot is of the log " + cp.origin() + ", not this cluster's " + origin);
        if (cp.size() != latest.size()) throw new Refused("the snapshot's latest checkpoint is stored for size " + latest.size() + " but says " + cp.size());
        return body;
    }

    /** Opens the installed store as the node will, verifies every entry and rebuilds the projections from the log. */
    private static VerifyReport verifyAndRebuild(Path dataDir, long size, Progress progress) throws IOException {
        NodeIdentity identity = NodeIdentity.openOrCreate(dataDir, null);
        try (NodeStore store = EMBEDDED.open(dataDir)) {
            LedgerHead.requireIntact(store.ledger(), identity.verifier());
            try (Node node = new Node(identity, store.ledger(), store.projections(), store.deadLetters())) {
                VerifyReport report = node.verify(progress);
                if (!report.ok())
                    throw new Refused("the snapshot's log does not verify (" + report.problems().size() + " problem(s)); the first: " + report.problems().get(0));
                if (report.entries() != size) throw new Refused("the snapshot holds " + report.entries() + " entries but its head says " + size);
                node.rebuild(progress);
                return report;
            }
        } catch (IllegalStateException e) {
            if (e instanceof Refused) throw e;
            throw new Refused("the snapshot's log does not verify: " + e.getMessage());
        }
    }

    /** Both secrets files must carry the cluster's identifier secret: the source's keys are of this cluster. */
    private static void requireSameCluster(byte[] source, byte[] own) {
        if (source == null) throw new IllegalArgumentException("the source node's keys are needed to open the snapshot's personal parts");
        String a = secretLine(source, "identifiers"), b = secretLine(own, "identifiers");
        if (a == null || secretLine(source, "master") == null) throw new IllegalArgumentException("the source's keys are not a node.secrets file");
        if (!a.equals(b)) throw new Refused("the snapshot's keys were made with another identifier secret: the source is not of this cluster");
    }

    private static String secretLine(byte[] secrets, String name) {
        for (String line : new String(secrets, StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.strip().split(" ", 2);
            if (kv.length == 2 && kv[0].equals(name)) return kv[1].strip();
        }
        return null;
    }

    private static long[] parsePosition(byte[] position, Path snapshot) throws IOException {
        Path tmp = Files.createTempFile("touchline-position", ".txt");
        try {
            Files.write(tmp, position);
            return ClusterNode.readPosition(tmp);
        } catch (IllegalStateException e) {
            throw new Refused(snapshot + ": its " + POSITION + " is damaged");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ZipEntry required(ZipFile zip, String name, Path snapshot) {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IllegalArgumentException(snapshot + " is not a touchline cluster snapshot: it has no " + name);
        return e;
    }

    private static byte[] read(ZipFile zip, String name, Path snapshot) throws IOException {
        try (InputStream in = zip.getInputStream(required(zip, name, snapshot))) {
            return in.readAllBytes();
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(f);
        }
    }
}
