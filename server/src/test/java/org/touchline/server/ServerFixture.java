package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real node on a real SQLite store in a temporary directory, served by a real ApiServer on a free local port. The node
 * is closed, as {@code serve} starts it: the fixture grants itself an administrator token, which its own
 * {@link #get}/{@link #post} helpers send; {@link #send} sends a request as built (no token unless the test added one).
 * {@link #insecureOpen} starts it as {@code serve --insecure-open} does, for the pages' open-node behaviour.
 */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORIGIN = "test.touchline/server";
    final Path dir;
    final SqliteStore store;
    final Node node;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String base;
    /** The fixture's administrator token (null on an open node), sent by the helpers. */
    final String adminToken;

    ServerFixture(Path dir) throws IOException { this(dir, false, true); }

    static ServerFixture insecureOpen(Path dir) throws IOException { return new ServerFixture(dir, true, false); }

    /** A node as {@code serve} starts on a new data directory: closed, and no token granted yet. */
    static ServerFixture newlyServed(Path dir) throws IOException { return new ServerFixture(dir, false, false); }

    private ServerFixture(Path dir, boolean insecureOpen, boolean withAdminToken) throws IOException {
        this.dir = dir;
        this.adminToken = withAdminToken ? new AccessTokens(dir).grant("administrator", "server-fixture", null, null) : null;
        this.store = new SqliteStore(dir);
        this.node = new Node(NodeIdentity.openOrCreate(dir, ORIGIN), store.ledger(), store.projections(), store.deadLetters());
        ApiServer s;
        try {
            s = new ApiServer(node, null, insecureOpen, store.destinations(), store.audiences()).start("127.0.0.1", 0);
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

    /** The JSON body of {@code POST /v1/contracts}: the signed contract's text. */
    static String signedContractBody(String signed) { return JSON.createObjectNode().put("signed", signed).toString(); }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    /** A request to {@code path} carrying the fixture's administrator token. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (adminToken != null) b.header("Authorization", "Bearer " + adminToken);
        return b;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body of a GET that must answer 200. */
    byte[] ok(String path) {
        HttpResponse<byte[]> r = getBytes(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    JsonNode okJson(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return json(r);
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
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
