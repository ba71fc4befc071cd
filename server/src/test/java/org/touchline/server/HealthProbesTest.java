package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness and readiness: public probes; readiness says why a node should get no traffic. */
class HealthProbesTest {
    @TempDir Path dir;

    private static HttpResponse<String> probe(ServerFixture f, String method, String path) {
        return f.send(HttpRequest.newBuilder(URI.create(f.base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void live_and_ready_answer_without_a_token_on_a_closed_node_with_get_and_head() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            assertThat(probe(f, "GET", "/v1/health").statusCode()).isEqualTo(401);
            for (String path : new String[]{"/v1/health/live", "/v1/health/ready"}) {
                HttpResponse<String> get = probe(f, "GET", path);
                assertThat(get.statusCode()).as(path).isEqualTo(200);
                assertThat(ServerFixture.json(get).path("status").asText()).isIn("live", "ready");
                HttpResponse<String> head = probe(f, "HEAD", path);
                assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
                assertThat(head.body()).isEmpty();
            }
        }
    }

    @Test
    void ready_answers_503_with_the_reason_while_writes_are_stopped_and_200_once_the_log_is_repaired() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 20);
            assertThat(probe(f, "GET", "/v1/health/ready").statusCode()).isEqualTo(200);
            f.store.database().write(s -> {
                s.execute("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'enquiry', 'complaint') AS BLOB) WHERE idx = 7");
                return null;
            });
            f.node.integrity().run();
            HttpResponse<String> r = probe(f, "GET", "/v1/health/ready");
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode body = ServerFixture.json(r);
            assertThat(body.path("status").asText()).isEqualTo("not ready");
            assertThat(body.path("reason").asText()).startsWith("writes are stopped").contains("entry 7");
            assertThat(probe(f, "HEAD", "/v1/health/ready").statusCode()).isEqualTo(503);
            assertThat(probe(f, "GET", "/v1/health/live").statusCode()).isEqualTo(200);
            // The operator repairs the entry (a restore would) and restarts the node.
            f.store.database().write(s -> {
                s.execute("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'complaint', 'enquiry') AS BLOB) WHERE idx = 7");
                return null;
            });
        }
        try (ServerFixture f = new ServerFixture(dir)) {
            f.node.integrity().run();
            assertThat(f.node.integrity().status().state()).isEqualTo("intact");
            HttpResponse<String> r = probe(f, "GET", "/v1/health/ready");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ServerFixture.json(r).path("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void ready_answers_503_while_the_store_does_not_answer() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 3);
            f.store.close();
            HttpResponse<String> r = probe(f, "GET", "/v1/health/ready");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(ServerFixture.json(r).path("reason").asText()).startsWith("the store does not answer");
            ServerFixture.assertNoStackTrace(r.body());
            assertThat(probe(f, "GET", "/v1/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_request_id_is_echoed_when_plain_and_made_up_otherwise() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> given = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/health/live"))
                    .header("X-Request-Id", "lb-4711.abc").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(given.headers().firstValue("X-Request-Id")).hasValue("lb-4711.abc");
            HttpResponse<String> forged = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/health/live"))
                    .header("X-Request-Id", "x\" injected {").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
            HttpResponse<String> none = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/health/live")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        }
    }
}
