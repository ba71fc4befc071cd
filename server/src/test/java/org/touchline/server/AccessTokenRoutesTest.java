package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens granted and revoked while the node serves: through the API, and from the CLI's file. */
class AccessTokenRoutesTest {
    ServerFixture f;

    @BeforeEach
    void node() throws Exception { f = new ServerFixture(Files.createTempDirectory("touchline-tokens")); }

    @AfterEach
    void close() throws Exception { f.close(); }

    HttpResponse<String> call(String method, String path, String bearer, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (method.equals("POST")) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        else b.GET();
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String grant(String bearer, String body) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/access-tokens", bearer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.JSON.readTree(r.body()).get("token").asText();
    }

    @Test
    void the_list_of_tokens_shows_neither_a_token_nor_its_hash() throws Exception {
        String admin = grant(f.adminToken, "{\"role\":\"administrator\",\"name\":\"ops\"}");
        assertThat(call("GET", "/v1/access-tokens", null, null).statusCode()).isEqualTo(401);
        JsonNode list = ServerFixture.JSON.readTree(call("GET", "/v1/access-tokens", admin, null).body());
        assertThat(list.get("tokens")).hasSize(2);
        assertThat(list.toString()).doesNotContain(admin).doesNotContain(f.adminToken).doesNotContain("sha256");
    }

    @Test
    void a_token_revoked_through_the_api_stops_working_at_the_next_request() throws Exception {
        String admin = grant(f.adminToken, "{\"role\":\"administrator\",\"name\":\"ops\"}");
        String analyst = grant(admin, "{\"role\":\"analyst\",\"name\":\"ana\"}");
        assertThat(call("GET", "/v1/analytics/vocabulary", analyst, null).statusCode()).isEqualTo(200);
        String id = new AccessTokens(f.dir).list().stream().filter(p -> p.name().equals("ana")).findFirst().orElseThrow().id();
        assertThat(call("POST", "/v1/access-tokens/" + id + "/revoke", admin, "{}").statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v1/analytics/vocabulary", analyst, null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_token_revoked_from_the_command_line_stops_working_on_the_running_node() throws Exception {
        String admin = grant(f.adminToken, "{\"role\":\"administrator\",\"name\":\"ops\"}");
        AccessTokens cli = new AccessTokens(f.dir);   // what `touchline access revoke` does, in another process
        cli.revoke(cli.list().stream().filter(p -> p.name().equals("ops")).findFirst().orElseThrow().id());
        HttpResponse<String> r = call("GET", "/v1/access-tokens", admin, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("unknown or revoked");
    }

    @Test
    void only_an_administrator_grants_and_a_bad_role_is_named() throws Exception {
        String admin = grant(f.adminToken, "{\"role\":\"administrator\",\"name\":\"ops\"}");
        String agent = grant(admin, "{\"role\":\"agent\",\"name\":\"al\",\"channel\":\"store\"}");
        assertThat(call("POST", "/v1/access-tokens", agent, "{\"role\":\"administrator\",\"name\":\"me\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> r = call("POST", "/v1/access-tokens", admin, "{\"role\":\"boss\",\"name\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("role 'boss' is not one of");
        r = call("POST", "/v1/access-tokens", admin, "{\"role\":\"customer\",\"name\":\"x\",\"customer\":\"nobody\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("field 'customer'");
    }
}
