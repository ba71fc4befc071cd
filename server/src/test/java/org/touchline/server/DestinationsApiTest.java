package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.json;

/** Destinations through the API of a serving node: made, delivered to a real receiver, watched, changed, refused when wrong. */
class DestinationsApiTest {
    @TempDir Path dir;

    /** A receiver on loopback that takes every call and keeps its event id. */
    private static HttpServer receiver(List<String> ids) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/hook", x -> {
            x.getRequestBody().readAllBytes();
            ids.add(x.getRequestHeaders().getFirst("webhook-id"));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        s.start();
        return s;
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within 30 s");
            Thread.sleep(50);
        }
    }

    @Test
    void aWebhookMadeThroughTheApiIsDeliveredToWhileTheNodeServesAndShowsItsCounts() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        HttpServer hook = receiver(ids);
        try (ServerFixture f = new ServerFixture(dir)) {
            String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
            HttpResponse<String> made = f.postJson("/v1/destinations", "{\"name\":\"crm\",\"url\":\"" + url + "\",\"kinds\":[\"interactions\"],\"purpose\":\"service\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            String id = json(made).get("id").asText();
            assertThat(json(made).get("secret").asText()).startsWith("whsec_");
            f.appendBatch(0, 3);
            await(() -> ids.size() >= 3);
            await(() -> f.okJson("/v1/destinations/" + id).path("counts").path("delivered").asLong() == 3);
            JsonNode listed = f.okJson("/v1/destinations").get("items").get(0);
            assertThat(listed.get("id").asText()).isEqualTo(id);
            assertThat(listed.has("secret")).as("the secret is shown once, when made").isFalse();
            assertThat(listed.path("lag").path("entriesBehind").asLong()).isZero();
            assertThat(ids).allMatch(x -> x.matches("\\d+-[0-9a-f]{16}"));
            String metrics = f.get("/metrics").body();
            assertThat(metrics).contains("touchline_destination_delivered_total{destination=\"" + id + "\"} 3.0");
            assertThat(metrics).contains("touchline_destination_lag_entries{destination=\"" + id + "\"}");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void pauseResumeReplayAndDeleteAnswerTheDestinationAfterTheChange() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 2);
            String id = json(f.postJson("/v1/destinations", "{\"name\":\"off\",\"url\":\"http://127.0.0.1:9/x\",\"kinds\":[\"consent_changes\"],\"purpose\":\"marketing\"}")).get("id").asText();
            assertThat(json(f.postJson("/v1/destinations/" + id + "/pause", "{}")).get("state").asText()).isEqualTo("paused");
            JsonNode replayed = json(f.postJson("/v1/destinations/" + id + "/replay", "{\"from\":0}"));
            assertThat(replayed.path("lag").path("cursor").asLong()).isZero();
            assertThat(replayed.path("lag").path("entriesBehind").asLong()).isEqualTo(f.node.ledger().size());
            assertThat(json(f.postJson("/v1/destinations/" + id + "/replay", "{\"deadLetters\":true}")).get("replayed").asInt()).isZero();
            assertThat(f.okJson("/v1/destinations/" + id + "/dead-letters").get("items")).isEmpty();
            assertThat(json(f.postJson("/v1/destinations/" + id + "/resume", "{}")).get("state").asText()).isEqualTo("active");
            assertThat(f.postJson("/v1/destinations/" + id + "/delete", "{}").statusCode()).isEqualTo(200);
            assertThat(f.get("/v1/destinations/" + id).statusCode()).isEqualTo(404);
            assertThat(f.okJson("/v1/destinations").get("items")).isEmpty();
        }
    }

    @Test
    void aWrongRequestIsRefusedWith400NamingTheField() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.postJson("/v1/destinations", "{\"name\":\"x\",\"url\":\"http://h/x\",\"kinds\":[\"interactions\"],\"purpose\":\"spam\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).startsWith("purpose: 'spam'");
            r = f.postJson("/v1/destinations", "{\"name\":\"x\",\"url\":\"http://h/x\",\"kinds\":\"interactions\",\"purpose\":\"service\"}");
            assertThat(json(r).get("error").asText()).startsWith("kinds:");
            String id = json(f.postJson("/v1/destinations", "{\"name\":\"x\",\"url\":\"http://h/x\",\"kinds\":[\"interactions\"],\"purpose\":\"service\"}")).get("id").asText();
            r = f.postJson("/v1/destinations/" + id + "/replay", "{}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(f.postJson("/v1/destinations/" + id + "/explode", "{}").statusCode()).isEqualTo(400);
            assertThat(f.postJson("/v1/destinations/dst_nope/pause", "{}").statusCode()).isEqualTo(404);
        }
    }
}
