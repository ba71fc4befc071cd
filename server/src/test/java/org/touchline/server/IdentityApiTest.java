package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.CustomersApiTest.post;
import static org.touchline.server.CustomersApiTest.q;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;
import static org.touchline.server.ServerFixture.record;

/** Identity through the API: unmerge, relationships, the household view, the review queue and their errors. */
class IdentityApiTest {
    @TempDir Path dir;

    private static String customer(ServerFixture f, String identifier) {
        return f.okJson("/v1/customers?identifier=" + q(identifier)).get("customerId").asText();
    }

    @Test
    void anAgentUnmergesACustomerAndBothTimelinesFollow() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "x@example.com"));
            post(f, record("calls", "2", "2026-01-02T00:00:00Z", "call_centre", "phone", "07700900999"));
            String a = customer(f, "email:x@example.com"), b = customer(f, "phone:07700900999");
            post(f, "{\"source\":\"crm\",\"sourceRecordId\":\"3\",\"occurredAt\":\"2026-01-03T00:00:00Z\",\"channel\":\"email\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"x@example.com\"},{\"type\":\"phone\",\"value\":\"07700900999\"}]}");
            assertThat(customer(f, "phone:07700900999")).isEqualTo(a);

            HttpResponse<String> r = f.postJson("/v1/customers/" + a + "/unmerge", "{\"absorbed\":\"" + b + "\",\"reason\":\"two people\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("splitOff").asText()).isEqualTo(b);
            assertThat(customer(f, "phone:07700900999")).isEqualTo(b);
            JsonNode tb = f.okJson("/v1/customers/" + b + "/timeline");
            assertThat(tb.has("mergedFrom")).isFalse();
            assertThat(tb.get("items").get(0).at("/decision/decision").asText()).isEqualTo("unmerged");
            assertThat(tb.get("total").asLong()).isEqualTo(1);
            JsonNode identity = f.okJson("/v1/customers/" + a + "/identity");
            assertThat(identity.get("decisions")).extracting(d -> d.get("decision").asText()).contains("merged", "unmerged");
        }
    }

    @Test
    void aHouseholdHasMembersAndOneCombinedTimeline() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "ann@example.com"));
            post(f, record("crm", "2", "2026-01-02T00:00:00Z", "email", "email", "bob@example.com"));
            String ann = customer(f, "email:ann@example.com"), bob = customer(f, "email:bob@example.com");
            HttpResponse<String> r = f.postJson("/v1/relationships", "{\"type\":\"household\",\"from\":\"" + ann + "\",\"to\":\"" + bob
                    + "\",\"validFrom\":\"2020-01-01\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long entry = json(r).get("entry").asLong();

            JsonNode household = f.okJson("/v1/customers/" + bob + "/household?on=2026-06-01");
            assertThat(household.get("members")).extracting(JsonNode::asText).containsExactlyInAnyOrder(ann, bob);
            assertThat(household.get("total").asLong()).isEqualTo(2);
            assertThat(household.get("items")).extracting(i -> i.get("customerId").asText()).contains(ann, bob);
            assertThat(f.okJson("/v1/customers/" + ann + "/relationships").get("relationships")).singleElement()
                    .satisfies(rel -> assertThat(rel.get("type").asText()).isEqualTo("household"));

            HttpResponse<String> end = f.postJson("/v1/relationships/" + entry + "/end", "{\"validTo\":\"2026-03-01\"}");
            assertThat(end.statusCode()).as(end.body()).isEqualTo(201);
            assertThat(f.okJson("/v1/customers/" + bob + "/household?on=2026-06-01").get("members")).hasSize(1);
            assertError(f.postJson("/v1/relationships/" + entry + "/end", "{\"validTo\":\"2026-04-01\"}"), 409, "already ended");
        }
    }

    @Test
    void badIdentityRequestsGetAClearErrorAndAppendNothing() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "ann@example.com"));
            String ann = customer(f, "email:ann@example.com");
            long size = f.okJson("/v1/health").get("size").asLong();
            assertError(f.postJson("/v1/relationships", "{\"type\":\"cousin\",\"from\":\"" + ann + "\",\"to\":\"" + ann + "\"}"), 400, "cousin");
            assertError(f.postJson("/v1/relationships", "{\"type\":\"household\",\"from\":\"" + ann + "\",\"to\":\"cu_0\"}"), 404, "no customer cu_0");
            assertError(f.postJson("/v1/relationships", "{\"type\":\"household\",\"from\":\"" + ann + "\"}"), 400, "'to'");
            assertError(f.postJson("/v1/relationships", "{\"type\":\"household\",\"from\":\"" + ann + "\",\"to\":\"" + ann + "\",\"validFrom\":\"June\"}"), 400, "validFrom");
            assertError(f.postJson("/v1/relationships", "not json"), 400, "JSON");
            assertError(f.postJson("/v1/customers/" + ann + "/unmerge", "{}"), 400, "absorbed");
            assertError(f.postJson("/v1/customers/cu_nobody/unmerge", "{\"absorbed\":\"cu_x\"}"), 404, "cu_nobody");
            assertError(f.postJson("/v1/identity/reviews/0/accept", "{}"), 404, "not a review");
            assertError(f.postJson("/v1/identity/reviews/x/reject", "{}"), 400, "whole number");
            assertThat(f.okJson("/v1/identity/reviews").get("items")).isEmpty();
            assertThat(f.okJson("/v1/health").get("size").asLong()).isEqualTo(size);
        }
    }
}
