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

/** The console page, the published API description and schema, and unknown routes. */
class WebAndRoutesTest {
    @TempDir Path dir;

    @Test
    void theRootServesTheAgentConsolePage() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.get("/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body()).startsWith("<!doctype html>").contains("Agent console").contains("app.js");
            assertThat(f.get("/app.js").statusCode()).isEqualTo(200);
            assertThat(f.get("/app.css").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theOpenApiDocumentIsJsonDescribingTheRoutes() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            JsonNode api = f.okJson("/v1/openapi.json");
            assertThat(api.get("openapi").asText()).startsWith("3.");
            List<String> paths = new ArrayList<>();
            api.get("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).contains("/v1/health", "/v1/interactions", "/v1/interactions:batch", "/v1/schemas/interaction-v1.json",
                    "/v1/openapi.json", "/v1/ledger/checkpoint", "/v1/ledger/key", "/v1/ledger/entries/{index}",
                    "/v1/ledger/tile/{tilePath}", "/v1/ledger/proofs/inclusion", "/v1/ledger/proofs/consistency", "/v1/customers",
                    "/v1/customers/{id}/timeline", "/v1/dead-letters", "/v1/dead-letters/{id}/resubmit",
                    "/v1/customers/{id}/identity", "/v1/customers/{id}/unmerge", "/v1/customers/{id}/relationships",
                    "/v1/customers/{id}/household", "/v1/customers/{id}/organisation", "/v1/identity/reviews",
                    "/v1/identity/reviews/{entry}/accept", "/v1/identity/reviews/{entry}/reject", "/v1/relationships",
                    "/v1/relationships/{entry}/end", "/v1/analytics/funnel", "/v1/analytics/paths", "/v1/analytics/flow",
                    "/v1/analytics/journeys", "/v1/analytics/products/{product}", "/v1/analytics/co-churn", "/v1/demand/{channel}",
                    "/v1/customers/{id}/features", "/v1/customers/{id}/propensities", "/v1/customers/{id}/next-best-action",
                    "/v1/recommendations/{entry}/outcome", "/v1/sentiment", "/v1/models", "/v1/models/{name}/train", "/v1/tasks",
                    "/v1/notifications");
        }
    }

    @Test
    void theInteractionSchemaIsJson() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.get("/v1/schemas/interaction-v1.json");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/schema+json");
            JsonNode schema = JSON.readTree(r.body());
            assertThat(schema.get("properties").has("sourceRecordId")).isTrue();
            assertThat(schema.get("properties").has("identifiers")).isTrue();
        }
    }

    @Test
    void anUnknownRouteAnswers404Json() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.get("/v1/no-such-thing"), 404, "/v1/no-such-thing");
            assertError(f.get("/no-such-page.html"), 404, "/no-such-page.html");
            assertError(f.postJson("/v1/no-such-thing", "{}"), 404, "/v1/no-such-thing");
        }
    }

    @Test
    void aRequestLineJettyCannotReadAnswers400JsonNotAnHtmlPage() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.get("/v1/customers/%00/timeline");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(ServerFixture.json(r).path("error").asText()).contains("refused before reaching the API");
            ServerFixture.assertNoStackTrace(r.body());
        }
    }

    @Test
    void healthReportsTheLedgerSize() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 3);
            JsonNode h = f.okJson("/v1/health");
            assertThat(h.get("status").asText()).isEqualTo("ok");
            assertThat(h.get("size").asLong()).isEqualTo(3);
        }
    }

    @Test
    void anUnexpectedFailureAnswers500JsonWithoutAStackTrace() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 2);
            f.store.close(); // the database goes away under a running server
            HttpResponse<String> r = f.get("/v1/ledger/entries/0");
            assertError(r, 500, "internal error");
        }
    }
}
