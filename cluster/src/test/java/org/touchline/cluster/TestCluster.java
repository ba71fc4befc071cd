package org.touchline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.SignedNote;
import org.touchline.node.AccessTokens;
import org.touchline.node.SignedBatches;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Three (or more) cluster nodes on loopback around one real Kafka broker: data directories prepared the way an operator
 * would (one shared identifier secret, each node's cosigner key trusted by all, one channel key registered on all),
 * nodes started in this JVM or in a child JVM of their own.
 */
final class TestCluster implements AutoCloseable {
    static final String ORIGIN = "test.touchline/cluster";
    static final ObjectMapper JSON = new ObjectMapper();
    final Path root;
    final String bootstrap, prefix;
    final byte[] secret = new byte[32];
    final NoteSigner channel = NoteSigner.parse(NoteKeys.generate("web-channel").signerKey());
    final List<Path> dirs = new ArrayList<>();
    final List<String> cosigners = new ArrayList<>();
    final LocalCluster local;
    final ClusterMember[] members;
    final Process[] children;
    final String[] bases;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestCluster(Path root, String bootstrap, String prefix, int nodes) throws IOException {
        this.root = root;
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        new Random(9).nextBytes(secret);
        local = new LocalCluster(root, ORIGIN, secret, bootstrap, prefix, nodes, List.of(channel.verifierKey()));
        members = new ClusterMember[nodes];
        children = new Process[nodes];
        bases = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            dirs.add(local.dir(i));
            cosigners.add(local.cosigner(i));
        }
    }

    ClusterMember.Settings settings(int i) { return local.settings(i); }

    /** Starts node {@code i} in this JVM, serving on a free port. */
    ClusterMember start(int i) throws IOException {
        members[i] = local.start(i);
        bases[i] = "http://127.0.0.1:" + members[i].serve("127.0.0.1", 0).port();
        return members[i];
    }

    /** Stops node {@code i} cleanly (in this JVM). */
    void stop(int i) {
        local.stop(i);
        members[i] = null;
    }

    /** Starts node {@code i} in a JVM of its own and waits until it serves. */
    void startChild(int i) throws IOException {
        ClusterMember.Settings s = settings(i);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ChildNode.class.getName(), s.dataDir().toString(), ORIGIN,
                Base64.getEncoder().encodeToString(secret), s.cosigner(), bootstrap, prefix)
                .redirectError(root.resolve("node-" + i + ".log").toFile());
        Process p = pb.start();
        children[i] = p;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("serving ")) {
                bases[i] = "http://127.0.0.1:" + line.substring(8).strip();
                return;
            }
        }
        throw new IllegalStateException("child node " + i + " ended before serving; see " + root.resolve("node-" + i + ".log"));
    }

    /** Kills child node {@code i} at once (SIGKILL): no shutdown hook runs, nothing is closed. */
    void kill(int i) throws InterruptedException {
        children[i].destroyForcibly();
        children[i].waitFor(10, TimeUnit.SECONDS);
        children[i] = null;
    }

    // ---- batches ----

    /** Records {@code from .. from+count-1}: customers share e-mails and phones, so identity decisions are appended too. */
    static String records(int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int n = from; n < from + count; n++) {
            sb.append("{\"source\":\"web\",\"sourceRecordId\":\"r").append(n).append("\",\"occurredAt\":\"2026-02-0")
                    .append(1 + n % 9).append("T10:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"user")
                    .append(n % 17).append("@example.com\"}");
            if (n % 5 == 0) sb.append(",{\"type\":\"phone\",\"value\":\"+4420700900").append(n % 23 + 10).append("\"}");
            sb.append("],\"text\":\"asked about order ").append(n).append("\"}\n");
        }
        return sb.toString();
    }

    /** The JSON body of {@code POST /v1/batches}: the records and the channel's signed note. */
    String signedBatch(String batchId, String records) {
        return signedBatch(channel, batchId, records);
    }

    static String signedBatch(NoteSigner key, String batchId, String records) {
        return JSON.createObjectNode().put("note", SignedBatches.sign(key, batchId, records)).put("records", records).toString();
    }

    /** An administrator token of node {@code i}, granted on first use beside the running node (which re-reads its tokens file). */
    private final Map<Integer, String> adminTokens = new HashMap<>();

    synchronized String adminToken(int node) {
        return adminTokens.computeIfAbsent(node, i -> new AccessTokens(dirs.get(i)).grant("administrator", "test-cluster", null, null));
    }

    HttpResponse<String> post(int node, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(bases[node] + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken(node)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(int node, String path) {
        return send(HttpRequest.newBuilder(URI.create(bases[node] + path)).header("Authorization", "Bearer " + adminToken(node)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(r.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body());
        }
    }

    /** Node {@code i}'s served checkpoint note. */
    SignedNote checkpoint(int i) { return SignedNote.parse(get(i, "/v1/ledger/checkpoint").body()); }

    static void await(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (Process p : children) if (p != null) p.destroyForcibly();
        local.close();
    }
}
