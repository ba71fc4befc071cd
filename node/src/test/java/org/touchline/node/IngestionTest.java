package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Progress;
import org.touchline.domain.store.DeadLetter;
import org.touchline.node.command.Ingestion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestionTest {
    @TempDir Path dir;

    static final String MAPPING = """
            source: calls
            format: csv
            recordId: ref
            occurredAt: { field: at, format: "dd/MM/yyyy HH:mm", zone: Europe/London }
            channel: { value: call_centre }
            type: { field: reason, map: { BILL: billing_enquiry, COMP: complaint } }
            identifiers:
              - { type: phone, field: caller }
              - { type: account, field: account }
            agentId: agent
            text: notes
            """;

    static final String CSV = """
            ref,at,reason,caller,account,agent,notes
            1,01/03/2026 09:15,BILL,07700 900123,ACC-1,a1,bill too high
            2,31/02/2026 09:15,BILL,07700 900123,ACC-1,a1,impossible date
            3,02/03/2026 10:00,WHAT,07700 900124,,a2,unknown reason
            4,03/03/2026 11:30,COMP,07700 900123,ACC-1,a1,complaint
            """;

    @Test
    void goodRecordsOfAFileAreAcceptedAndBadOnesGoToDeadLettersWithReasons() throws Exception {
        Path mapping = Files.writeString(dir.resolve("calls.yaml"), MAPPING), file = Files.writeString(dir.resolve("calls.csv"), CSV);
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            Ingestion.Report r = f.node.ingestion().file(mapping, file, Progress.NONE);
            assertThat(r).isEqualTo(new Ingestion.Report(2, 0, 2));
            List<DeadLetter> letters = f.node.deadLetters().list(DeadLetter.OPEN, 0, 10);
            assertThat(letters).extracting(DeadLetter::recordRef).containsExactly("calls.csv line 3", "calls.csv line 4");
            assertThat(letters.get(0).problems()).contains("\"field\":\"at\"");
            assertThat(letters.get(1).problems()).contains("\"field\":\"reason\"").contains("WHAT");
        }
    }

    @Test
    void aRecordIdThatIsNotUtf8IsRefusedNamingTheFieldAndDoesNotCollapseIntoAnother() throws Exception {
        Path mapping = Files.writeString(dir.resolve("calls.yaml"), MAPPING);
        // Ids "1\xff" and "1\xfe": two records whose ids would both decode to "1\uFFFD", the second a "duplicate".
        byte[] csv = ("ref,at,reason,caller,account,agent,notes\n1\u00ff,01/03/2026 09:15,BILL,07700 900123,ACC-1,a1,one\n"
                + "1\u00fe,01/03/2026 09:16,BILL,07700 900123,ACC-1,a1,two\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("calls.csv"), csv);
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            Ingestion.Report r = f.node.ingestion().file(mapping, file, Progress.NONE);
            assertThat(r).isEqualTo(new Ingestion.Report(0, 0, 2));
            List<DeadLetter> letters = f.node.deadLetters().list(DeadLetter.OPEN, 0, 10);
            assertThat(letters).hasSize(2).allSatisfy(l -> assertThat(l.problems()).contains("\"field\":\"sourceRecordId\"", "UTF-8"));
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void anOrderedBatchNamingAnErasedPersonIsRefusedWhenAppliedAndTheRestOfItIsAppended() throws Exception {
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            f.node.submitAndWait("test", List.of(new Candidate("1", NodeFixture.interaction("crm", "1", "2026-01-01T10:00:00Z", "email",
                    NodeFixture.email("ann@example.com")))));
            f.node.customerEvents().erase(f.node.customers().findByIdentifier(NodeFixture.email("ann@example.com")).orElseThrow(), "dpo");
            long size = f.node.ledger().size();
            String batch = "{\"source\":\"web\",\"sourceRecordId\":\"9\",\"occurredAt\":\"2026-01-02T10:00:00Z\",\"channel\":\"web\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"phone\",\"value\":\"+447700900123\"},{\"type\":\"email\",\"value\":\"ann@example.com\"}]}\n"
                    + "{\"source\":\"web\",\"sourceRecordId\":\"10\",\"occurredAt\":\"2026-01-02T10:00:00Z\",\"channel\":\"web\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"bob@example.com\"}]}\n";
            List<Outcome> applied = f.node.ingestion().ordered(batch, "channel:web", Instant.parse("2026-01-02T11:00:00Z"), ref -> new byte[16]);
            assertThat(applied).extracting(Outcome::status).containsExactly(Outcome.Status.REJECTED, Outcome.Status.ACCEPTED);
            assertThat(applied.get(0).problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("identifiers[1]");
                assertThat(p.reason()).contains("erased");
            });
            assertThat(f.node.ledger().size()).as("only Bob's record").isEqualTo(size + 1);
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).as("nothing of the refused record is kept").isZero();
        }
    }

    @Test
    void withMoreErasedIdentifiersThanTheNodeHoldsInMemoryEachGroupAsksTheStoreAndIsRefusedAlike() throws Exception {
        System.setProperty("touchline.erasedInMemory", "0");
        try {
            anOrderedBatchNamingAnErasedPersonIsRefusedWhenAppliedAndTheRestOfItIsAppended();
        } finally {
            System.clearProperty("touchline.erasedInMemory");
        }
    }

    @Test
    void theErasedIdentifiersAreAProjectionOfTheErasureEntryRebuiltAndCheckedLikeEveryOther() throws Exception {
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            f.node.submitAndWait("test", List.of(new Candidate("1", NodeFixture.interaction("crm", "1", "2026-01-01T10:00:00Z", "email",
                    NodeFixture.email("ann@example.com")))));
            long erasure = f.node.customerEvents().erase(f.node.customers().findByIdentifier(NodeFixture.email("ann@example.com")).orElseThrow(), "dpo");
            String key = f.node.identifierKeys().keyOf(NodeFixture.email("ann@example.com"));
            assertThat(EventEntry.parse(f.node.ledger().leaf(erasure)).field("identifierKeys")).isEqualTo(key);
            List<String> rows = new ArrayList<>();
            f.node.projections().rows("erased_identifiers", 0, -1, rows::add);
            assertThat(rows).containsExactly("key=" + key + " entry=" + erasure);
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().erasedAmong(List.of(key, "other"))).containsExactly(key);
        }
    }

    @Test
    void anNdjsonFileIsReadLineByLineWhateverItsLineEndsAndWhateverItsBytes() throws Exception {
        String record = "{\"source\":\"web\",\"sourceRecordId\":\"%s\",\"occurredAt\":\"2026-01-02T10:00:00Z\",\"channel\":\"web\","
                + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"%s\"}]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((record.formatted("1", "ann@example.com") + "\r\n   \n").getBytes(StandardCharsets.UTF_8)); // lines 1, 2 (blank)
        bytes.writeBytes((record.formatted("2", "zo\u00eb@example.com") + "\r").getBytes(StandardCharsets.UTF_8));  // line 3, beyond ASCII
        bytes.writeBytes((record.formatted("3\u00ff", "cy@example.com") + "\n").getBytes(StandardCharsets.ISO_8859_1)); // line 4, not UTF-8
        bytes.writeBytes("{\"source\":\n".getBytes(StandardCharsets.UTF_8));                                           // line 5, cut short
        bytes.writeBytes(record.formatted("4", "bob@example.com").getBytes(StandardCharsets.UTF_8));                    // line 6, no line end
        Path file = Files.write(dir.resolve("web.ndjson"), bytes.toByteArray());
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            assertThat(f.node.ingestion().ndjsonFile(file, Progress.NONE)).isEqualTo(new Ingestion.Report(3, 0, 2));
            List<DeadLetter> letters = f.node.deadLetters().list(DeadLetter.OPEN, 0, 10);
            assertThat(letters).extracting(DeadLetter::recordRef).containsExactly("web.ndjson line 4", "web.ndjson line 5");
            assertThat(letters.get(0).problems()).contains("\"field\":\"sourceRecordId\"", "UTF-8");
            assertThat(letters.get(1).raw()).isEqualTo("{\"source\":");
            for (String email : List.of("ann@example.com", "zo\u00eb@example.com", "bob@example.com"))
                assertThat(f.node.customers().findByIdentifier(NodeFixture.email(email))).as(email).isPresent();
        }
    }

    @Test
    void reingestingAFileAddsNothing() throws Exception {
        Path mapping = Files.writeString(dir.resolve("calls.yaml"), MAPPING), file = Files.writeString(dir.resolve("calls.csv"), CSV);
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            f.node.ingestion().file(mapping, file, Progress.NONE);
            Ingestion.Report again = f.node.ingestion().file(mapping, file, Progress.NONE);
            assertThat(again.accepted()).isZero();
            assertThat(again.duplicates()).isEqualTo(2);
            assertThat(f.node.ledger().size()).isEqualTo(2);
        }
    }

    @Test
    void reingestingAFileDoesNotDoubleItsDeadLetters() throws Exception {
        Path mapping = Files.writeString(dir.resolve("calls.yaml"), MAPPING), file = Files.writeString(dir.resolve("calls.csv"), CSV);
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            f.node.ingestion().file(mapping, file, Progress.NONE);
            f.node.ingestion().file(mapping, file, Progress.NONE);
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(2);
        }
    }

    @Test
    void aCorrectedDeadLetterCanBeResubmittedOnce() throws Exception {
        Path mapping = Files.writeString(dir.resolve("calls.yaml"), MAPPING), file = Files.writeString(dir.resolve("calls.csv"), CSV);
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            f.node.ingestion().file(mapping, file, Progress.NONE);
            DeadLetter bad = f.node.deadLetters().list(DeadLetter.OPEN, 0, 10).get(0);
            Outcome o = f.node.ingestion().resubmit(bad.id(), bad.raw().replace("31/02/2026", "28/02/2026"));
            assertThat(o.status()).isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(f.node.deadLetters().get(bad.id()).orElseThrow().status()).isEqualTo(DeadLetter.RESUBMITTED);
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(1);
        }
    }

    @Test
    void anNdjsonBatchAnswersEveryLineInOrder() throws Exception {
        String good = "{\"source\":\"app\",\"sourceRecordId\":\"%s\",\"occurredAt\":\"2026-05-01T10:00:00Z\",\"channel\":\"app\",\"type\":\"login\",\"identifiers\":[{\"type\":\"email\",\"value\":\"z@example.com\"}]}";
        String body = String.format(good, "1") + "\n{\"source\":\"app\"}\n" + String.format(good, "2") + "\nnot json\n" + String.format(good, "1") + "\n";
        try (NodeFixture f = new NodeFixture(dir)) {
            List<Outcome> out = f.node.ingestion().ndjson(body, "api");
            assertThat(out).extracting(Outcome::status).containsExactly(Outcome.Status.ACCEPTED, Outcome.Status.REJECTED,
                    Outcome.Status.ACCEPTED, Outcome.Status.REJECTED, Outcome.Status.DUPLICATE);
            assertThat(out.get(1).problems()).extracting(p -> p.field()).contains("sourceRecordId", "occurredAt", "channel");
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(2);
        }
    }
}
