package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;
import org.touchline.ledger.Receipt;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-subject requests over HTTP (docs/requests.md): the privacy team's routes from filing to proof, and the portal's,
 * where a signed-in customer files and follows their own requests only.
 */
class DataRequestsApiTest {
    static ServerFixture f;
    static String ann, bob, annToken;

    static String record(String id, String email) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"web\","
                + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}],\"text\":\"hello\"}";
    }

    @BeforeAll
    static void nodeWithACustomerToken() throws Exception {
        Path dir = Files.createTempDirectory("touchline-requests");
        f = new ServerFixture(dir);
        f.node.ingestion().one(record("1", "ann@example.com"), "test");
        f.node.ingestion().one(record("2", "bob@example.com"), "test");
        ann = f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        bob = f.node.customers().findByIdentifier(new Identifier("email", "bob@example.com")).orElseThrow();
        annToken = new AccessTokens(dir).grant("customer", "ann", null, ann);
        f.close();
        f = new ServerFixture(dir);
    }

    @AfterAll
    static void close() { f.close(); }

    static HttpResponse<String> asAnn(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + annToken);
        if (method.equals("POST")) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.json(r);
    }

    @Test
    void thePrivacyTeamTakesARequestFromItsFilingToItsProof() {
        JsonNode filed = created(f.postJson("/v1/requests",
                "{\"type\": \"access\", \"identifiers\": [{\"type\": \"email\", \"value\": \"bob@example.com\"}], \"channel\": \"letter\"}"));
        long entry = filed.path("entry").asLong();
        assertThat(filed.path("customerId").asText()).isEqualTo(bob);
        assertThat(filed.path("status").asText()).isEqualTo("awaiting_verification");
        assertThat(filed.path("steps").get(0).path("actor").asText()).isEqualTo("administrator:server-fixture");
        ServerFixture.assertError(f.postJson("/v1/requests/" + entry + "/fulfilment", "{}"), 409, "awaiting_verification");
        created(f.postJson("/v1/requests/" + entry + "/verification", "{\"method\": \"called back on the number on file\"}"));
        JsonNode fulfilled = created(f.postJson("/v1/requests/" + entry + "/fulfilment", "{}"));
        assertThat(fulfilled.path("status").asText()).isEqualTo("fulfilled");
        assertThat(fulfilled.path("export").path("customerId").asText()).as("the export bundle to hand over").isEqualTo(bob);
        JsonNode closed = created(f.postJson("/v1/requests/" + entry + "/closure", "{}"));
        assertThat(closed.path("status").asText()).isEqualTo("closed");
        JsonNode proof = f.okJson("/v1/requests/" + entry + "/proof");
        assertThat(proof.path("outcome").asText()).isEqualTo("fulfilled");
        assertThat(proof.path("entries")).hasSize(4);
        for (JsonNode e : proof.path("entries"))
            Receipt.parse(e.path("receipt").asText()).verify(Base64.getDecoder().decode(e.path("leaf").asText()), f.node.identity().verifier());
    }

    @Test
    void theListShowsOpenRequestsAndNarrowsByStatusAndType() {
        long entry = created(f.postJson("/v1/customers/" + ann + "/requests", "{\"type\": \"objection\", \"purposes\": [\"marketing\"], \"channel\": \"call_centre\"}"))
                .path("entry").asLong();
        JsonNode open = f.okJson("/v1/requests?type=objection");
        assertThat(open.path("requests").findValuesAsText("entry")).contains(Long.toString(entry));
        assertThat(open.path("overdue").asLong()).isZero();
        assertThat(f.okJson("/v1/requests?status=closed&type=objection").path("requests").findValuesAsText("entry")).doesNotContain(Long.toString(entry));
        ServerFixture.assertError(f.get("/v1/requests?status=lost"), 400, "status 'lost'");
    }

    @Test
    void aCustomerFilesFromThePortalVerifiedByTheirSignInAndSeesOnlyTheirOwnRequests() {
        JsonNode filed = created(asAnn("POST", "/v1/customers/" + ann + "/requests", "{\"type\": \"access\"}"));
        assertThat(filed.path("status").asText()).isEqualTo("verified");
        assertThat(filed.path("channel").asText()).isEqualTo("portal");
        assertThat(filed.path("steps").get(0).path("method").asText()).isEqualTo("portal sign-in");
        JsonNode mine = ServerFixture.json(asAnn("GET", "/v1/customers/" + ann + "/requests", null));
        assertThat(mine.path("requests").findValuesAsText("entry")).contains(filed.path("entry").asText());
        long bobs = created(f.postJson("/v1/customers/" + bob + "/requests", "{\"type\": \"erasure\", \"channel\": \"letter\"}")).path("entry").asLong();
        assertThat(asAnn("GET", "/v1/customers/" + ann + "/requests/" + bobs, null).statusCode()).isEqualTo(404);
        assertThat(asAnn("GET", "/v1/customers/" + bob + "/requests", null).statusCode()).isEqualTo(403);
        assertThat(asAnn("GET", "/v1/requests", null).statusCode()).isEqualTo(403);
        ServerFixture.assertError(asAnn("POST", "/v1/customers/" + ann + "/requests", "{\"type\": \"rectification\", \"fields\": [\"name\"]}"), 400, "privacy team");
    }

    @Test
    void badFilingsAreRefusedNamingTheField() {
        ServerFixture.assertError(f.postJson("/v1/requests", "{\"type\": \"portability\", \"customer\": \"" + ann + "\", \"channel\": \"letter\"}"), 400, "portability");
        ServerFixture.assertError(f.postJson("/v1/requests", "{\"type\": \"access\", \"customer\": \"" + ann + "\"}"), 400, "channel");
        ServerFixture.assertError(f.postJson("/v1/requests", "{\"type\": \"access\", \"identifiers\": \"ann\", \"channel\": \"letter\"}"), 400, "identifiers");
        ServerFixture.assertError(f.postJson("/v1/requests/" + Long.MAX_VALUE + "/closure", "{}"), 404, "no request");
        ServerFixture.assertError(f.postJson("/v1/requests/1/extension", "{\"reason\": \"busy\"}"), 400, "months");
    }
}
