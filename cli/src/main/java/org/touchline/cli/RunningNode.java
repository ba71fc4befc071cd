package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Progress;
import org.touchline.node.LocalAdministrator;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The node serving a data directory, reached through its API with the credential it left there for the command line
 * ({@link LocalAdministrator}): a command that writes goes through the node that owns the log instead of opening the
 * store beside it. The API's answers become the command's: 404 is "not found", 400 and 422 a usage error.
 */
final class RunningNode {
    /** How often a job's progress is asked for. */
    private static final Duration POLL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalAdministrator.Serving serving;

    private RunningNode(LocalAdministrator.Serving serving) { this.serving = serving; }

    static Optional<RunningNode> of(Path dataDir) { return LocalAdministrator.find(dataDir).map(RunningNode::new); }

    String url() { return serving.url(); }

    static ObjectNode body() { return InteractionJson.MAPPER.createObjectNode(); }

    JsonNode get(String path) { return send("GET", path, null, "application/json"); }

    JsonNode post(String path, JsonNode body) { return send("POST", path, body == null ? "{}" : body.toString(), "application/json"); }

    JsonNode postNdjson(String path, String ndjson) { return send("POST", path, ndjson, "application/x-ndjson"); }

    /**
     * Long work the node runs as a job ({@code POST /v1/jobs}), followed until it ends with its progress shown: the
     * job's result, or the node's reason it failed (as an IllegalStateException).
     */
    JsonNode job(String kind, Progress progress) {
        JsonNode job = post("/v1/jobs", body().put("kind", kind));
        String path = "/v1/jobs/" + job.path("id").asLong();
        while (job.path("state").asText().equals("running")) {
            progress.update(job.path("phase").asText(), job.path("done").asLong(), job.path("total").asLong());
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the node runs job " + job.path("id").asLong() + " (it goes on: " + path + ")", e);
            }
            job = get(path);
        }
        if (job.path("state").asText().equals("failed"))
            throw new IllegalStateException("the node at " + serving.url() + " could not " + kind + ": " + job.path("error").asText());
        if (job.path("total").asLong() > 0) progress.update(job.path("phase").asText(), job.path("total").asLong(), job.path("total").asLong());
        return job.path("result");
    }

    /**
     * A source file streamed to the node, which reads it through the mapping as it arrives; progress is the share of
     * the file sent (the node reads no faster than it appends, so that is the share ingested).
     */
    JsonNode postSource(Path mapping, Path file, Progress progress) throws IOException {
        long size = Files.size(file);
        String phase = "ingest " + file.getFileName() + " (through the node)";
        String path = "/v1/ingest/source?mapping=" + URLEncoder.encode(mapping.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8)
                + "&name=" + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new FilterInputStream(Files.newInputStream(file)) {
                    long sent;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) progress.update(phase, sent += n, size);
                        return n;
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), size);
        return send("POST", path, body, "application/octet-stream", null); // the answer comes when the whole file is read
    }

    private JsonNode send(String method, String path, String body, String type) {
        return send(method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), type, Duration.ofMinutes(5));
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String type, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(serving.url() + path));
        if (timeout != null) b.timeout(timeout);
        b.header("Authorization", "Bearer " + serving.credential()).header("Accept", "application/json");
        if (body == null) b.GET();
        else b.header("Content-Type", type).method(method, body);
        HttpResponse<String> r;
        try {
            r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the node serving this data directory at " + serving.url() + " does not answer (" + e.getMessage()
                    + "): is it still running? (process " + serving.pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode json;
        try {
            json = r.body().isBlank() ? body() : InteractionJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            json = body().put("error", r.body());
        }
        if (r.statusCode() / 100 == 2) return json;
        String why = "the node at " + serving.url() + " refused " + method + " " + path + " (" + r.statusCode() + "): " + reason(json);
        if (r.statusCode() == 404) throw new NoSuchElementException(why);
        if (r.statusCode() == 400 || r.statusCode() == 422) throw new IllegalArgumentException(why);
        throw new IllegalStateException(why);
    }

    private static String reason(JsonNode json) {
        if (json.hasNonNull("error")) {
            StringBuilder b = new StringBuilder(json.get("error").asText());
            for (JsonNode p : json.path("problems")) b.append("; ").append(p.path("field").asText()).append(": ").append(p.path("reason").asText());
            return b.toString();
        }
        return json.toString();
    }
}
