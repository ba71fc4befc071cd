package org.touchline.node;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.InteractionEntry;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.InclusionProof;
import org.touchline.ledger.ProofVerifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.*;

class AppendPipelineTest {
    @TempDir Path dir;

    @Test
    void acceptedRecordsGetConsecutiveIndexesAndASignedCheckpoint() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            List<Outcome> out = f.append(interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("a@example.com")),
                    interaction("crm", "2", "2026-01-02T10:00:00Z", "web", email("b@example.com")));
            assertThat(out).extracting(Outcome::status).containsOnly(Outcome.Status.ACCEPTED);
            assertThat(out).extracting(Outcome::index).containsExactly(0L, 1L);
            String note = f.node.reader().checkpoint();
            var signed = f.node.identity().verifier().verify(note);
            Checkpoint cp = Checkpoint.parse(signed.text());
            assertThat(cp.size()).isEqualTo(2);
            assertThat(cp.origin()).isEqualTo("test.touchline/log");
        }
    }

    @Test
    void reingestingTheSameSourceRecordIsADuplicateNotANewEntry() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            var i = interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("a@example.com"));
            f.append(i);
            List<Outcome> again = f.append(i, i);
            assertThat(again).extracting(Outcome::status).containsOnly(Outcome.Status.DUPLICATE);
            assertThat(again).extracting(Outcome::index).containsOnly(0L);
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void theLeafHoldsNoPersonalData() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("ann.smith@example.com"), phone("+44 7700 900123")));
            String leaf = new String(f.node.ledger().leaf(0), StandardCharsets.UTF_8);
            assertThat(leaf).doesNotContain("ann.smith", "7700900123", "Customer asked about");
            assertThat(InteractionEntry.parse(f.node.ledger().leaf(0)).commitment()).hasSize(32);
        }
    }

    @Test
    void everyEntryHasAnInclusionProofAgainstTheSignedRoot() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int k = 0; k < 37; k++)
                f.append(interaction("web", "r" + k, "2026-02-01T10:00:00Z", "web", email("c" + (k % 5) + "@example.com")));
            Checkpoint cp = Checkpoint.parse(f.node.identity().verifier().verify(f.node.reader().checkpoint()).text());
            for (long i = 0; i < cp.size(); i++) {
                InclusionProof p = f.node.reader().inclusion(i, cp.size());
                ProofVerifier.verifyInclusion(Hashes.leafHash(f.node.ledger().leaf(i)), i, cp.size(), p.hashes(), cp.rootHash());
            }
        }
    }

    /**
     * Webhooks and single events arrive one record a request: those waiting together make one group (one commit),
     * however many there are, instead of the sixteen submissions a queue bounded by submissions let wait.
     */
    @Test
    void oneRecordSubmissionsWaitingTogetherAreAppendedAsOneGroup() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            int n = 200;
            List<CompletableFuture<List<Outcome>>> done = new CopyOnWriteArrayList<>();
            CountDownLatch queued = new CountDownLatch(n);
            ExecutorService client = Executors.newSingleThreadExecutor();
            boolean[] allQueued = {false};
            // Nothing is sequenced while exclusive work runs, so every submission made meanwhile waits in the queue.
            f.node.exclusive(() -> {
                client.execute(() -> {
                    for (int k = 0; k < n; k++) {
                        done.add(f.node.submit("webhook", List.of(new Candidate("request " + k,
                                interaction("helpdesk", "t" + k, "2026-03-01T09:30:00Z", "email", email("c" + k + "@example.com"))))));
                        queued.countDown();
                    }
                });
                try {
                    allQueued[0] = queued.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            client.shutdown();
            assertThat(client.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(allQueued[0]).as("all %d submissions queued while nothing was sequenced", n).isTrue();
            for (var d : done) assertThat(d.get(30, TimeUnit.SECONDS)).extracting(Outcome::status).containsOnly(Outcome.Status.ACCEPTED);
            // The sequencer may have taken the first submission before the exclusive work began: at most two groups.
            assertThat(f.store.ledger().batches()).hasSizeLessThanOrEqualTo(2);
            assertThat(f.node.ledger().size()).isEqualTo(n);
        }
    }

    @Test
    void stateSurvivesAReopenOfTheDataDirectory() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("a@example.com")));
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            List<Outcome> out = f.append(interaction("crm", "2", "2026-01-02T10:00:00Z", "email", email("a@example.com")),
                    interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("a@example.com")));
            assertThat(out).extracting(Outcome::status).containsExactly(Outcome.Status.ACCEPTED, Outcome.Status.DUPLICATE);
            assertThat(f.node.customers().findByIdentifier(email("A@Example.com"))).isPresent();
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }
}
