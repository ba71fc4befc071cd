package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.*;

/** POST /v1/interactions and /v1/interactions:batch over real HTTP. */
class InteractionsApiTest {
    @TempDir Path dir;

    static final String GOOD = record("crm", "c-1", "2026-03-01T09:00:00Z", "email", "email", "ann@example.com");

    @Test
    void aValidRecordIsCreatedWithItsIndexAndId() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.postJson("/v1/interactions", GOOD);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode n = json(r);
            assertThat(n.get("status").asText()).isEqualTo("accepted");
            assertThat(n.get("index").asLong()).isZero();
            assertThat(n.get("id").asText()).isNotBlank();
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void theSameRecordAgainIsADuplicateWithTheSameIndexAndId() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.postJson("/v1/interactions", record("crm", "c-0", "2026-03-01T08:00:00Z", "email", "email", "bob@example.com"));
            JsonNode first = json(f.postJson("/v1/interactions", GOOD));
            HttpResponse<String> again = f.postJson("/v1/interactions", GOOD);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            JsonNode n = json(again);
            assertThat(n.get("status").asText()).isEqualTo("duplicate");
            assertThat(n.get("index").asLong()).isEqualTo(first.get("index").asLong()).isEqualTo(1);
            assertThat(n.get("id").asText()).isEqualTo(first.get("id").asText());
            assertThat(f.node.ledger().size()).isEqualTo(2);
        }
    }

    @Test
    void anInvalidRecordIsRefusedWith422NamingRecordFieldAndReason() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String bad = "{\"source\":\"crm\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"pigeon\",\"type\":\"enquiry\","
                    + "\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}";
            HttpResponse<String> r = f.postJson("/v1/interactions", bad);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode n = json(r);
            assertThat(n.get("status").asText()).isEqualTo("rejected");
            assertThat(n.has("index")).isFalse();
            List<String> fields = new ArrayList<>();
            for (JsonNode p : n.get("problems")) {
                assertThat(p.get("record").asText()).isEqualTo("record");
                assertThat(p.get("reason").asText()).isNotBlank();
                fields.add(p.get("field").asText());
            }
            assertThat(fields).contains("sourceRecordId", "channel");
            assertThat(n.get("problems").toString()).contains("pigeon");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith422NamingTheProblem() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.postJson("/v1/interactions", "this is not { json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertNoStackTrace(r.body());
            JsonNode problem = json(r).get("problems").get(0);
            assertThat(problem.get("record").asText()).isEqualTo("record");
            assertThat(problem.get("field").asText()).isEqualTo("(json)");
            assertThat(problem.get("reason").asText()).contains("not valid JSON");
        }
    }

    @Test
    void refusedRecordsAppearAsOpenDeadLettersWithTheirReasons() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.postJson("/v1/interactions", "{\"source\":\"crm\"}");
            f.postJson("/v1/interactions", "not json");
            f.postJson("/v1/interactions", GOOD);
            JsonNode letters = f.okJson("/v1/dead-letters");
            assertThat(letters.get("status").asText()).isEqualTo("open");
            assertThat(letters.get("count").asLong()).isEqualTo(2);
            JsonNode items = letters.get("items");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).get("raw").asText()).isEqualTo("{\"source\":\"crm\"}");
            assertThat(items.get(0).get("status").asText()).isEqualTo("open");
            assertThat(items.get(0).get("problems").isArray()).isTrue();
            assertThat(items.get(0).get("problems").toString()).contains("sourceRecordId").contains("is missing");
            assertThat(items.get(1).get("raw").asText()).isEqualTo("not json");
            assertThat(items.get(1).get("problems").get(0).get("field").asText()).isEqualTo("(json)");
        }
    }

    @Test
    void aBatchAnswersEveryLineInLineOrderWithItsLineNumber() throws Exception {
        String a = record("app", "1", "2026-05-01T10:00:00Z", "app", "email", "z@example.com");
        String b = record("app", "2", "2026-05-01T10:01:00Z", "app", "email", "z@example.com");
        String body = a + "\n{\"source\":\"app\"}\n" + b + "\nnot json\n" + a + "\n";
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.post("/v1/interactions:batch", body, "application/x-ndjson");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode n = json(r);
            assertThat(n.get("accepted").asLong()).isEqualTo(2);
            assertThat(n.get("duplicates").asLong()).isEqualTo(1);
            assertThat(n.get("rejected").asLong()).isEqualTo(2);
            JsonNode results = n.get("results");
            assertThat(results).hasSize(5);
            List<String> statuses = new ArrayList<>();
            for (int k = 0; k < results.size(); k++) {
                assertThat(results.get(k).get("line").asInt()).isEqualTo(k + 1);
                assertThat(results.get(k).get("record").asText()).isEqualTo("line " + (k + 1));
                statuses.add(results.get(k).get("status").asText());
            }
            assertThat(statuses).containsExactly("accepted", "rejected", "accepted", "rejected", "duplicate");
            assertThat(results.get(4).get("index").asLong()).isEqualTo(results.get(0).get("index").asLong());
            assertThat(results.get(1).get("problems").toString()).contains("sourceRecordId");
            assertThat(results.get(3).get("problems").get(0).get("field").asText()).isEqualTo("(json)");
        }
    }

    @Test
    void lineNumbersInABatchCountBlankLines() throws Exception {
        String a = record("app", "1", "2026-05-01T10:00:00Z", "app", "email", "z@example.com");
        String body = "\n" + a + "\n\n   \nnot json\n";
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.post("/v1/interactions:batch", body, "application/x-ndjson");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode results = json(r).get("results");
            assertThat(results).hasSize(2);
            assertThat(results.get(0).get("line").asInt()).isEqualTo(2);
            assertThat(results.get(0).get("record").asText()).isEqualTo("line 2");
            assertThat(results.get(1).get("line").asInt()).isEqualTo(5);
            assertThat(results.get(1).get("record").asText()).isEqualTo("line 5");
        }
    }

    @Test
    void goodLinesOfABatchAreInTheLedgerAndFindable() throws Exception {
        String body = record("app", "1", "2026-05-01T10:00:00Z", "app", "email", "z@example.com") + "\n{}\n"
                + record("app", "2", "2026-05-01T10:01:00Z", "web", "email", "z@example.com") + "\n";
        try (ServerFixture f = new ServerFixture(dir)) {
            JsonNode n = json(f.post("/v1/interactions:batch", body, "application/x-ndjson"));
            assertThat(f.node.ledger().size()).isEqualTo(2);
            assertThat(f.okJson("/v1/health").get("size").asLong()).isEqualTo(2);
            assertThat(n.get("results").get(0).get("index").asLong()).isZero();
            assertThat(n.get("results").get(2).get("index").asLong()).isEqualTo(1);
            JsonNode customer = f.okJson("/v1/customers?identifier=email:z@example.com");
            assertThat(customer.get("interactions").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aBatchOfMoreThan10000LinesIsRefusedWith413AndNothingIsAppended() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 10_001; k++)
            body.append(record("bulk", "b" + k, "2026-05-01T10:00:00Z", "app", "email", "bulk@example.com")).append('\n');
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.post("/v1/interactions:batch", body.toString(), "application/x-ndjson");
            assertError(r, 413, "10000");
            assertThat(f.node.ledger().size()).isZero();
            assertThat(f.node.deadLetters().count("open")).isZero();
            assertThat(f.okJson("/v1/health").get("size").asLong()).isZero();
        }
    }

    @Test
    void aBodyLargerThan32MiBIsRefusedWith413() throws Exception {
        String body = "{\"text\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}";
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.postJson("/v1/interactions", body), 413, "32 MiB");
            assertThat(f.node.ledger().size()).isZero();
        }
    }
}
