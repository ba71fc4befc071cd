package org.touchline.cluster;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EntryKind;
import org.touchline.domain.store.LedgerStore;
import org.touchline.ledger.GoTlog;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.SignedNote;
import org.touchline.node.SignedBatches;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes on loopback around a real Kafka broker (KRaft, in this JVM): each appends only what the ordering topic
 * holds, so all reach the same checkpoint, and each checks the others' through their cosignatures.
 */
class ClusterTest {
    static LocalBroker broker;
    @TempDir Path tmp;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = TestBroker.shared();
    }

    private TestCluster cluster(String prefix) throws IOException {
        return new TestCluster(tmp, broker.bootstrap(), prefix, 3);
    }

    @Test
    void threeNodesIngestingThroughAllThreeReachTheSameCosignedCheckpoint() throws Exception {
        try (TestCluster c = cluster("same-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            // Twelve batches of 40 records, sent at the same time through all three nodes' APIs.
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int b = 0; b < 12; b++) {
                int batch = b;
                answers.add(pool.submit(() -> c.post(batch % 3, "/v1/batches", c.signedBatch("b" + batch, TestCluster.records(batch * 40, 40)))));
            }
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(TestCluster.json(r).get("accepted").asInt()).as(r.body()).isEqualTo(40);
            }
            pool.shutdown();
            TestCluster.await("every node applied all 12 batches", Duration.ofSeconds(30),
                    () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 12));

            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 3; i++) bodies.add(c.members[i].node().ledger().latestCheckpoint().map(cp -> SignedNote.parse(cp.note()).text()).orElseThrow());
            assertThat(bodies).as("one checkpoint body on every node").hasSize(1);
            for (int i = 0; i < 3; i++) assertThat(interactions(c.members[i].node().ledger())).as("node " + i).isEqualTo(480);

            // Each node serves its checkpoint with the cosignatures of all three, each checked against its own log.
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            for (int i = 0; i < 3; i++) {
                int node = i;
                TestCluster.await("node " + i + " holds both peers' cosignatures", Duration.ofSeconds(20), () -> cosigners(c.checkpoint(node), all) == 3);
            }
        }
    }

    @Test
    void goOpensEachNodesCheckpointWithTheLogKeysAndChecksEveryCosignature() throws Exception {
        GoTlog go = GoTlog.requireOrSkip();
        try (TestCluster c = cluster("go-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            for (int b = 0; b < 3; b++) assertThat(c.post(b, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 20, 20))).statusCode()).isEqualTo(200);
            TestCluster.await("all applied", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 3));
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            var input = TestCluster.JSON.createObjectNode();
            for (int i = 0; i < 3; i++) {
                int node = i;
                TestCluster.await("node " + i + " holds all cosignatures", Duration.ofSeconds(20), () -> cosigners(c.checkpoint(node), all) == 3);
                input.withArray("LogKeys").add(c.members[i].node().identity().verifierKey());
                input.withArray("Cosigners").add(all.get(i).verifierKey());
                input.withArray("Notes").add(c.get(i, "/v1/ledger/checkpoint").body());
            }
            Path file = Files.writeString(Files.createDirectories(tmp.resolve("go")).resolve("input.json"), input.toString());
            assertThat(go.run(Path.of("src/test/go/cosigninterop.go").toAbsolutePath(), file)).contains("go cosignature interop: ").contains("checks passed");
        }
    }

    @Test
    void aNodeKilledInTheMiddleCatchesUpFromTheTopicWithNothingLostOrDoubled() throws Exception {
        try (TestCluster c = cluster("kill-")) {
            c.start(0);
            c.start(1);
            c.startChild(2);
            // Nodes 0 and 1 take 24 batches between them while node 2 takes 3, is killed, and is started again.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int b = 0; b < 24; b++) {
                int batch = b;
                answers.add(pool.submit(() -> c.post(batch % 2, "/v1/batches", c.signedBatch("b" + batch, TestCluster.records(batch * 20, 20)))));
            }
            for (int b = 24; b < 27; b++) assertThat(c.post(2, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 20, 20))).statusCode()).isEqualTo(200);
            TestCluster.await("a third of the batches are ordered", Duration.ofSeconds(30), () -> c.members[0].cluster().nextOffset() >= 10);
            c.kill(2);
            for (Future<HttpResponse<String>> f : answers) assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
            pool.shutdown();
            long whileDown = c.members[0].cluster().nextOffset();
            c.startChild(2);
            for (int b = 27; b < 30; b++) assertThat(c.post(2, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 20, 20))).statusCode()).isEqualTo(200);

            TestCluster.await("all three applied the 30 batches", Duration.ofSeconds(40), () -> c.members[0].cluster().nextOffset() == 30
                    && c.members[1].cluster().nextOffset() == 30 && TestCluster.json(c.get(2, "/v1/health")).at("/cluster/nextOffset").asLong() == 30);
            assertThat(whileDown).isLessThan(30);
            String body = c.checkpoint(0).text();
            assertThat(c.checkpoint(1).text()).isEqualTo(body);
            assertThat(c.checkpoint(2).text()).as("the restarted node's checkpoint").isEqualTo(body);
            assertThat(interactions(c.members[0].node().ledger())).isEqualTo(600);
            // The peers' checkpoints it read while behind are checked once it got there: all three vouch for its head.
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            TestCluster.await("the restarted node holds both peers' cosignatures", Duration.ofSeconds(20), () -> cosigners(c.checkpoint(2), all) == 3);
        }
    }

    @Test
    void aNodeWhosePositionLagsItsLedgerReadsTheTopicAgainAndAppendsNothingTwice() throws Exception {
        try (TestCluster c = cluster("lag-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            for (int b = 0; b < 4; b++) assertThat(c.post(b % 3, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 25, 25))).statusCode()).isEqualTo(200);
            TestCluster.await("node 2 applied all", Duration.ofSeconds(20), () -> c.members[2].cluster().nextOffset() == 4);
            String before = c.checkpoint(2).text();
            c.stop(2);
            // As after a crash between appending and recording the position: the node reads every message again.
            Files.writeString(c.dirs.get(2).resolve(ClusterNode.OFFSET_FILE), "0\n");
            c.start(2);
            TestCluster.await("node 2 read the topic again", Duration.ofSeconds(20), () -> c.members[2].cluster().nextOffset() == 4);
            assertThat(c.checkpoint(2).text()).isEqualTo(before);
            assertThat(c.members[2].node().deadLetters().count("open")).as("no batch taken for a replay").isZero();
            assertThat(interactions(c.members[2].node().ledger())).isEqualTo(100);
        }
    }

    @Test
    void aValueChangedInOneNodesStoreStopsThatNodeApplyingWhileTheOthersGoOn() throws Exception {
        try (TestCluster c = cluster("value-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            for (int b = 0; b < 3; b++) assertThat(c.post(b, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 30, 30))).statusCode()).isEqualTo(200);
            TestCluster.await("all applied", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 3));
            c.stop(2);
            // A byte of one entry changed under its unchanged tree hashes: the roots still agree, so only reading every
            // entry (the integrity watch `serve` runs) can see it.
            try (SqliteStore store = new SqliteStore(c.dirs.get(2))) {
                store.database().write(s -> {
                    s.execute("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'enquiry', 'complaint') AS BLOB) WHERE idx = 7");
                    return null;
                });
            }
            c.start(2);
            assertThat(c.members[2].node().integrity().run().state()).isEqualTo("damaged");

            assertThat(c.post(0, "/v1/batches", c.signedBatch("b3", TestCluster.records(90, 10))).statusCode()).isEqualTo(200);
            TestCluster.await("the intact nodes applied the new batch", Duration.ofSeconds(20),
                    () -> c.members[0].cluster().nextOffset() == 4 && c.members[1].cluster().nextOffset() == 4);
            Thread.sleep(1000);
            assertThat(c.members[2].cluster().nextOffset()).as("the damaged node appends nothing on top of the damage").isEqualTo(3);
            assertThat(TestCluster.json(c.get(2, "/v1/health")).get("integrity").get("problem").asText()).startsWith("entry 7:");
            assertThat(c.get(2, "/v1/ledger/checkpoint").statusCode()).as("reads go on").isEqualTo(200);
        }
    }

    @Test
    void aNodeWhoseStoreWasRewrittenIsCaughtByThePeersCosignaturesAndWritesStop() throws Exception {
        try (TestCluster c = cluster("split-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            for (int b = 0; b < 3; b++) assertThat(c.post(b, "/v1/batches", c.signedBatch("b" + b, TestCluster.records(b * 30, 30))).statusCode()).isEqualTo(200);
            TestCluster.await("all applied", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 3));
            assertThat(c.get(0, "/v1/health/ready").statusCode()).isEqualTo(200);
            assertThat(c.get(0, "/metrics").body()).contains("touchline_cluster_split_view 0.0", "touchline_cluster_next_offset 3.0",
                    "touchline_cluster_peer_checkpoint_size{peer=\"" + c.cosigners.get(1) + "\"}");
            c.stop(2);
            HistoryRewrite.changeLeaf(c.dirs.get(2), 7);
            c.start(2);

            for (int i = 0; i < 3; i++) {
                int node = i;
                TestCluster.await("node " + i + " raises a split view", Duration.ofSeconds(20), () -> c.members[node].cluster().splitView().isPresent());
            }
            assertThat(c.members[0].cluster().splitView().orElseThrow().peer()).isEqualTo(c.cosigners.get(2));
            assertThat(c.members[2].cluster().splitView().orElseThrow().peer()).isIn(c.cosigners.get(0), c.cosigners.get(1));
            // The altered node's checkpoint carries no cosignature but its own: the others will not vouch for it.
            assertThat(cosigners(c.checkpoint(2), ClusterNode.trustedCosigners(c.dirs.get(0)))).isEqualTo(1);
            HttpResponse<String> write = c.post(0, "/v1/batches", c.signedBatch("b9", TestCluster.records(900, 5)));
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(TestCluster.json(write).get("error").asText()).contains("split view at tree size", c.cosigners.get(2));
            assertThat(c.get(0, "/v1/ledger/checkpoint").statusCode()).as("reads go on").isEqualTo(200);
            assertThat(TestCluster.json(c.get(0, "/v1/health")).get("status").asText()).contains("split view");
            HttpResponse<String> ready = c.get(0, "/v1/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(TestCluster.json(ready).get("reason").asText()).startsWith("writes are stopped").contains("split view");
            assertThat(c.get(0, "/metrics").body()).contains("touchline_cluster_split_view 1.0", "touchline_writes_stopped 1.0", "touchline_ready 0.0");
        }
    }

    @Test
    void aBatchSignedByAnUnknownKeyIsRefusedByEveryNodeAlikeAndTheLogsStayEqual() throws Exception {
        try (TestCluster c = cluster("unknown-")) {
            for (int i = 0; i < 3; i++) c.start(i);
            NoteSigner stranger = NoteSigner.parse(NoteKeys.generate("stranger").signerKey());
            // Through the API it is refused before it reaches the topic...
            HttpResponse<String> r = c.post(1, "/v1/batches", TestCluster.signedBatch(stranger, "x1", TestCluster.records(0, 5)));
            assertThat(r.statusCode()).isEqualTo(403);
            // ...and one written to the topic directly (a rogue producer) is skipped by every node, with a dead letter.
            try (KafkaOrdering rogue = new KafkaOrdering(broker.bootstrap(), "unknown-")) {
                String records = TestCluster.records(0, 5);
                rogue.order(Envelope.accept(SignedBatches.sign(stranger, "x2", records), records, Instant.now(), "rogue").encode());
            }
            assertThat(c.post(2, "/v1/batches", c.signedBatch("b1", TestCluster.records(100, 10))).statusCode()).isEqualTo(200);
            TestCluster.await("all applied", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 2));
            for (int i = 0; i < 3; i++) {
                var letters = c.members[i].node().deadLetters().list("open", 0, 10);
                assertThat(letters).as("node " + i).hasSize(1);
                assertThat(letters.get(0).recordRef()).isEqualTo("offset 0");
                assertThat(letters.get(0).problems()).contains("unknown-key", "stranger");
                assertThat(c.checkpoint(i).text()).isEqualTo(c.checkpoint(0).text());
                assertThat(interactions(c.members[i].node().ledger())).isEqualTo(10);
            }
        }
    }

    @Test
    void writesThatWouldBypassTheOrderOrCouldNotBeAppliedAreRefusedBeforeTheTopic() throws Exception {
        try (TestCluster c = cluster("refused-")) {
            c.start(0);
            HttpResponse<String> unsigned = c.post(0, "/v1/interactions", TestCluster.records(0, 1));
            assertThat(unsigned.statusCode()).isEqualTo(409);
            assertThat(TestCluster.json(unsigned).get("error").asText()).contains("ordering topic only", "POST /v1/interactions is not ordered");
            HttpResponse<String> big = c.post(0, "/v1/batches", c.signedBatch("big", TestCluster.records(0, 10_001)));
            assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
            assertThat(c.get(0, "/v1/analytics/snapshot").statusCode()).as("reads are local").isNotEqualTo(409);
            try (KafkaOrdering ordering = new KafkaOrdering(broker.bootstrap(), "refused-"); KafkaOrdering.Reader topic = ordering.batches(0)) {
                assertThat(topic.poll(Duration.ofMillis(500))).as("nothing reached the topic").isEmpty();
            }
        }
    }

    /** How many of the cosigners signed the note (each signature checked). */
    static int cosigners(SignedNote note, List<CosignatureVerifier> cosigners) {
        int n = 0;
        for (CosignatureVerifier v : cosigners)
            for (NoteSignature s : note.signatures())
                if (v.matches(s)) {
                    v.verify(note.text(), s);
                    n++;
                }
        return n;
    }

    /** The interactions in a log, each (source, record id) once: a second copy of a record fails the test. */
    static long interactions(LedgerStore ledger) {
        long[] n = {0};
        ledger.scanLeaves(0, ledger.size(), (i, leaf) -> {
            if (EntryKind.of(leaf) == EntryKind.INTERACTION) n[0]++;
        });
        return n[0];
    }
}
