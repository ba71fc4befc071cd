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
