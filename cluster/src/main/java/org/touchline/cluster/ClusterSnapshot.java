package org.touchline.cluster;

import org.touchline.domain.Progress;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.SignedNote;
import org.touchline.node.LedgerHead;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.VerifyReport;
import org.touchline.store.sqlite.SqliteBackup;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A cluster node's state at one topic offset, handed to a new or recovered node so that it need not read the ordering
 * topic from its beginning (issue 9 item 2): then the topic may have a retention, and the personal data in it ages out.
 *
 * <p>A snapshot is a zip of the store ({@code touchline.db}, copied by {@link SqliteBackup}: one read transaction, so
 * its latest checkpoint covers exactly its entries) and the node's topic position ({@code cluster.offset}) read before
 * and after the copy: when both reads agree, the applier finished at most the message at that offset during the copy,
 * so the position lags the copy by at most that message, which is what a node resuming after a crash already handles
 * (a batch read again appends only duplicates, a write read again after the log grew past the recorded size is not
 * applied twice). Other entries (the source's sealed keys) ride along by name.
 *
 * <p>Joining checks the snapshot before anything is served from it: its tree head must be a checkpoint that a quorum
 * of the cosigners this node trusts cosigned on the checkpoints topic (C2SP tlog-cosignature; a lying peer has only
 * its own cosignature), every entry, tree hash, checkpoint root, batch digest and personal part is recomputed by the
 * node's verify, and the projections are rebuilt from the log.
 */
public final class ClusterSnapshot {
    public static final String STORE = SqliteStore.FILE, POSITION = ClusterNode.OFFSET_FILE, SECRETS = "node.secrets";
    private static final int COPY_ATTEMPTS = 20;

    private ClusterSnapshot() {}

    /** What a snapshot holds: the topic offset it continues from and its log's size. */
    public record Taken(long offset, long size) {}

    /** A joined node: where it continues in the topic, its log's size, the trusted cosigners that cosigned its head. */
    public record Joined(long offset, long size, List<String> cosignedBy, VerifyReport verified) {}

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
                SqliteBackup.copy(dataDir, db);
                String after = Files.readString(position, StandardCharsets.UTF_8);
                if (before.equals(after)) {
                    long[] at = parsePosition(before.getBytes(StandardCharsets.UTF_8), position);
                    long size = SqliteBackup.latestCheckpoint(db).map(StoredCheckpoint::size).orElse(0L);
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
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(snapshot + " is not a touchline cluster snapshot (not a zip file)");
        }
    }

    /** A majority of {@code trusted} cosigners: the quorum a snapshot's head needs unless the operator says otherwise. */
    public static int majority(int trusted) { return trusted / 2 + 1; }

    /**
     * Installs a snapshot into {@code dataDir}, which {@code touchline cluster init} made (its own log and cosigner
     * keys, the cluster's identifier secret) and {@code cluster trust} told whom to trust, and which holds no store yet.
     * {@code sourceSecrets} is the source node's {@code node.secrets}: the snapshot's personal parts are sealed under
     * data keys wrapped by the source's master key, so this node takes that master key (and keeps its own log key,
     * with which it re-signs the snapshot's checkpoints and batch notes). {@code quorum} null means a majority of the
     * trusted cosigners other than this node. Refused, with nothing left installed, when a check fails.
     */
    public static Joined join(Path dataDir, Path snapshot, byte[] sourceSecrets, String kafka, String topicPrefix, Integer quorum, Progress progress)
            throws IOException {
        if (!ClusterMember.isMember(dataDir))
            throw new IllegalArgumentException(dataDir + " is not a cluster member yet: run `touchline cluster init` on it first");
        for (String f : List.of(STORE, POSITION))
            if (Files.exists(dataDir.resolve(f))) throw new IllegalArgumentException(dataDir + " already holds " + f + ": join into a directory `cluster init` just made");
        NodeIdentity own = NodeIdentity.openOrCreate(dataDir, null);
        Cosigner cosigner = Cosigner.openOrCreate(dataDir, null);
        List<CosignatureVerifier> trusted = ClusterNode.trustedCosigners(dataDir).stream().filter(v -> !v.name().equals(cosigner.name())).toList();
        if (trusted.isEmpty()) throw new IllegalArgumentException(dataDir + " trusts no peer's cosigner key: `touchline cluster trust` each peer first");
        int need = quorum != null ? quorum : majority(trusted.size());
        if (need < 1 || need > trusted.size())
            throw new IllegalArgumentException("the quorum must be between 1 and the " + trusted.size() + " trusted peer cosigners, not " + need);
        Path secretsFile = dataDir.resolve(SECRETS);
        byte[] ownSecrets = Files.readAllBytes(secretsFile);
        requireSameCluster(sourceSecrets, ownSecrets);
        byte[] position;
        try (ZipFile zip = open(snapshot)) {
            position = read(zip, POSITION, snapshot);
            long[] at = parsePosition(position, snapshot);
            Path joining = dataDir.resolve(STORE + ".joining");
            Files.deleteIfExists(joining);
            try (InputStream in = zip.getInputStream(required(zip, STORE, snapshot))) {
                Files.copy(in, joining);
            }
            boolean installed = false;
            try {
                String body = head(joining, own.origin());
                List<String> cosignedBy = cosigners(kafka, topicPrefix, body, trusted);
                Checkpoint cp = Checkpoint.parse(body);
                if (cosignedBy.size() < need)
                    throw new Refused("the snapshot's tree head (size " + cp.size() + ", root " + Base64.getEncoder().encodeToString(cp.rootHash())
                            + ") is cosigned by " + cosignedBy.size() + " of the " + trusted.size() + " trusted cosigners " + cosignedBy
                            + " where " + need + " are needed: it is not the cluster's log, take the snapshot from another peer");
                SqliteBackup.resignNotes(joining, note -> own.signer().sign(SignedNote.parse(note).text()).encode());
                Files.move(joining, dataDir.resolve(STORE), StandardCopyOption.ATOMIC_MOVE);
                installed = true;
                writeSecret(secretsFile, sourceSecrets);
                VerifyReport report = verifyAndRebuild(dataDir, cp.size(), progress);
                writeAtomically(dataDir.resolve(POSITION), position);
                return new Joined(at[0], cp.size(), cosignedBy, report);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(joining);
                if (installed) {
                    for (String f : List.of(STORE, STORE + "-wal", STORE + "-shm")) Files.deleteIfExists(dataDir.resolve(f));
                    writeSecret(secretsFile, ownSecrets);
                }
                throw e;
            }
        }
    }

    /** The body of the snapshot's latest checkpoint, which must be of this cluster's log. */
    private static String head(Path db, String origin) {
        StoredCheckpoint latest = SqliteBackup.latestCheckpoint(db).orElseThrow(() -> new Refused("the snapshot holds an empty log: nothing to join from"));
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

    /**
     * The trusted cosigners whose valid cosignature of exactly {@code body} is on the checkpoints topic. Read from the
     * topic, not from the snapshot's source: a peer cannot vouch for itself.
     */
    static List<String> cosigners(String kafka, String topicPrefix, String body, List<CosignatureVerifier> trusted) {
        TreeSet<String> out = new TreeSet<>();
        try (KafkaOrdering ordering = new KafkaOrdering(kafka, topicPrefix)) {
            ordering.createTopics();
            try (KafkaOrdering.Reader r = ordering.checkpoints(Integer.MAX_VALUE)) {
                long end = r.endOffset(), deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (r.position() < end && out.size() < trusted.size()) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("reading the checkpoints topic took over 60 s");
                    for (KafkaOrdering.Message m : r.poll(Duration.ofMillis(500))) {
                        SignedNote note;
                        try {
                            note = SignedNote.parse(m.value());
                        } catch (RuntimeException e) {
                            continue; // not a note: ignored, as a node ignores it
                        }
                        if (!note.text().equals(body)) continue;
                        for (NoteSignature s : note.signatures())
                            for (CosignatureVerifier v : trusted) {
                                if (!v.matches(s)) continue;
                                try {
                                    v.verify(body, s);
                                    out.add(v.name());
                                } catch (IllegalArgumentException bad) {
                                    // a forged or damaged line counts for nothing
                                }
                            }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Opens the installed store as the node will, verifies every entry and rebuilds the projections from the log. */
    private static VerifyReport verifyAndRebuild(Path dataDir, long size, Progress progress) throws IOException {
        NodeIdentity identity = NodeIdentity.openOrCreate(dataDir, null);
        try (SqliteStore store = new SqliteStore(dataDir)) {
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

    private static void writeSecret(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the directory's permissions guard it
        }
        writeAtomically(file, content, tmp);
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        writeAtomically(file, content, file.resolveSibling(file.getFileName() + ".tmp"));
    }

    private static void writeAtomically(Path file, byte[] content, Path tmp) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
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
