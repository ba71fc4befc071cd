package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.Progress;
import org.touchline.domain.store.SealedPart;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.MerkleTree;
import org.touchline.ledger.ProofVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Erasure destroys the personal data and keeps the log and every proof valid. */
class ErasureTest {
    @TempDir Path dir;

    @Test
    void erasingACustomerDestroysTheirPersonalDataAndKeepsEveryProof() throws Exception {
        String ann;
        List<byte[]> secrets = new ArrayList<>();
        long erasure;
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com"), new Identifier("name", "Ann Smith")));
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com")));
            f.append(interaction("calls", "3", "2026-01-03T00:00:00Z", "call_centre", email("ann@example.com")));
            ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            long rating = f.node.customerEvents().rate(2, 2, "The agent was rude", "portal");
            f.node.customerEvents().consent(ann, "marketing", "granted", "web", null);
            // What must not survive: the sealed parts and the wrapped data key, byte for byte.
            for (long i : new long[]{0, 2, rating}) secrets.add(f.node.ledger().sealedPart(i).map(SealedPart::ciphertext).orElseThrow());
            secrets.add(f.node.ledger().wrappedKey(ann).orElseThrow());
            String checkpointBefore = f.node.reader().checkpoint();
            for (byte[] secret : secrets) assertThat(inFiles(secret)).as("the check below can see what it looks for").isTrue();

            erasure = f.node.customerEvents().erase(ann, "dpo-1");

            EventEntry e = EventEntry.parse(f.node.ledger().leaf(erasure));
            assertThat(e.kind()).isEqualTo(EventEntry.ERASURE);
            assertThat(e.field("customers")).isEqualTo(ann);
            assertThat(new String(f.node.ledger().leaf(erasure))).doesNotContain("ann@").doesNotContain("Smith");
            for (long i : new long[]{0, 2, rating}) assertThat(f.node.ledger().sealedPart(i)).as("part %d", i).isEmpty();
            assertThat(f.node.ledger().wrappedKey(ann)).isEmpty();
            assertThat(f.node.ledger().sealedPart(1)).as("Bob's part").isPresent();
            // Every projection forgets Ann.
            assertThat(f.node.customers().findByIdentifier(email("ann@example.com"))).isEmpty();
            assertThat(f.node.customers().current(ann)).isEmpty();
            assertThat(f.node.projections().timeline(ann, null, null, 10)).isEmpty();
            assertThat(f.node.audience("marketing")).doesNotContain(ann);
            // The log and its proofs still verify: the old checkpoint is a prefix of the new one.
            var report = f.node.verify(Progress.NONE);
            assertThat(report.problems()).isEmpty();
            long size = f.node.reader().signedSize();
            var proof = f.node.reader().inclusion(0, size);
            byte[] root = MerkleTree.rootHash(size, f.node.ledger().hashes());
            ProofVerifier.verifyInclusion(Hashes.leafHash(f.node.ledger().leaf(0)), 0, size, proof.hashes(), root);
            assertThat(checkpointBefore).isNotEqualTo(f.node.reader().checkpoint());
            // A later record with the same email is refused when applied: it would bring Ann back. A record of someone
            // else is appended.
            assertThat(f.append(interaction("web", "4", "2026-02-01T00:00:00Z", "web", email("ann@example.com"))))
                    .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Outcome.Status.REJECTED));
            assertThat(f.node.customers().findByIdentifier(email("ann@example.com"))).isEmpty();
            f.append(interaction("web", "5", "2026-02-01T00:00:00Z", "web", email("cy@example.com")));
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
        // Nothing of the erased data is left in the store's files (database and WAL), not even in free pages.
        for (byte[] secret : secrets) assertThat(inFiles(secret)).as("the store's files still hold erased bytes").isFalse();
    }

    private boolean inFiles(byte[] secret) throws IOException {
        for (String file : new String[]{"touchline.db", "touchline.db-wal"}) {
            Path p = dir.resolve(file);
            if (Files.exists(p) && indexOf(Files.readAllBytes(p), secret) >= 0) return true;
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
