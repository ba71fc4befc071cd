package org.touchline.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.ledger.GoTlog;
import org.touchline.ledger.NoteKeys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;
import static org.touchline.node.NodeFixture.phone;

/** A customer's export bundle verifies offline, with Touchline's verifier and with Go's tlog. */
class ExportBundleTest {
    @TempDir Path dir;

    private static ObjectNode bundle(NodeFixture f) {
        f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com"), new Identifier("name", "Ann Smith")));
        f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com")));
        f.append(interaction("calls", "3", "2026-01-03T00:00:00Z", "call_centre", email("ann@example.com"), phone("07700900123")));
        String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
        f.node.customerEvents().rate(2, 5, "Lovely", "portal");
        f.node.customerEvents().consent(ann, "analytics", "granted", "web", null);
        return f.node.exportBundle(ann);
    }

    @Test
    void theBundleHoldsEveryEntryOfTheCustomerWithItsPersonalPartAndVerifiesAgainstThePinnedKey() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            ObjectNode b = bundle(f);
            assertThat(b.get("entries")).extracting(e -> e.get("index").asLong()).containsExactly(0L, 2L, 3L, 4L);
            assertThat(b.get("entries").get(0).get("personal").asText()).contains("ann@example.com");
            var report = BundleVerifier.verify(b.toString().getBytes(StandardCharsets.UTF_8), f.node.identity().verifierKey());
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isEqualTo(4);
            assertThat(report.personalParts()).isEqualTo(3); // two interactions and the rating's comment
            assertThat(report.keyPinned()).isTrue();
        }
    }

    @Test
    void anAlteredPersonalPartAnAlteredEntryOrAnotherKeyAreCaught() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            ObjectNode b = bundle(f);
            String key = f.node.identity().verifierKey();
            ObjectNode part = b.deepCopy();
            ((ObjectNode) part.get("entries").get(0)).put("personal", b.get("entries").get(0).get("personal").asText().replace("ann@", "eve@"));
            assertThat(BundleVerifier.verify(part.toString().getBytes(StandardCharsets.UTF_8), key).problems())
                    .singleElement().asString().contains("entry 0").contains("commitment");

            ObjectNode leaf = b.deepCopy();
            String text = new String(Base64.getDecoder().decode(b.get("entries").get(1).get("leaf").asText()), StandardCharsets.UTF_8);
            ((ObjectNode) leaf.get("entries").get(1)).put("leaf", Base64.getEncoder().encodeToString(text.replace("call_centre", "store").getBytes(StandardCharsets.UTF_8)));
            assertThat(BundleVerifier.verify(leaf.toString().getBytes(StandardCharsets.UTF_8), key).problems())
                    .singleElement().asString().contains("entry 2").contains("inclusion proof");

            String other = NoteKeys.generate("someone.else/log").verifierKey();
            assertThat(BundleVerifier.verify(b.toString().getBytes(StandardCharsets.UTF_8), other).problems())
                    .singleElement().asString().contains("pinned key");
        }
    }

    @Test
    void goTlogAndNoteAcceptTheBundleAsItIs() throws Exception {
        GoTlog go = GoTlog.requireOrSkip();
        Path input = dir.resolve("go").resolve("bundle.json");
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            Files.createDirectories(input.getParent());
            Files.writeString(input, bundle(f).toString());
        }
        String output = go.run(Path.of("src/test/go/bundle.go").toAbsolutePath(), input);
        // the verifier key, the checkpoint, four inclusion proofs, three personal parts
        assertThat(output).contains("go bundle: 9 checks passed");
    }
}
