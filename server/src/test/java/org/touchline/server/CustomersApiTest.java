package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.*;

/** Customer lookup by identifier and the paged, newest-first timeline. */
class CustomersApiTest {
    @TempDir Path dir;

    static String q(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static JsonNode post(ServerFixture f, String record) {
        HttpResponse<String> r = f.postJson("/v1/interactions", record);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void anIdentifierFindsTheCustomerAndATimelineLink() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-03-01T09:00:00Z", "email", "email", "ann@example.com"));
            post(f, record("web", "2", "2026-03-02T09:00:00Z", "web", "email", "ANN@example.com"));
            JsonNode c = f.okJson("/v1/customers?identifier=" + q("email:ann@example.com"));
            String id = c.get("customerId").asText();
            assertThat(id).isNotBlank();
            assertThat(c.get("timeline").asText()).isEqualTo("/v1/customers/" + id + "/timeline");
            assertThat(c.get("interactions").asLong()).isEqualTo(2);
            assertThat(f.okJson(c.get("timeline").asText()).get("customerId").asText()).isEqualTo(id);
        }
    }

    @Test
    void anUnknownIdentifierAnswers404Json() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-03-01T09:00:00Z", "email", "email", "ann@example.com"));
            assertError(f.get("/v1/customers?identifier=" + q("email:nobody@example.com")), 404, "nobody@example.com");
        }
    }

    @Test
    void aMalformedOrMissingIdentifierAnswers400() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.get("/v1/customers?identifier=ann"), 400, "type:value");
            assertError(f.get("/v1/customers?identifier=" + q("email:")), 400, "type:value");
            assertError(f.get("/v1/customers?identifier=" + q(":x")), 400, "type:value");
            assertError(f.get("/v1/customers"), 400, "identifier");
        }
    }

    @Test
    void theTimelinePagesNewestFirstWithoutGapsOrRepeats() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Set<Long> posted = new HashSet<>();
            String[] channels = {"web", "email", "store", "call_centre", "app"};
            for (int k = 0; k < 25; k++) {
                // several records share a second, so the cursor must break ties by index
                String at = "2026-02-01T10:00:0" + (k % 3) + "Z";
                posted.add(post(f, record("src" + (k % 2), "r" + k, at, channels[k % channels.length], "email", "p@example.com"))
                        .get("index").asLong());
            }
            String id = f.okJson("/v1/customers?identifier=" + q("email:p@example.com")).get("customerId").asText();
            List<JsonNode> items = new ArrayList<>();
            String next = "/v1/customers/" + id + "/timeline?limit=7";
            int pages = 0;
            while (next != null) {
                JsonNode page = f.okJson(next);
                pages++;
                assertThat(page.get("total").asLong()).isEqualTo(25);
                assertThat(page.get("items").size()).isLessThanOrEqualTo(7);
                page.get("items").forEach(items::add);
                next = page.get("next").isNull() ? null : page.get("next").asText();
                assertThat(pages).as("pages followed").isLessThan(10);
            }
            assertThat(pages).isEqualTo(4);
            List<Long> indexes = new ArrayList<>();
            for (JsonNode i : items) indexes.add(i.get("index").asLong());
            assertThat(indexes).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
            for (int k = 1; k < items.size(); k++) {
                Instant before = Instant.parse(items.get(k - 1).get("occurredAt").asText());
                Instant now = Instant.parse(items.get(k).get("occurredAt").asText());
                assertThat(now).as("item %d is not newer than item %d", k, k - 1).isBeforeOrEqualTo(before);
                if (now.equals(before)) assertThat(indexes.get(k)).isLessThan(indexes.get(k - 1));
            }
            for (JsonNode i : items) {
                assertThat(i.get("channel").asText()).isIn((Object[]) channels);
                assertThat(i.get("identifiers").get(0).get("type").asText()).isEqualTo("email");
                assertThat(i.get("identifiers").get(0).get("value").asText()).isEqualTo("p@example.com");
                assertThat(i.get("erased").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void aMergedAwayIdAnswersTheSurvivorsTimelineWithMergedFrom() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "x@example.com"));
            post(f, record("crm", "2", "2026-01-02T00:00:00Z", "call_centre", "phone", "07700900999"));
            String a = f.okJson("/v1/customers?identifier=" + q("email:x@example.com")).get("customerId").asText();
            String b = f.okJson("/v1/customers?identifier=" + q("phone:07700900999")).get("customerId").asText();
            assertThat(a).isNotEqualTo(b);
            post(f, "{\"source\":\"crm\",\"sourceRecordId\":\"3\",\"occurredAt\":\"2026-01-03T00:00:00Z\",\"channel\":\"email\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"x@example.com\"},"
                    + "{\"type\":\"phone\",\"value\":\"07700900999\"}]}");
            String survivor = f.okJson("/v1/customers?identifier=" + q("email:x@example.com")).get("customerId").asText();
            assertThat(f.okJson("/v1/customers?identifier=" + q("phone:07700900999")).get("customerId").asText()).isEqualTo(survivor);
            String mergedAway = survivor.equals(a) ? b : a;

            JsonNode t = f.okJson("/v1/customers/" + mergedAway + "/timeline");
            assertThat(t.get("customerId").asText()).isEqualTo(survivor);
            assertThat(t.get("mergedFrom").asText()).isEqualTo(mergedAway);
            assertThat(t.get("total").asLong()).as("interactions").isEqualTo(3);
            // The three interactions and, newest, the merge itself as an identity decision entry.
            assertThat(t.get("items")).hasSize(4);
            assertThat(t.get("items").get(0).get("kind").asText()).isEqualTo("identity");
            assertThat(t.get("items").get(0).at("/decision/decision").asText()).isEqualTo("merged");
            assertThat(t.get("items").get(0).at("/decision/otherCustomerId").asText()).isEqualTo(mergedAway);
            assertThat(f.okJson("/v1/customers/" + survivor + "/timeline").has("mergedFrom")).isFalse();
        }
    }

    @Test
    void theIdentityResourceExplainsEachIdentifierAndTheMerge() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-01-01T00:00:00Z", "email", "email", "x@example.com"));
            post(f, record("crm", "2", "2026-01-02T00:00:00Z", "call_centre", "phone", "07700900999"));
            String b = f.okJson("/v1/customers?identifier=" + q("phone:07700900999")).get("customerId").asText();
            post(f, "{\"source\":\"crm\",\"sourceRecordId\":\"3\",\"occurredAt\":\"2026-01-03T00:00:00Z\",\"channel\":\"email\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"x@example.com\"},"
                    + "{\"type\":\"phone\",\"value\":\"07700900999\"}]}");
            JsonNode e = f.okJson("/v1/customers/" + b + "/identity");
            assertThat(e.get("mergedFrom").asText()).isEqualTo(b);
            assertThat(e.get("identifiers")).extracting(i -> i.get("type").asText() + ":" + i.get("value").asText() + "@" + i.get("linkedAt").asLong())
                    .containsExactly("email:x@example.com@0", "phone:447700900999@1");
            assertThat(e.get("identifiers").get(0).get("rule").asText()).startsWith("strong identifier");
            JsonNode merge = e.get("merges").get(0);
            assertThat(merge.get("absorbed").asText()).isEqualTo(b);
            assertThat(merge.get("sourceRecordId").asText()).isEqualTo("3");
            assertThat(merge.get("evidence")).extracting(JsonNode::asText).containsExactly("email:x@example.com", "phone:447700900999");
            assertThat(f.get("/v1/customers/cu_nobody/identity").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anUnknownCustomerIdAnswers404Json() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-03-01T09:00:00Z", "email", "email", "ann@example.com"));
            assertError(f.get("/v1/customers/cu_doesnotexist/timeline"), 404, "cu_doesnotexist");
        }
    }

    @Test
    void badTimelineParametersAnswer400() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            post(f, record("crm", "1", "2026-03-01T09:00:00Z", "email", "email", "ann@example.com"));
            String id = f.okJson("/v1/customers?identifier=" + q("email:ann@example.com")).get("customerId").asText();
            assertError(f.get("/v1/customers/" + id + "/timeline?limit=many"), 400, "limit");
            assertError(f.get("/v1/customers/" + id + "/timeline?cursor=nonsense"), 400, "cursor");
            assertError(f.get("/v1/customers/" + id + "/timeline?cursor=1.2.3"), 400, "cursor");
        }
    }
}
