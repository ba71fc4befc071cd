package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Attacks tried against a node as {@code touchline serve} starts it, each one test named for the attack; docs/reliability.md
 * has the table of attacks and outcomes. Every one of them succeeded against the node before it was closed by default.
 */
class AttacksTest {
    @TempDir Path dir;

    static HttpResponse<String> anonymous(ServerFixture f, String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path));
        if (method.equals("GET")) b.GET();
        else b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- an open node gives itself away -------------------------------------------------------------------------

    @Test
    void anonymous_administrator_token_mint_on_a_new_node_is_refused() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            HttpResponse<String> r = anonymous(f, "POST", "/v1/access-tokens", "application/json", "{\"role\":\"administrator\",\"name\":\"x\"}");
            ServerFixture.assertError(r, 401, "touchline access grant administrator");
            assertThat(new AccessTokens(dir).list()).isEmpty();
        }
    }

    @Test
    void anonymous_requests_to_a_new_node_get_401_on_every_route_but_the_public_ones() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            List<String> answered = new ArrayList<>();
            for (String rule : AccessPolicy.RULES.keySet()) {
                String method = rule.substring(0, rule.indexOf(' ')), route = rule.substring(method.length() + 1);
                if (AccessPolicy.isPublic(method, route)) continue;
                String path = route.replaceAll("\\{[a-z]+\\}", "1").replace("*", "0/000");
                HttpResponse<String> r = anonymous(f, method, path, "application/json", "{}");
                if (r.statusCode() != 401 || !r.body().contains("access token")) answered.add(rule + ": " + r.statusCode() + " " + r.body());
            }
            assertThat(answered).as("%d routes", AccessPolicy.RULES.size()).isEmpty();
        }
    }

    @Test
    void the_logs_checkpoint_and_key_are_public_and_verify_each_other_without_a_token() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            HttpResponse<String> checkpoint = anonymous(f, "GET", "/v1/ledger/checkpoint", null, null);
            HttpResponse<String> key = anonymous(f, "GET", "/v1/ledger/key", null, null);
            assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(200);
            assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
            // What a witness or a customer does with them: the checkpoint's signature verifies under the published key.
            assertThatCode(() -> NoteVerifier.parse(key.body().strip()).verify(checkpoint.body())).doesNotThrowAnyException();
            assertThat(anonymous(f, "GET", "/v1/health", null, null).statusCode()).as("everything else stays closed").isEqualTo(401);
            assertThat(anonymous(f, "GET", "/v1/ledger/entries/0", null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void anonymous_administrator_token_mint_on_an_insecure_open_node_is_refused() throws Exception {
        try (ServerFixture f = ServerFixture.insecureOpen(dir)) {
            assertThat(anonymous(f, "GET", "/v1/health", null, null).statusCode()).as("open, as asked").isEqualTo(200);
            HttpResponse<String> r = anonymous(f, "POST", "/v1/access-tokens", "application/json", "{\"role\":\"administrator\",\"name\":\"x\"}");
            ServerFixture.assertError(r, 401, "access token");
            assertThat(new AccessTokens(dir).list()).isEmpty();
        }
    }

    @Test
    void the_first_administrator_token_is_made_beside_the_serving_node_and_works_at_its_next_request() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            String token = new AccessTokens(dir).grant("administrator", "ops", null, null);   // what `touchline access grant` writes
            HttpResponse<String> r = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/health")).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode health = ServerFixture.json(r);
            assertThat(health.path("access").asText()).isEqualTo("bearer tokens");
        }
    }

    @Test
    void a_new_node_awaits_its_first_token_until_one_is_granted() throws Exception {
        try (ServerFixture f = ServerFixture.newlyServed(dir)) {
            assertThat(f.server.awaitingFirstToken()).isTrue();
            String token = new AccessTokens(dir).grant("auditor", "aud", null, null);
            assertThat(f.server.awaitingFirstToken()).isFalse();
            assertThat(token).startsWith("tl_");
        }
    }

    // ---- cross-site writes --------------------------------------------------------------------------------------

    static String customerOf(ServerFixture f, String email) {
        f.node.ingestion().one(ServerFixture.record("web", email, "2026-02-01T10:00:00Z", "web", "email", email), "test");
        return f.node.customers().findByIdentifier(new Identifier("email", email)).orElseThrow();
    }

    static HttpResponse<String> crossSite(ServerFixture f, String path, String contentType, String body) {
        return f.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Content-Type", contentType).header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cross_origin_text_plain_erasure_post_is_refused_and_changes_nothing() throws Exception {
        try (ServerFixture f = ServerFixture.insecureOpen(dir)) {   // the worst case: a node that needs no token
            String ann = customerOf(f, "ann@example.com");
            long size = f.node.ledger().size();
            HttpResponse<String> r = crossSite(f, "/v1/customers/" + ann + "/erasure", "text/plain", "{\"actor\":\"x\",\"confirm\":\"" + ann + "\"}");
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(f.node.ledger().size()).isEqualTo(size);
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com"))).contains(ann);
        }
    }

    @Test
    void a_text_plain_write_without_an_origin_is_refused_415() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            long size = f.node.ledger().size();
            HttpResponse<String> r = f.post("/v1/customers/" + ann + "/consents", "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}",
                    "text/plain");
            ServerFixture.assertError(r, 415, "application/json");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void a_json_write_from_another_origin_is_refused_403() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            long size = f.node.ledger().size();
            HttpResponse<String> r = f.send(f.request("/v1/customers/" + ann + "/consents").header("Content-Type", "application/json")
                    .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}")).build(), HttpResponse.BodyHandlers.ofString());
            ServerFixture.assertError(r, 403, "another origin");
            assertThat(f.node.ledger().size()).isEqualTo(size);
            HttpResponse<String> own = f.send(f.request("/v1/customers/" + ann + "/consents").header("Content-Type", "application/json")
                    .header("Origin", f.base).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(own.statusCode()).as("the node's own page: %s", own.body()).isEqualTo(201);
        }
    }

    // ---- headers ------------------------------------------------------------------------------------------------

    @Test
    void pages_api_answers_and_errors_all_carry_the_security_headers() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            for (String path : List.of("/", "/index.html", "/portal.html", "/app.js", "/v1/health", "/v1/customers/" + ann + "/export", "/v1/no-such-route")) {
                var h = f.get(path).headers();
                assertThat(h.firstValue("Content-Security-Policy")).as(path).hasValue(SecurityHeaders.CSP);
                assertThat(SecurityHeaders.CSP).contains("frame-ancestors 'none'").contains("script-src 'self';").doesNotContain("unsafe-eval")
                        .doesNotContain("script-src 'self' 'unsafe-inline'");
                assertThat(h.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(h.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
                assertThat(h.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
                if (path.startsWith("/v1/")) assertThat(h.firstValue("Cache-Control")).as(path).hasValue("no-store");
            }
        }
    }

    // ---- agents acting outside their role -----------------------------------------------------------------------

    static HttpResponse<String> as(ServerFixture f, String token, String path, String body) {
        return f.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String callRecord(String id, String agent) {
        return "{\"source\":\"calls\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"channel\":\"call_centre\","
                + "\"type\":\"enquiry\",\"agentId\":\"" + agent + "\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}";
    }

    @Test
    void agent_rating_farming_pays_the_five_star_reward_once_per_interaction() throws Exception {
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Path examples = Files.isDirectory(Path.of("..", "examples", "contracts")) ? Path.of("..", "examples", "contracts") : Path.of("examples", "contracts");
        String signed = SignedContract.sign(ContractDefinition.read(examples.resolve("reward-five-star.yaml")),
                NoteSigner.parse(admin.signerKey())).encode();
        try (ServerFixture f = new ServerFixture(dir)) {
            Files.writeString(dir.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
            assertThat(f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed)).statusCode()).isEqualTo(201);
            String agent = new AccessTokens(dir).grant("agent", "agent-7", "call_centre", null);
            HttpResponse<String> recorded = as(f, agent, "/v1/interactions", callRecord("1", "agent-7"));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            long interaction = ServerFixture.json(recorded).path("index").asLong();
            for (int k = 0; k < 3; k++)
                assertThat(as(f, agent, "/v1/ratings", "{\"entry\":" + interaction + ",\"rating\":5}").statusCode()).isEqualTo(201);
            assertThat(f.okJson("/v1/agents/agent-7/tokens").path("balance").asLong()).as("paid once, not 150").isEqualTo(50);
            JsonNode ratings = f.okJson("/v1/interactions/" + interaction + "/ratings").path("ratings");
            assertThat(ratings).allSatisfy(r -> assertThat(r.toString()).contains("agent:agent-7"));
        }
    }

    @Test
    void an_agent_recording_in_another_agents_name_is_refused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String agent = new AccessTokens(dir).grant("agent", "agent-7", "call_centre", null);
            HttpResponse<String> r = as(f, agent, "/v1/interactions", callRecord("1", "agent-9"));
            ServerFixture.assertError(r, 403, "field 'agentId'", "agent-9");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void a_call_centre_agent_recording_a_web_consent_is_refused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            long size = f.node.ledger().size();
            String agent = new AccessTokens(dir).grant("agent", "agent-7", "call_centre", null);
            HttpResponse<String> r = as(f, agent, "/v1/customers/" + ann + "/consents", "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}");
            ServerFixture.assertError(r, 403, "field 'channel'", "call_centre");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void a_body_actor_naming_someone_else_is_refused_and_the_token_is_the_actor() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            long size = f.node.ledger().size();
            HttpResponse<String> r = f.postJson("/v1/customers/" + ann + "/erasure", "{\"actor\":\"someone-else\",\"confirm\":\"" + ann + "\"}");
            ServerFixture.assertError(r, 403, "field 'actor'");
            assertThat(f.node.ledger().size()).isEqualTo(size);
            r = f.postJson("/v1/customers/" + ann + "/erasure", "{\"confirm\":\"" + ann + "\"}");
            assertThat(r.statusCode()).isEqualTo(201);
            var erasure = EventEntry.parse(f.node.ledger().leaf(ServerFixture.json(r).path("entry").asLong()));
            assertThat(erasure.field("actor")).isEqualTo("administrator:server-fixture");
        }
    }

    // ---- tokens and unmerge -------------------------------------------------------------------------------------

    static int reads(ServerFixture f, String token, String customer) {
        return f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/customers/" + customer + "/timeline")).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static void post(ServerFixture f, String record) {
        HttpResponse<String> r = f.postJson("/v1/interactions", record);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void a_customer_token_granted_for_an_absorbed_id_no_longer_reads_the_survivor_after_the_unmerge() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, ServerFixture.record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "x@example.com"));
            post(f, ServerFixture.record("calls", "2", "2026-01-02T00:00:00Z", "call_centre", "phone", "07700900999"));
            String a = f.node.customers().findByIdentifier(new Identifier("email", "x@example.com")).orElseThrow();
            String b = f.node.customers().findByIdentifier(Identifier.parse("phone:07700900999")).orElseThrow();
            String both = "{\"source\":\"crm\",\"sourceRecordId\":\"%s\",\"occurredAt\":\"2026-01-0%sT00:00:00Z\",\"channel\":\"email\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"x@example.com\"},{\"type\":\"phone\",\"value\":\"07700900999\"}]}";
            post(f, both.formatted("3", "3"));                          // merge: b is absorbed into a
            HttpResponse<String> granted = f.postJson("/v1/access-tokens", "{\"role\":\"customer\",\"name\":\"bee\",\"customer\":\"" + b + "\"}");
            assertThat(ServerFixture.json(granted).path("customer").asText()).as("bound to the id it was granted for").isEqualTo(b);
            String token = ServerFixture.json(granted).path("token").asText();
            assertThat(reads(f, token, a)).as("merged: one person").isEqualTo(200);

            assertThat(f.postJson("/v1/customers/" + a + "/unmerge", "{\"absorbed\":\"" + b + "\",\"reason\":\"two people\"}").statusCode()).isEqualTo(201);
            assertThat(reads(f, token, a)).as("after the unmerge, the other person's timeline").isEqualTo(403);
            assertThat(reads(f, token, b)).isEqualTo(200);

            post(f, both.formatted("4", "4"));      // the same evidence again: the two are kept apart from now on
            assertThat(f.node.customers().current(b)).contains(b);
            assertThat(reads(f, token, a)).isEqualTo(403);

            post(f, ServerFixture.record("web", "5", "2026-01-05T00:00:00Z", "web", "email", "z@example.com"));
            String c = f.node.customers().findByIdentifier(new Identifier("email", "z@example.com")).orElseThrow();
            post(f, "{\"source\":\"crm\",\"sourceRecordId\":\"6\",\"occurredAt\":\"2026-01-06T00:00:00Z\",\"channel\":\"email\",\"type\":\"enquiry\","
                    + "\"identifiers\":[{\"type\":\"email\",\"value\":\"z@example.com\"},{\"type\":\"phone\",\"value\":\"07700900999\"}]}");
            assertThat(f.node.customers().current(b)).as("b merged again, with c").isEqualTo(f.node.customers().current(c));
            assertThat(reads(f, token, c)).as("re-merged: the token follows b into the merge").isEqualTo(200);
            assertThat(reads(f, token, a)).isEqualTo(403);
        }
    }

    // ---- input handling, status codes ---------------------------------------------------------------------------

    @Test
    void invalid_utf8_in_a_source_record_id_is_refused_naming_the_field_and_nothing_collapses() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            byte[] first = ServerFixture.record("web", "r\u00ff1", "2026-02-01T10:00:00Z", "web", "email", "ann@example.com")
                    .getBytes(StandardCharsets.ISO_8859_1);   // 0xFF: never valid in UTF-8
            HttpResponse<String> r = f.send(f.request("/v1/interactions").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(first)).build(), HttpResponse.BodyHandlers.ofString());
            ServerFixture.assertError(r, 400, "field 'sourceRecordId'", "UTF-8");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void invalid_utf8_in_a_query_parameter_is_refused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            ServerFixture.assertError(f.get("/v1/customers?q=%FF%FE"), 400, "'q'", "UTF-8");
        }
    }

    @Test
    void a_negative_timeline_limit_and_out_of_range_windows_are_refused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = customerOf(f, "ann@example.com");
            ServerFixture.assertError(f.get("/v1/customers/" + ann + "/timeline?limit=-1"), 400, "'limit'");
            ServerFixture.assertError(f.get("/v1/dead-letters?after=-5"), 400, "'after'");
            ServerFixture.assertError(f.get("/v1/demand/call_centre?days=-1"), 400, "'days'");
            ServerFixture.assertError(f.get("/v1/demand/call_centre?answerSeconds=0"), 400, "'answerSeconds'");
            ServerFixture.assertError(f.postJson("/v1/analytics/paths", "{\"anchor\":{\"stages\":[\"decision\"]},\"windowDays\":0}"), 400, "windowDays");
        }
    }

    @Test
    void analytics_for_a_group_of_one_are_refused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            ServerFixture.assertError(f.get("/v1/analytics/journeys?minimumCount=1"), 400, "minimumCount", "10");
            ServerFixture.assertError(f.postJson("/v1/analytics/funnel", "{\"steps\":[{\"stages\":[\"awareness\"]}],\"minimumCount\":2}"), 400, "at least 10");
        }
    }

    @Test
    void put_and_delete_on_known_paths_answer_405_with_allow() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            for (String method : List.of("PUT", "DELETE")) {
                HttpResponse<String> r = f.send(f.request("/v1/health").header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                ServerFixture.assertError(r, 405, method);
                assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
            }
            HttpResponse<String> r = f.send(f.request("/v1/customers/c1/consents").DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        }
    }

    @Test
    void head_answers_where_get_does() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.send(f.request("/v1/health").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.headers().map().toString()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
    }
}
