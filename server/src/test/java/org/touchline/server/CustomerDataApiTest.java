package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.node.BundleVerifier;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.CustomersApiTest.post;
import static org.touchline.server.CustomersApiTest.q;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;
import static org.touchline.server.ServerFixture.record;

/** Consents, ratings and erasure, and their errors. */
class CustomerDataApiTest {
    @TempDir Path dir;

    private static String ann(ServerFixture f) {
        post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "ann@example.com"));
        return f.okJson("/v1/customers?identifier=" + q("email:ann@example.com")).get("customerId").asText();
    }

    @Test
    void aConsentIsRecordedAndAnsweredWithItsHistory() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = ann(f);
            assertThat(f.postJson("/v1/customers/" + ann + "/consents", "{\"purpose\":\"analytics\",\"state\":\"granted\",\"channel\":\"web\"}").statusCode()).isEqualTo(201);
            assertThat(f.postJson("/v1/customers/" + ann + "/consents", "{\"purpose\":\"analytics\",\"state\":\"withdrawn\",\"channel\":\"app\",\"reason\":\"changed mind\"}").statusCode()).isEqualTo(201);
            JsonNode c = f.okJson("/v1/customers/" + ann + "/consents");
            assertThat(c.at("/current/analytics/allowed").asBoolean()).isFalse();
            assertThat(c.at("/current/analytics/state").asText()).isEqualTo("withdrawn");
            assertThat(c.at("/current/marketing/state").asText()).isEqualTo("never asked");
            assertThat(c.at("/current/service/allowed").asBoolean()).isTrue();
            assertThat(c.get("history")).extracting(h -> h.get("state").asText()).containsExactly("granted", "withdrawn");
            assertError(f.postJson("/v1/customers/" + ann + "/consents", "{\"purpose\":\"spam\",\"state\":\"granted\",\"channel\":\"web\"}"), 400, "spam");
        }
    }

    @Test
    void aRatingIsRecordedForTheInteractionAndShowsOnTheTimelineWithItsComment() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = ann(f);
            HttpResponse<String> r = f.postJson("/v1/ratings", "{\"entry\":0,\"rating\":4,\"comment\":\"helpful\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(f.okJson("/v1/interactions/0/ratings").get("ratings")).singleElement()
                    .satisfies(x -> assertThat(x.get("rating").asInt()).isEqualTo(4));
            JsonNode first = f.okJson("/v1/customers/" + ann + "/timeline").get("items").get(0);
            assertThat(first.get("kind").asText()).isEqualTo("rating");
            assertThat(first.get("comment").asText()).isEqualTo("helpful");
            assertError(f.postJson("/v1/ratings", "{\"entry\":0,\"rating\":9}"), 400, "1 to 5");
            assertError(f.postJson("/v1/ratings", "{\"rating\":3}"), 400, "'entry'");
            assertError(f.postJson("/v1/ratings", "{\"entry\":42,\"rating\":3}"), 404, "no entry 42");
        }
    }

    @Test
    void erasureNeedsTheIdRepeatedThenForgetsTheCustomer() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = ann(f);
            assertError(f.postJson("/v1/customers/" + ann + "/erasure", "{}"), 400, "confirm");
            HttpResponse<String> r = f.postJson("/v1/customers/" + ann + "/erasure", "{\"confirm\":\"" + ann + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("personalPartsErased").asLong()).isEqualTo(1);
            assertError(f.get("/v1/customers?identifier=" + q("email:ann@example.com")), 404, "no customer");
            assertError(f.get("/v1/customers/" + ann + "/timeline"), 404, ann);
            // The log still answers with the entry and its proof.
            assertThat(f.get("/v1/ledger/entries/0").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theExportBundleIsServedAndVerifiesAgainstTheServedKey() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String ann = ann(f);
            HttpResponse<String> r = f.get("/v1/customers/" + ann + "/export");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
            String key = new String(f.ok("/v1/ledger/key")).strip();
            var report = BundleVerifier.verify(r.body().getBytes(StandardCharsets.UTF_8), key);
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isEqualTo(1);
        }
    }
}
