package org.touchline.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EntryKind;
import org.touchline.domain.store.LedgerStore;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.SignedNote;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    static Path brokerDir;
    @TempDir Path tmp;

    @BeforeAll
    static void startBroker() throws IOException {
        brokerDir = Files.createTempDirectory("touchline-kafka");
        broker = LocalBroker.start(brokerDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
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
