package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real node on a real SQLite store in a temporary directory, served by a real ApiServer on a free local port. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORIGIN = "test.touchline/server";
    final Path dir;
    final SqliteStore store;
    final Node node;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String base;

    ServerFixture(Path dir) throws IOException {
        this.dir = dir;
        this.store = new SqliteStore(dir);
        this.node = new Node(NodeIdentity.openOrCreate(dir, ORIGIN), store.ledger(), store.projections(), store.deadLetters());
        ApiServer s;
        try {
            s = new ApiServer(node).start("127.0.0.1", 0);
        } catch (RuntimeException e) {
            node.close();
            store.close();
            throw e;
        }
        this.server = s;
        this.base = "http://127.0.0.1:" + server.port();
    }

    // ---- records --------------------------------------------------------------------------------------------

    /** An Interaction v1 record as one line of JSON. */
    static String record(String source, String id, String at, String channel, String idType, String idValue) {
        return "{\"source\":\"" + source + "\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"channel\":\""
                + channel + "\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"" + idType + "\",\"value\":\"" + idValue
                + "\"}],\"text\":\"asked about " + id + "\"}";
    }

    /** A valid web record for {@code email}, numbered {@code n}. */
    static String webRecord(int n, String email) {
        return record("web", "r" + n, String.format("2026-02-01T10:%02d:%02dZ", (n / 60) % 60, n % 60), "web", "email", email);
    }

    /** Posts records {@code from .. from+count-1} as one NDJSON batch and checks every line was accepted. */
    void appendBatch(int from, int count) {
        List<String> lines = new ArrayList<>();
        for (int n = from; n < from + count; n++) lines.add(webRecord(n, "user" + (n % 7) + "@example.com"));
        HttpResponse<String> r = post("/v1/interactions:batch", String.join("\n", lines) + "\n", "application/x-ndjson");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("accepted").asLong()).as(r.body()).isEqualTo(count);
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body of a GET that must answer 200. */
    byte[] ok(String path) {
        HttpResponse<byte[]> r = getBytes(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    JsonNode okJson(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json(r);
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) { return post(path, body, "application/json"); }

    private URI uri(String path) { return URI.create(base + path); }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).as("content type of %s", r.uri()).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** A JSON error answer with {@code status} whose message names {@code mentions} and shows no stack trace. */
    static JsonNode assertError(HttpResponse<String> r, int status, String... mentions) {
        assertThat(r.statusCode()).as("%s answered %s", r.uri(), r.body()).isEqualTo(status);
        assertNoStackTrace(r.body());
        JsonNode n = json(r);
        assertThat(n.path("status").asInt()).isEqualTo(status);
        assertThat(n.path("error").asText()).as("error of %s", r.uri()).isNotBlank().contains(mentions);
        return n;
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at java.")
                .doesNotContain("at io.javalin");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                node.close();
            } finally {
                store.close();
            }
        }
    }
}
