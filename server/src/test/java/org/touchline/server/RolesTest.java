package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access by role (docs/security.md): every route declares its roles, and a walk of every route with every role (and with none) gets
 * exactly the answer the declaration says; a customer can never read another customer by changing the id.
 */
class RolesTest {
    static ServerFixture f;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static String ann, bob;

    static String record(String id, String channel, String email) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"" + channel
                + "\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}],\"text\":\"hello\"}";
    }

    @BeforeAll
    static void nodeWithTokens() throws Exception {
        Path dir = Files.createTempDirectory("touchline-roles");
        AccessTokens access = new AccessTokens(dir);
        for (String role : List.of("node", "analyst", "administrator", "auditor", "metrics")) tokens.put(role, access.grant(role, role + "-1", null, null));
        tokens.put("agent", access.grant("agent", "agent-1", "call_centre", null));
        f = new ServerFixture(dir);
        f.node.ingestion().one(record("1", "web", "ann@example.com"), "test");
        f.node.ingestion().one(record("2", "web", "bob@example.com"), "test");
        ann = f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        bob = f.node.customers().findByIdentifier(new Identifier("email", "bob@example.com")).orElseThrow();
        // Granted after the server started: restart its view of the tokens by starting a second server on the same node.
        tokens.put("customer", access.grant("customer", "ann", null, ann));
        f.close();
        f = new ServerFixture(dir);
    }

    @AfterAll
    static void close() throws Exception { f.close(); }

    static String concrete(String route) {
        return route.replace("{id}", ann).replace("{entry}", "0").replace("{index}", "0").replace("{name}", "churn")
                .replace("{product}", "PLN-FIB500").replace("{channel}", "call_centre").replace("{version}", "1")
                .replace("{change}", "pause").replace("{call}", "track").replace("{source}", "helpdesk").replace("*", "0/000");
    }

    static HttpResponse<String> call(String method, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (method.equals("POST")) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        else b.GET();
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Refused by the access check, as opposed to a handler's own 403 (a customer who did not consent). */
    static boolean refused(HttpResponse<String> r) {
        return r.statusCode() == 401 || (r.statusCode() == 403 && (r.body().contains("may not call") || r.body().contains("only see their own")
                || r.body().contains("no access rule")));
    }

    @Test
    void every_route_answers_exactly_the_roles_it_declares() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (var rule : AccessPolicy.RULES.entrySet()) {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' ')), route = rule.getKey().substring(method.length() + 1);
            Set<String> allowed = rule.getValue();
            String path = concrete(route);
            HttpResponse<String> anonymous = call(method, path, null);
            calls++;
            boolean anyRole = allowed.contains(AccessPolicy.ANY_ROLE) || allowed.contains(AccessPolicy.ANYONE);
            // Only the public routes (the probes, the checkpoint and its key) answer without a token.
            if (allowed.contains(AccessPolicy.ANYONE) ? refused(anonymous) : anonymous.statusCode() != 401)
                wrong.add(rule.getKey() + " without a token: " + anonymous.statusCode());
            for (var t : tokens.entrySet()) {
                HttpResponse<String> r = call(method, path, t.getValue());
                calls++;
                boolean ok = anyRole || allowed.contains(t.getKey());
                if (ok == refused(r)) wrong.add(rule.getKey() + " as " + t.getKey() + ": " + r.statusCode() + " " + r.body());
            }
        }
        assertThat(wrong).as(calls + " calls").isEmpty();
        assertThat(calls).isEqualTo(AccessPolicy.RULES.size() * (tokens.size() + 1));
    }

    @Test
    void a_customer_can_never_read_another_customer_by_changing_the_id() {
        String annToken = tokens.get("customer");
        for (String route : List.of("/timeline", "/consents", "/export", "/tokens")) {
            assertThat(call("GET", "/v1/customers/" + ann + route, annToken).statusCode()).as(route).isEqualTo(200);
            HttpResponse<String> other = call("GET", "/v1/customers/" + bob + route, annToken);
            assertThat(other.statusCode()).as(route).isEqualTo(403);
            assertThat(other.body()).contains("only see their own").doesNotContain(bob + "\",\"items");
        }
    }

    @Test
    void an_unknown_or_revoked_token_is_refused_and_an_agent_records_only_for_its_channel() throws Exception {
        assertThat(call("GET", "/v1/customers/" + ann + "/timeline", "tl_made-up").statusCode()).isEqualTo(401);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + "/v1/interactions")).header("Authorization", "Bearer " + tokens.get("agent"))
                .header("Content-Type", "application/json");
        var web = f.send(b.POST(HttpRequest.BodyPublishers.ofString(record("9", "web", "cy@example.com"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(web.statusCode()).isEqualTo(403);
        assertThat(web.body()).contains("field 'channel'").contains("call_centre");
        assertThat(f.node.customers().findByIdentifier(new Identifier("email", "cy@example.com"))).isEmpty();
        var calls = f.send(b.POST(HttpRequest.BodyPublishers.ofString(record("10", "call_centre", "cy@example.com"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(calls.statusCode()).isEqualTo(201);
    }

    @Test
    void the_published_api_and_the_access_rules_list_the_same_routes() throws Exception {
        JsonNode api = ServerFixture.json(call("GET", "/v1/openapi.json", tokens.get("auditor")));
        Set<String> published = new TreeSet<>();
        api.get("paths").fields().forEachRemaining(e -> e.getValue().fieldNames().forEachRemaining(m ->
                published.add(m.toUpperCase() + " " + e.getKey().replace("{tilePath}", "*"))));
        assertThat(new TreeSet<>(AccessPolicy.RULES.keySet())).isEqualTo(published);
    }

    @Test
    void every_read_of_a_customers_data_is_logged_and_the_customer_can_see_who_read_it() {
        assertThat(call("GET", "/v1/customers/" + ann + "/timeline", tokens.get("agent")).statusCode()).isEqualTo(200);
        HttpResponse<String> r = call("GET", "/v1/customers/" + ann + "/access-log", tokens.get("customer"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode newest = ServerFixture.json(r).path("reads").get(0);
        assertThat(newest.path("who").asText()).isEqualTo("agent:agent-1");
        assertThat(newest.path("purpose").asText()).isEqualTo("service");
        assertThat(newest.path("route").asText()).isEqualTo("/v1/customers/{id}/timeline");
        assertThat(call("GET", "/v1/customers/" + bob + "/access-log", tokens.get("customer")).statusCode()).isEqualTo(403);
    }

    @Test
    void an_erased_customers_reads_are_forgotten_with_them() throws Exception {
        f.node.ingestion().one(record("20", "web", "dee@example.com"), "test");
        String dee = f.node.customers().findByIdentifier(new Identifier("email", "dee@example.com")).orElseThrow();
        assertThat(call("GET", "/v1/customers/" + dee + "/timeline", tokens.get("agent")).statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(call("GET", "/v1/customers/" + dee + "/access-log", tokens.get("administrator"))).path("reads").size()).isEqualTo(1);
        long files = countLogFiles();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + "/v1/customers/" + dee + "/erasure"))
                .header("Authorization", "Bearer " + tokens.get("administrator")).header("Content-Type", "application/json");
        var erased = f.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"confirm\": \"" + dee + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);
        assertThat(countLogFiles()).isEqualTo(files - 1);
    }

    static long countLogFiles() throws Exception {
        Path dir = f.dir.resolve("access-log");
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_customer_rates_only_their_own_interactions() {
        long bobs = f.node.projections().timeline(bob, null, null, 10).stream().filter(r -> r.role().equals("subject")).findFirst().orElseThrow().index();
        long anns = f.node.projections().timeline(ann, null, null, 10).stream().filter(r -> r.role().equals("subject")).findFirst().orElseThrow().index();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + "/v1/ratings")).header("Authorization", "Bearer " + tokens.get("customer"))
                .header("Content-Type", "application/json");
        var other = f.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"entry\": " + bobs + ", \"rating\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("only rate their own");
        var own = f.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"entry\": " + anns + ", \"rating\": 5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
    }
}
