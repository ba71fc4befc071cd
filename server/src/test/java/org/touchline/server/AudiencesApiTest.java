package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.json;

/** Audiences through the API of a serving node: defined by analysts, evaluated as entries arrive, shown by role, synced to a real receiver. */
class AudiencesApiTest {
    @TempDir Path dir;

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within 30 s");
            Thread.sleep(50);
        }
    }

    private static String token(ServerFixture f, String body) {
        HttpResponse<String> r = f.postJson("/v1/access-tokens", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("token").asText();
    }

    private static HttpResponse<String> as(ServerFixture f, String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + token);
        if (method.equals("POST")) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        else b.GET();
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Defines {@code name} as an analyst and waits until every customer was evaluated. */
    private static void define(ServerFixture f, String analyst, String name, String rule) throws InterruptedException {
        HttpResponse<String> made = as(f, analyst, "POST", "/v1/audiences", "{\"name\":\"" + name + "\",\"rule\":\"" + rule + "\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(json(made).get("definedBy").asText()).isEqualTo("analyst:ana");
        await(() -> !f.okJson("/v1/audiences/" + name).path("evaluating").asBoolean());
    }

    private static String customer(ServerFixture f, int n) {
        return f.node.customers().findByIdentifier(new Identifier("email", "user" + n + "@example.com")).orElseThrow();
    }

    @Test
    void anAudienceAnAnalystDefinesIsEvaluatedAndListedWithItsSize() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            f.appendBatch(0, 10); // 7 customers: user0..2 twice, the others once
            define(f, analyst, "returning", "customer.interactions >= 2");
            JsonNode listed = json(as(f, analyst, "GET", "/v1/audiences", null)).get("items").get(0);
            assertThat(listed.get("name").asText()).isEqualTo("returning");
            assertThat(listed.get("size").asLong()).isEqualTo(3);
            f.appendBatch(10, 1); // user3's second
            await(() -> f.okJson("/v1/audiences/returning").path("size").asLong() == 4);
        }
    }

    @Test
    void aBadRuleIsRefusedNamingTheFieldAndTheReason() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            ServerFixture.assertError(as(f, analyst, "POST", "/v1/audiences", "{\"name\":\"vip\",\"rule\":\"customer.spend > 3\"}"), 400,
                    "audience 'vip', field 'rule'", "spend");
            ServerFixture.assertError(as(f, analyst, "POST", "/v1/audiences", "{\"name\":\"vip\",\"rule\":\"customer.tokens\"}"), 400, "field 'rule'");
            assertThat(json(as(f, analyst, "GET", "/v1/audiences", null)).get("items")).isEmpty();
        }
    }

    @Test
    void anAnalystSeesNoMembersOfAnAudienceSmallerThanTheMinimumCountAnAdministratorDoes() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            f.appendBatch(0, 7);
            define(f, analyst, "everyone", "customer.interactions >= 1");
            ServerFixture.assertError(as(f, analyst, "GET", "/v1/audiences/everyone/members", null), 403, "minimum count");
            JsonNode members = f.okJson("/v1/audiences/everyone/members");
            assertThat(members.get("items")).hasSize(7);
        }
    }

    @Test
    void anAgentSeesTheAudiencesOfTheCustomerInFrontOfThemAndNotTheirMembers() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            String agent = token(f, "{\"role\":\"agent\",\"name\":\"agent-7\",\"channel\":\"call_centre\"}");
            f.appendBatch(0, 10);
            define(f, analyst, "returning", "customer.interactions >= 2");
            JsonNode of = json(as(f, agent, "GET", "/v1/customers/" + customer(f, 0) + "/audiences", null));
            assertThat(of.get("items")).extracting(n -> n.get("audience").asText()).containsExactly("returning");
            assertThat(json(as(f, agent, "GET", "/v1/customers/" + customer(f, 5) + "/audiences", null)).get("items")).isEmpty();
            assertThat(as(f, agent, "GET", "/v1/audiences/returning/members", null).statusCode()).isEqualTo(403);
            assertThat(as(f, agent, "POST", "/v1/audiences", "{\"name\":\"x\",\"rule\":\"true\"}").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theSizeOverTimeIsADailySeriesEndingToday() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            f.appendBatch(0, 7);
            define(f, analyst, "everyone", "customer.interactions >= 1");
            JsonNode days = json(as(f, analyst, "GET", "/v1/audiences/everyone/sizes", null)).get("items");
            assertThat(days).hasSize(30);
            assertThat(days.get(29).get("size").asLong()).isEqualTo(7);
            assertThat(days.get(29).get("entered").asLong()).isEqualTo(7);
            assertThat(days.get(0).get("size").asLong()).isZero();
            ServerFixture.assertError(as(f, analyst, "GET", "/v1/audiences/everyone/sizes?from=yesterday", null), 400, "'from'");
        }
    }

    @Test
    void enteringAndLeavingReachADestinationOnlyForCustomersWhoAllowItsPurpose() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        hook.createContext("/hook", x -> {
            received.add(ServerFixture.JSON.readTree(x.getRequestBody().readAllBytes()));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        hook.start();
        try (ServerFixture f = new ServerFixture(dir)) {
            String analyst = token(f, "{\"role\":\"analyst\",\"name\":\"ana\"}");
            f.appendBatch(0, 7);
            String allows = customer(f, 0), refuses = customer(f, 1);
            f.node.customerEvents().consent(allows, "marketing", "granted", "web", null);
            f.node.customerEvents().consent(refuses, "marketing", "refused", "web", null);
            String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
            HttpResponse<String> sub = f.postJson("/v1/destinations", "{\"name\":\"ads\",\"url\":\"" + url + "\",\"kinds\":[\"audience_changes\"],\"purpose\":\"marketing\"}");
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
            define(f, analyst, "marketable", "customer.consents.marketing || customer.interactions >= 1");
            await(() -> memberships(received, "entered").contains(allows));
            HttpResponse<String> changed = as(f, analyst, "POST", "/v1/audiences/marketable", "{\"rule\":\"customer.interactions >= 100\"}");
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            await(() -> memberships(received, "left").contains(allows));
            String id = json(sub).get("id").asText();
            await(() -> f.okJson("/v1/destinations/" + id).path("lag").path("pending").asLong() == 0
                    && f.okJson("/v1/destinations/" + id).path("lag").path("entriesBehind").asLong() == 0);
            assertThat(memberships(received, "entered")).as("everyone entered; only the customer who allows marketing was told")
                    .containsExactly(allows).doesNotContain(refuses);
            assertThat(received).anyMatch(e -> e.path("type").asText().equals("audience") && e.path("data").path("entry").path("fields").path("change").asText().equals("defined"));
            assertThat(f.okJson("/v1/destinations/" + id).path("counts").path("skipped").asLong()).as("6 customers entered and left without marketing consent").isEqualTo(12);
        } finally {
            hook.stop(0);
        }
    }

    private static List<String> memberships(List<JsonNode> received, String change) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : received) {
            JsonNode entry = e.path("data").path("entry");
            if (e.path("type").asText().equals("membership") && entry.path("fields").path("change").asText().equals(change))
                out.add(e.path("data").path("customer").asText());
        }
        return out;
    }
}
