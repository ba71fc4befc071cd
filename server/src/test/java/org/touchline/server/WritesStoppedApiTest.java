package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Damage found while serving: writes answer 503 with the reason, health names it, reads still answer. */
class WritesStoppedApiTest {
    @Test
    void a_damaged_log_found_while_serving_refuses_writes_with_503_and_health_says_why() throws Exception {
        try (ServerFixture f = new ServerFixture(Files.createTempDirectory("touchline-damage"))) {
            f.appendBatch(0, 20);
            assertThat(ServerFixture.json(f.get("/v1/health")).path("integrity").path("state").asText()).isEqualTo("not started");
            f.store.database().write(s -> {
                s.execute("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'enquiry', 'complaint') AS BLOB) WHERE idx = 7");
                return null;
            });
            f.node.integrity().run();

            HttpResponse<String> r = f.post("/v1/interactions:batch", ServerFixture.webRecord(99, "late@example.com") + "\n", "application/x-ndjson");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(ServerFixture.json(r).path("error").asText()).contains("entry 7", "writes are stopped");
            ServerFixture.assertNoStackTrace(r.body());

            JsonNode health = ServerFixture.json(f.get("/v1/health"));
            assertThat(health.path("status").asText()).isEqualTo("writes stopped");
            assertThat(health.path("integrity").path("state").asText()).isEqualTo("damaged");
            assertThat(health.path("integrity").path("problem").asText()).startsWith("entry 7:");
            assertThat(f.get("/v1/ledger/checkpoint").statusCode()).isEqualTo(200);
        }
    }
}
