package org.touchline.server;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API is where outside input arrives: any request to a route that parses parameters or a body - proof requests,
 * tiles, entries, interactions and batches, look-ups, pages, dead letters, signed contracts - is answered, and a
 * refusal is a 4xx JSON {@code {"error": ..., "status": ...}} naming the problem (or, for a record refused for its
 * content, its {@code problems} with reasons), never a 5xx and never a stack trace.
 * One real node on SQLite in a temporary directory serves the whole run.
 * Corpus: {@code ApiRequestFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class ApiRequestFuzzTest {
    /** Routes with {} where a fuzzed value goes (URL-encoded); a POST's body is the rest of the input. */
    private static final List<String> ROUTES = List.of(
            "GET /v1/ledger/proofs/inclusion?index={}&treeSize={}",
            "GET /v1/ledger/proofs/consistency?from={}&to={}",
            "GET /v1/ledger/entries/{}",
            "GET /v1/ledger/tile/{}",
            "GET /v1/ledger/tile/0/{}",
            "GET /v1/ledger/tile/entries/{}",
            "POST /v1/interactions",
            "POST /v1/interactions:batch",
            "GET /v1/customers?identifier={}",
            "GET /v1/customers/{}/timeline?limit={}&cursor={}",
            "GET /v1/customers/{}/identity",
            "GET /v1/customers/{}/household?on={}",
            "GET /v1/dead-letters?status={}&after={}&limit={}",
            "POST /v1/dead-letters/{}/resubmit",
            "POST /v1/contracts?actor={}",
            "POST /v1/ratings",
            "POST /v1/relationships",
            "POST /v1/customers/{}/consents",
            "GET /v1/campaigns/{}/audience?at={}");

    private static Path dir;
    private static ServerFixture server;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("api-fuzz");
        server = new ServerFixture(dir);
        server.appendBatch(0, 20);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(20)
    void everyRequestIsAnsweredAndRefusalsAreClear4xx(FuzzedDataProvider data) {
        // Jazzer's SSRF detector reports every connection while fuzzing; the only one expected is to this server.
        int port = server.server.port();
        try (SilentCloseable onlyThisServer = BugDetectors.allowNetworkConnections(
                (host, p) -> p == port && (host.equals("localhost") || host.equals("127.0.0.1")))) {
            answer(data);
        }
    }

    private static void answer(FuzzedDataProvider data) {
        String route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        StringBuilder path = new StringBuilder();
        String[] pieces = route.substring(route.indexOf(' ') + 1).split("\\{}", -1);
        for (int k = 0; k < pieces.length; k++) {
            path.append(pieces[k]);
            if (k < pieces.length - 1) path.append(URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpResponse<String> r = route.startsWith("POST ")
                ? server.post(path.toString(), data.consumeRemainingAsString(), "application/json")
                : server.get(path.toString());
        String what = route + " as " + path + " answered " + r.statusCode() + ": " + r.body();
        assertThat(r.statusCode()).as(what).isLessThan(500);
        ServerFixture.assertNoStackTrace(r.body());
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
            JsonNode n = ServerFixture.json(r);
            if (n.has("problems")) { // a record refused for its content (422): every problem has a reason
                assertThat(n.get("problems")).as(what).isNotEmpty().allSatisfy(p -> assertThat(p.path("reason").asText()).as(what).isNotBlank());
                return;
            }
            assertThat(n.path("status").asInt()).as(what).isEqualTo(r.statusCode());
            assertThat(n.path("error").asText()).as(what).isNotBlank();
        }
    }
}
