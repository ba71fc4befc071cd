package org.touchline.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EntryKind;
import org.touchline.domain.Progress;
import org.touchline.ledger.SignedNote;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fourth node joins a running cluster of three from node 0's snapshot, after the ordering topic's beginning was
 * deleted (as a retention would): it checks the snapshot against the cosignatures on the checkpoints topic and its own
 * recomputation, then reads on from the snapshot's offset like the others. Real Kafka broker, real SQLite files.
 */
class SnapshotJoinTest {
    static LocalBroker broker;
    @TempDir Path tmp;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = TestBroker.shared();
    }

    /** Four prepared data directories (each trusting all four cosigners); nodes 0..2 started. */
    private TestCluster threeRunning(String prefix) throws Exception {
        TestCluster c = new TestCluster(tmp, broker.bootstrap(), prefix, 4);
        for (int i = 0; i < 3; i++) c.start(i);
        return c;
    }

    /** Sends {@code count} batches through nodes 0..2 in turn and waits until those three applied them all. */
    private static void ingest(TestCluster c, int first, int count) throws InterruptedException {
        for (int b = first; b < first + count; b++)
            assertThat(c.post(b % 3, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 20, 20))).statusCode()).isEqualTo(200);
        long end = first + count;
        TestCluster.await("nodes 0..2 applied offset " + (end - 1), Duration.ofSeconds(30),
                () -> List.of(0, 1, 2).stream().allMatch(i -> c.members[i].cluster().nextOffset() == end));
    }

    /** Waits until node 0's checkpoint carries the cosignatures of nodes 0..2: they are on the checkpoints topic. */
    private static void awaitCosigned(TestCluster c) throws Exception {
        List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
        TestCluster.await("nodes 0..2 cosigned node 0's checkpoint", Duration.ofSeconds(20), () -> ClusterTest.cosigners(c.checkpoint(0), all) >= 3);
    }

    /** Three batches through node 0, cosigned by nodes 0..2, then node 0's snapshot (taken while it serves). */
    private Path cosignedSnapshotOfNode0(TestCluster c) throws Exception {
        ingest(c, 0, 3);
        awaitCosigned(c);
        Path snapshot = tmp.resolve("node-0.snapshot");
        ClusterSnapshot.take(c.dirs.get(0), snapshot, Map.of());
        return snapshot;
    }

    /** What `touchline cluster init` does to node 3's directory: its log keys under the cluster's origin and secret. */
    private static void init(TestCluster c, int i) throws IOException {
        NodeIdentity.openOrCreate(c.dirs.get(i), TestCluster.ORIGIN, c.secret);
    }

    /** Deletes every message of the ordering topic so far, as a retention or an operator's `kafka-delete-records` would. */
    private static void deleteTopicBeginning(TestCluster c) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", c.bootstrap))) {
            TopicPartition tp = new TopicPartition(c.prefix + "batches", 0);
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(end))).all().get();
        }
    }

    /** Deletes the checkpoints published so far: no peer's checkpoint of exactly the snapshot's size is left to find. */
    private static void deletePublishedCheckpoints(TestCluster c) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", c.bootstrap))) {
            TopicPartition tp = new TopicPartition(c.prefix + "checkpoints", 0);
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(end))).all().get();
        }
    }

    /** A client sending batches through nodes 0..2 in turn, one after another, until closed: a busy cluster. */
    private static final class Ingest implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int sent;
        private volatile String failure;

        Ingest(TestCluster c, int first) {
            thread = new Thread(() -> {
                for (int b = first; running; b++) {
                    var r = c.post(b % 3, "/v1/batches", c.signedBatch("busy" + b, TestCluster.records(b * 20, 20)));
                    if (r.statusCode() != 200) failure = "batch " + b + ": " + r.statusCode() + " " + r.body();
                    sent++;
                }
            }, "test-ingest");
            thread.start();
        }

        void awaitSent(int n) throws InterruptedException {
            TestCluster.await(n + " batches sent", Duration.ofSeconds(30), () -> sent >= n);
        }

        /** Stops sending; returns how many batches were sent. */
        int stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
            assertThat(failure).as("every batch was taken").isNull();
            return sent;
        }

        @Override
        public void close() throws InterruptedException { if (running) stop(); }
    }

    private ClusterSnapshot.Joined join(TestCluster c, Path snapshot) throws IOException {
        return ClusterSnapshot.join(c.dirs.get(3), snapshot, Files.readAllBytes(c.dirs.get(0).resolve("node.secrets")), c.bootstrap, c.prefix, null,
                Progress.NONE);
    }

    @Test
    void aNodeJoinsFromAPeersSnapshotAfterTheTopicsBeginningIsGoneAndReachesTheSameCosignedCheckpoint() throws Exception {
        try (TestCluster c = threeRunning("join-")) {
            ingest(c, 0, 6);
            awaitCosigned(c);
            deleteTopicBeginning(c);
            Path snapshot = tmp.resolve("node-0.snapshot");
            ClusterSnapshot.Taken taken = ClusterSnapshot.take(c.dirs.get(0), snapshot, Map.of());
            assertThat(taken.offset()).isEqualTo(6);

            init(c, 3);
            ClusterSnapshot.Joined joined = join(c, snapshot);
            assertThat(joined.offset()).isEqualTo(6);
            assertThat(joined.size()).isEqualTo(taken.size());
            assertThat(joined.cosignedSize()).as("the quiet cluster's peers cosigned the snapshot's own size").isEqualTo(taken.size());
            assertThat(joined.cosignedBy()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.JOINING)).doesNotExist();

            c.start(3);
            ingest(c, 6, 3);
            TestCluster.await("node 3 applied what the others did", Duration.ofSeconds(30), () -> c.members[3].cluster().nextOffset() == 9);
            String body = SignedNote.parse(c.members[0].node().ledger().latestCheckpoint().orElseThrow().note()).text();
            assertThat(SignedNote.parse(c.members[3].node().ledger().latestCheckpoint().orElseThrow().note()).text()).isEqualTo(body);
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            TestCluster.await("node 0's checkpoint carries node 3's cosignature too", Duration.ofSeconds(20),
                    () -> ClusterTest.cosigners(c.checkpoint(0), all) == 4);
            assertThat(c.members[3].node().verify(Progress.NONE).problems()).isEmpty();
            assertThat(c.members[3].node().personalPart(firstInteraction(c.members[3]))).as("a personal part from the snapshot opens").isPresent();
        }
    }

    @Test
    void aNodeJoinsWhileThePeersIngestWithoutStopAndReachesTheSameCosignedCheckpoint() throws Exception {
        try (TestCluster c = threeRunning("busy-")) {
            ClusterSnapshot.Taken taken;
            ClusterSnapshot.Joined joined;
            Path snapshot = tmp.resolve("node-0.snapshot");
            try (Ingest ingest = new Ingest(c, 0)) {
                ingest.awaitSent(4);
                taken = ClusterSnapshot.take(c.dirs.get(0), snapshot, Map.of());
                deletePublishedCheckpoints(c);
                init(c, 3);
                joined = join(c, snapshot);
                ingest.awaitSent(ingest.sent + 2);
                int sent = ingest.stop();
                TestCluster.await("nodes 0..2 applied every batch", Duration.ofSeconds(30),
                        () -> List.of(0, 1, 2).stream().allMatch(i -> c.members[i].cluster().nextOffset() == sent));
            }
            assertThat(joined.snapshotSize()).isEqualTo(taken.size());
            assertThat(joined.cosignedSize()).as("vouched for by a later checkpoint than the snapshot's").isGreaterThan(taken.size());
            assertThat(joined.size()).isGreaterThanOrEqualTo(joined.cosignedSize());
            assertThat(joined.offset()).isGreaterThan(taken.offset());
            assertThat(joined.cosignedBy()).hasSizeGreaterThanOrEqualTo(2);

            c.start(3);
            long end = c.members[0].cluster().nextOffset();
            TestCluster.await("node 3 applied what the others did", Duration.ofSeconds(30), () -> c.members[3].cluster().nextOffset() == end);
            String body = SignedNote.parse(c.members[0].node().ledger().latestCheckpoint().orElseThrow().note()).text();
            assertThat(SignedNote.parse(c.members[3].node().ledger().latestCheckpoint().orElseThrow().note()).text()).isEqualTo(body);
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            TestCluster.await("node 0's checkpoint carries node 3's cosignature too", Duration.ofSeconds(20),
                    () -> ClusterTest.cosigners(c.checkpoint(0), all) == 4);
            assertThat(c.members[3].node().verify(Progress.NONE).problems()).isEmpty();
        }
    }

    @Test
    void theJoinedNodeKeepsItsOwnMasterKeyAndStillOpensAndErasesPersonalParts() throws Exception {
        try (TestCluster c = threeRunning("keys-")) {
            Path snapshot = cosignedSnapshotOfNode0(c);
            init(c, 3);
            byte[] own = Files.readAllBytes(c.dirs.get(3).resolve("node.secrets"));
            join(c, snapshot);
            assertThat(Files.readAllBytes(c.dirs.get(3).resolve("node.secrets"))).as("node 3's own keys, untouched").isEqualTo(own)
                    .isNotEqualTo(Files.readAllBytes(c.dirs.get(0).resolve("node.secrets")));

            c.start(3);
            Node joined = c.members[3].node();
            String leaving = ClusterWritesTest.customer(joined, "email", "user3@example.com");
            List<Long> parts = ClusterWritesTest.interactionsOf(joined, leaving);
            assertThat(parts).isNotEmpty();
            for (long e : parts) assertThat(joined.personalPart(e)).as("entry " + e + " opens under node 3's own master key").isPresent();

            var erased = c.post(1, "/v1/customers/" + leaving + "/erasure", "{\"confirm\":\"" + leaving + "\"}");
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);
            TestCluster.await("node 3 applied the erasure", Duration.ofSeconds(30), () -> c.members[3].cluster().nextOffset() == 4);
            for (long e : parts) assertThat(joined.personalPart(e)).as("entry " + e + " erased on node 3").isEmpty();
        }
    }

    @Test
    void aSnapshotFromAPeerWhoseSourceKeysAreNotItsOwnIsRefused() throws Exception {
        try (TestCluster c = threeRunning("wrongkeys-")) {
            Path snapshot = cosignedSnapshotOfNode0(c);
            init(c, 3);
            byte[] node1Keys = Files.readAllBytes(c.dirs.get(1).resolve("node.secrets"));
            assertThatThrownBy(() -> ClusterSnapshot.join(c.dirs.get(3), snapshot, node1Keys, c.bootstrap, c.prefix, null, Progress.NONE))
                    .isInstanceOf(ClusterSnapshot.Refused.class).hasMessageStartingWith("the source's master key does not open the snapshot's data key");
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.STORE)).doesNotExist();
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.JOINING)).doesNotExist();
        }
    }

    @Test
    void aDirectoryAJoinDidNotFinishInIsNotServedFrom() throws Exception {
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), "pending-", 1)) {
            Files.writeString(c.dirs.get(0).resolve(ClusterSnapshot.JOINING), "joining from node-0.snapshot\n");
            assertThatThrownBy(() -> c.start(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("holds a join from a snapshot that did not finish").hasMessageContaining("run `touchline cluster join` again");
        }
    }

    @Test
    void aNodeWhosePositionTheTopicNoLongerHoldsIsRefusedWithAnErrorSayingToJoinFromASnapshot() throws Exception {
        try (TestCluster c = threeRunning("gone-")) {
            ingest(c, 0, 3);
            deleteTopicBeginning(c);
            init(c, 3);
            assertThatThrownBy(() -> c.start(3)).isInstanceOf(KafkaOrdering.TopicStartGone.class)
                    .hasMessageContaining("no longer holds offset 0 (it starts at 3")
                    .hasMessageContaining("join from a peer's snapshot");
            assertThat(c.dirs.get(3).resolve(ClusterNode.OFFSET_FILE)).doesNotExist();
        }
    }

    @Test
    void aSnapshotWithAnAlteredEntryIsRefusedAndNothingIsInstalled() throws Exception {
        try (TestCluster c = threeRunning("altered-")) {
            Path snapshot = cosignedSnapshotOfNode0(c);
            Path altered = alter(snapshot, dir -> {
                try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ClusterSnapshot.STORE))) {
                    byte[] leaf;
                    try (ResultSet rs = db.createStatement().executeQuery("SELECT leaf FROM entries WHERE idx = 5")) {
                        rs.next();
                        leaf = rs.getBytes(1);
                    }
                    leaf[leaf.length - 3] ^= 1;
                    try (PreparedStatement ps = db.prepareStatement("UPDATE entries SET leaf = ? WHERE idx = 5")) {
                        ps.setBytes(1, leaf);
                        ps.executeUpdate();
                    }
                }
            });
            init(c, 3);
            byte[] ownSecrets = Files.readAllBytes(c.dirs.get(3).resolve("node.secrets"));
            assertThatThrownBy(() -> join(c, altered)).isInstanceOf(ClusterSnapshot.Refused.class)
                    .hasMessageStartingWith("the snapshot's log does not verify").hasMessageContaining("entry 5");
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.STORE)).doesNotExist();
            assertThat(c.dirs.get(3).resolve(ClusterNode.OFFSET_FILE)).doesNotExist();
            assertThat(Files.readAllBytes(c.dirs.get(3).resolve("node.secrets"))).isEqualTo(ownSecrets);
        }
    }

    @Test
    void aSnapshotOfALogItsNodeForkedIsRefusedWhileThePeersIngestAndTheyGoOnTakingWrites() throws Exception {
        try (TestCluster c = threeRunning("rewritten-")) {
            Path snapshot = cosignedSnapshotOfNode0(c);
            // Node 0's operator appends records the cluster never ordered, with node 0's own keys: a log that verifies
            // (every hash, note and part is node 0's honest work) but is not the cluster's.
            Path rewritten = alter(snapshot, dir -> {
                for (String f : List.of("node.key", "node.secrets")) Files.copy(c.dirs.get(0).resolve(f), dir.resolve(f));
                try (SqliteStore store = new SqliteStore(dir);
                     Node forked = new Node(NodeIdentity.openOrCreate(dir, null), store.ledger(), store.projections(), store.deadLetters())) {
                    forked.ingestion().ndjson(TestCluster.records(9000, 3), "channel:web");
                }
            });
            init(c, 3);
            try (Ingest busy = new Ingest(c, 3)) {
                assertThatThrownBy(() -> join(c, rewritten)).isInstanceOf(ClusterSnapshot.Refused.class)
                        .hasMessageStartingWith("the snapshot's log is not the cluster's, take the snapshot from another peer: split view at tree size");
                busy.awaitSent(busy.sent + 1);
            }
            for (int i = 0; i < 3; i++)
                assertThat(c.members[i].cluster().writesStopped()).as("node " + i + " saw no cosignature of the lie: it takes writes").isEmpty();
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.STORE)).doesNotExist();
            assertThat(c.dirs.get(3).resolve(ClusterNode.OFFSET_FILE)).doesNotExist();
            assertThat(c.dirs.get(3).resolve(ClusterSnapshot.JOINING)).doesNotExist();
        }
    }

    private static long firstInteraction(ClusterMember m) {
        for (long i = 0; i < m.node().ledger().size(); i++)
            if (EntryKind.of(m.node().ledger().leaf(i)) == EntryKind.INTERACTION) return i;
        throw new AssertionError("no interaction in the log");
    }

    interface Change {
        void apply(Path dir) throws Exception;
    }

    /** A copy of the snapshot whose store was changed by {@code change} (given the directory the store is in). */
    private Path alter(Path snapshot, Change change) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("alter"));
        Path out = tmp.resolve("altered.snapshot");
        try (ZipFile zip = new ZipFile(snapshot.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            try (InputStream in = zip.getInputStream(zip.getEntry(ClusterSnapshot.STORE))) {
                Files.copy(in, dir.resolve(ClusterSnapshot.STORE));
            }
            change.apply(dir);
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                z.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(ClusterSnapshot.STORE)) Files.copy(dir.resolve(ClusterSnapshot.STORE), z);
                else try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
        }
        return out;
    }
}
