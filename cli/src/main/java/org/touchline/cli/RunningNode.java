package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.server.LocalAdministrator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalAdministrator.Serving serving;

    private RunningNode(LocalAdministrator.Serving serving) { this.serving = serving; }

    static Optional<RunningNode> of(Path dataDir) { return LocalAdministrator.find(dataDir).map(RunningNode::new); }

    String url() { return serving.url(); }

    static ObjectNode body() { return InteractionJson.MAPPER.createObjectNode(); }

    JsonNode get(String path) { return send("GET", path, null, "application/json"); }

    JsonNode post(String path, JsonNode body) { return send("POST", path, body == null ? "{}" : body.toString(), "application/json"); }

    JsonNode postNdjson(String path, String ndjson) { return send("POST", path, ndjson, "application/x-ndjson"); }

    private JsonNode send(String method, String path, String body, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(serving.url() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + serving.credential()).header("Accept", "application/json");
        if (body == null) b.GET();
        else b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
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
