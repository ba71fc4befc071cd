package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;

/** The Segment Spec over HTTP, as a Segment library sends it: write key as the Basic user, real server, real store. */
class SegmentApiTest {
    @TempDir Path dir;

    static final String BATCH = """
            {"batch": [
              {"type": "identify", "messageId": "m-1", "userId": "u-1", "anonymousId": "anon-1", "timestamp": "2026-03-01T09:00:00.000Z",
               "traits": {"email": "Ann.Lee@Example.com", "phone": "+44 20 7946 0958", "firstName": "Ann", "lastName": "Lee", "plan": "gold"},
               "context": {"library": {"name": "analytics-node", "version": "2.1.0"}}},
              {"type": "track", "messageId": "m-2", "userId": "u-1", "event": "Order Completed", "timestamp": "2026-03-01T09:05:00.000Z",
               "properties": {"order_id": "O-1", "revenue": 25.5, "products": [{"product_id": "SKU-1"}, {"sku": "SKU-2"}]},
               "context": {"channel": "browser", "page": {"url": "https://shop.example.com/checkout"}}},
              {"type": "page", "messageId": "m-3", "anonymousId": "anon-1", "name": "Pricing", "timestamp": "2026-03-01T08:55:00.000Z",
               "context": {"library": {"name": "analytics.js"}}},
              {"type": "screen", "messageId": "m-4", "userId": "u-1", "name": "Basket", "timestamp": "2026-03-01T09:01:00.000Z"}
            ], "sentAt": "2026-03-01T09:06:00.000Z"}
            """;

    private String writeKey(ServerFixture f, String name) { return new AccessTokens(f.dir).grant("node", name, null, null); }

    private static HttpResponse<String> post(ServerFixture f, String key, String call, String body) {
        String basic = Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        return f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/segment/v1/" + call)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchOfIdentifyTrackPageAndScreenBecomesInteractionsOfTheWriteKeysSource() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = post(f, writeKey(f, "website"), "batch", BATCH);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode n = json(r);
            assertThat(n.get("accepted").asInt()).as(r.body()).isEqualTo(4);
            assertThat(n.get("success").asBoolean()).isTrue();
            String customer = f.node.customers().findByIdentifier(new Identifier("customer_id", "u-1")).orElseThrow();
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", "ann.lee@example.com"))).contains(customer);
            JsonNode timeline = f.okJson("/v1/customers/" + customer + "/timeline?limit=10");
            StringBuilder types = new StringBuilder();
            for (JsonNode item : timeline.path("items"))
                if (item.path("kind").asText().equals("interaction"))
                    types.append(item.path("type").asText()).append(' ').append(item.path("channel").asText()).append(' ').append(item.path("source").asText()).append(';');
            assertThat(types.toString()).contains("purchase web website", "identify web website", "screen_view app website");
        }
    }

    @Test
    void theTrackEventKeepsItsPropertiesProductsAndClockCorrectedTime() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            JsonNode n = json(post(f, writeKey(f, "website"), "track", """
                    {"messageId": "t-1", "userId": "u-7", "event": "Order Completed", "originalTimestamp": "2026-03-01T09:00:00.000Z",
                     "sentAt": "2026-03-01T09:00:10.000Z", "properties": {"order_id": "O-9", "products": [{"product_id": "SKU-9"}]}}"""));
            assertThat(n.get("accepted").asInt()).as(n.toString()).isEqualTo(1);
            String customer = f.node.customers().findByIdentifier(new Identifier("customer_id", "u-7")).orElseThrow();
            JsonNode item = StandardEventsFixture.latestInteraction(f, customer);
            assertThat(item.path("products").toString()).contains("SKU-9");
            assertThat(item.path("attributes").path("properties/order_id").asText()).isEqualTo("O-9");
            // Sent 10 s after it happened by the client's clock: it happened 10 s before the node received it.
            Instant received = Instant.parse(item.path("attributes").path("receivedAt").asText());
            assertThat(Instant.parse(item.path("occurredAt").asText())).isEqualTo(received.minusSeconds(10));
        }
    }

    @Test
    void aRetriedMessageIdIsIngestedOnce() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String key = writeKey(f, "website");
            assertThat(json(post(f, key, "batch", BATCH)).get("accepted").asInt()).isEqualTo(4);
            long size = f.node.ledger().size();
            JsonNode again = json(post(f, key, "batch", BATCH.replace("09:06:00.000Z", "09:07:30.000Z")));
            assertThat(again.get("duplicates").asInt()).as(again.toString()).isEqualTo(4);
            assertThat(again.get("accepted").asInt()).isZero();
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void withoutAWriteKeyTheCallIsRefusedAndAnUnknownKeyToo() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> none = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/segment/v1/track"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertError(none, 401, "access token");
            assertError(post(f, "tl_not_a_key", "track", "{}"), 401, "unknown or revoked");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void aMessageOutsideTheSpecIsRefusedNamingTheFieldAndKeptAsADeadLetter() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            JsonNode n = json(post(f, writeKey(f, "website"), "batch", """
                    {"batch": [{"type": "track", "messageId": "bad-1", "userId": {"id": 1}, "event": "Signed Up"},
                               {"type": "track", "messageId": "bad-2", "anonymousId": "a-2"},
                               {"type": "identify", "messageId": "bad-3", "userId": "u-3", "timestamp": "yesterday"}]}"""));
            assertThat(n.get("rejected").asInt()).as(n.toString()).isEqualTo(3);
            assertThat(n.get("success").asBoolean()).isFalse();
            assertThat(n.at("/results/0/problems/0/field").asText()).isEqualTo("/userId");
            assertThat(n.at("/results/0/problems/0/record").asText()).isEqualTo("batch[0]");
            assertThat(n.at("/results/1/problems/0/field").asText()).isEqualTo("event");
            assertThat(n.at("/results/2/problems").toString()).contains("timestamp");
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(3);
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void aBodyThatIsNotABatchIsABadRequest() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(post(f, writeKey(f, "website"), "batch", "{\"messages\": []}"), 400, "batch");
            assertError(post(f, writeKey(f, "website"), "follow", "{}"), 400, "not a Segment call");
        }
    }

    @Test
    void aliasMergesTheTwoIdsWhenTheIdentityRulesAllowIt() throws Exception {
        Files.writeString(dir.resolve("identity-rules.yaml"), "strong: { account: 1, customer_id: 2, crm_id: 1, email: 5, loyalty_card: 3, phone: 5 }\n");
        try (ServerFixture f = new ServerFixture(dir)) {
            String key = writeKey(f, "website");
            identifyTwoPeopleThenAlias(f, key);
            Optional<String> first = f.node.customers().findByIdentifier(new Identifier("customer_id", "old-1")).flatMap(f.node.customers()::current);
            Optional<String> second = f.node.customers().findByIdentifier(new Identifier("customer_id", "new-1")).flatMap(f.node.customers()::current);
            assertThat(first).isPresent().isEqualTo(second);
        }
    }

    @Test
    void aliasDoesNotForceAMergeTheIdentityRulesRefuse() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {   // default rules: one customer_id a customer
            String key = writeKey(f, "website");
            identifyTwoPeopleThenAlias(f, key);
            String first = f.node.customers().findByIdentifier(new Identifier("customer_id", "old-1")).flatMap(f.node.customers()::current).orElseThrow();
            String second = f.node.customers().findByIdentifier(new Identifier("customer_id", "new-1")).flatMap(f.node.customers()::current).orElseThrow();
            assertThat(first).isNotEqualTo(second);
            assertThat(f.okJson("/v1/customers/" + second + "/identity").toString()).contains("merge-refused");
        }
    }

    private static void identifyTwoPeopleThenAlias(ServerFixture f, String key) {
        assertThat(json(post(f, key, "identify", "{\"messageId\": \"i-1\", \"userId\": \"old-1\", \"traits\": {\"email\": \"x@example.com\"}}"))
                .get("accepted").asInt()).isEqualTo(1);
        assertThat(json(post(f, key, "identify", "{\"messageId\": \"i-2\", \"userId\": \"new-1\", \"traits\": {\"email\": \"y@example.com\"}}"))
                .get("accepted").asInt()).isEqualTo(1);
        JsonNode alias = json(post(f, key, "alias", "{\"messageId\": \"a-1\", \"previousId\": \"old-1\", \"userId\": \"new-1\"}"));
        assertThat(alias.get("accepted").asInt()).as(alias.toString()).isEqualTo(1);
    }

    @Test
    void groupMakesTheOrganisationACustomerWithThePersonAsItsMember() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String key = writeKey(f, "website");
            String group = "{\"messageId\": \"g-1\", \"userId\": \"u-9\", \"groupId\": \"ACME-1\", \"traits\": {\"name\": \"Acme Ltd\", \"industry\": \"Retail\"}}";
            assertThat(json(post(f, key, "group", group)).get("accepted").asInt()).isEqualTo(1);
            String person = f.node.customers().findByIdentifier(new Identifier("customer_id", "u-9")).orElseThrow();
            String organisation = f.node.customers().findByIdentifier(new Identifier("account", "ACME-1")).orElseThrow();
            assertThat(organisation).isNotEqualTo(person);
            assertThat(f.node.customers().relationships(person)).anySatisfy(r -> {
                assertThat(r.type()).isEqualTo("employee");
                assertThat(r.to()).isEqualTo(organisation);
            });
            assertThat(f.okJson("/v1/customers/" + organisation + "/organisation").toString()).contains(person);
            // The same group call again changes nothing: no second relationship.
            assertThat(json(post(f, key, "group", group)).get("duplicates").asInt()).isEqualTo(1);
            assertThat(f.node.customers().relationships(person)).hasSize(1);
        }
    }
}
