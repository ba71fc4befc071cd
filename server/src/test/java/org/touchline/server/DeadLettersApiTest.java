package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.*;

/** Listing refused records and resubmitting corrected ones. */
class DeadLettersApiTest {
    @TempDir Path dir;

    static final String BAD = "{\"source\":\"crm\",\"sourceRecordId\":\"7\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"pigeon\","
            + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}";
    static final String FIXED = BAD.replace("pigeon", "email");

    static long refuse(ServerFixture f, String body) {
        assertThat(f.postJson("/v1/interactions", body).statusCode()).isEqualTo(422);
        JsonNode items = f.okJson("/v1/dead-letters").get("items");
        return items.get(items.size() - 1).get("id").asLong();
    }

    @Test
    void aCorrectedResubmissionIsAcceptedAndTheLetterIsNoLongerOpen() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            long id = refuse(f, BAD);
            HttpResponse<String> r = f.postJson("/v1/dead-letters/" + id + "/resubmit", FIXED);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode n = json(r);
            assertThat(n.get("status").asText()).isEqualTo("accepted");
            assertThat(n.get("index").asLong()).isZero();
            assertThat(f.node.ledger().size()).isEqualTo(1);
            JsonNode open = f.okJson("/v1/dead-letters");
            assertThat(open.get("count").asLong()).isZero();
            assertThat(open.get("items")).isEmpty();
            JsonNode done = f.okJson("/v1/dead-letters?status=resubmitted");
            assertThat(done.get("items")).hasSize(1);
            assertThat(done.get("items").get(0).get("id").asLong()).isEqualTo(id);
            assertThat(f.okJson("/v1/customers?identifier=email:ann@example.com").get("interactions").asLong()).isEqualTo(1);
        }
    }

    @Test
    void resubmittingTheSameLetterAgainAnswers400() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            long id = refuse(f, BAD);
            assertThat(f.postJson("/v1/dead-letters/" + id + "/resubmit", FIXED).statusCode()).isEqualTo(200);
            assertError(f.postJson("/v1/dead-letters/" + id + "/resubmit", FIXED), 400, "already resubmitted");
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void aResubmissionThatIsStillWrongAnswers422AndTheLetterStaysOpen() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            long id = refuse(f, BAD);
            HttpResponse<String> r = f.postJson("/v1/dead-letters/" + id + "/resubmit", BAD.replace("pigeon", "carrier-pigeon"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(json(r).get("problems").toString()).contains("carrier-pigeon");
            JsonNode open = f.okJson("/v1/dead-letters");
            assertThat(open.get("items")).extracting(i -> i.get("id").asLong()).contains(id);
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void anUnknownLetterIs404AndAMalformedId400WithoutAStackTrace() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> unknown = f.postJson("/v1/dead-letters/999/resubmit", FIXED);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertNoStackTrace(unknown.body());
            assertThat(json(unknown).get("error").asText()).contains("999");
            assertError(f.postJson("/v1/dead-letters/abc/resubmit", FIXED), 400, "id");
        }
    }

    @Test
    void deadLettersPageWithAfterAndLimit() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            for (int k = 0; k < 5; k++) f.postJson("/v1/interactions", "{\"n\":" + k + "}");
            JsonNode first = f.okJson("/v1/dead-letters?limit=2");
            assertThat(first.get("count").asLong()).isEqualTo(5);
            assertThat(first.get("items")).hasSize(2);
            long last = first.get("items").get(1).get("id").asLong();
            JsonNode rest = f.okJson("/v1/dead-letters?after=" + last + "&limit=10");
            assertThat(rest.get("items")).hasSize(3);
            assertThat(rest.get("items").get(0).get("id").asLong()).isGreaterThan(last);
            assertError(f.get("/v1/dead-letters?limit=lots"), 400, "limit");
        }
    }

    @Test
    void aDeadLetterPageHoldsAtMost1000LettersWhateverTheLimit() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 1_001; k++) body.append("{\"n\":").append(k).append("}\n");
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.post("/v1/interactions:batch", body.toString(), "application/x-ndjson").statusCode()).isEqualTo(200);
            assertThat(f.okJson("/v1/dead-letters?limit=1").get("count").asLong()).isEqualTo(1_001);
            assertThat(f.okJson("/v1/dead-letters?limit=5000").get("items")).hasSize(1_000);
            assertError(f.get("/v1/dead-letters?limit=-1"), 400, "'limit' must be at least 1");
            assertError(f.get("/v1/dead-letters?limit=0"), 400, "'limit' must be at least 1");
        }
    }
}
