package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;

/** CloudEvents 1.0 over real HTTP in structured, batched and binary mode, mapped by the type's source mapping. */
class CloudEventsApiTest {
    @TempDir Path dir;

    static String event(String id, String email) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/shop/orders", "type": "com.example.order.placed", "time": "2026-03-01T09:30:00Z",
                 "datacontenttype": "application/json", "data": {"channel": "app", "customer": {"email": "%s", "id": "C-1"}, "items": ["SKU-1", "SKU-2"], "total": 12.5}}"""
                .formatted(id, email);
    }

    @Test
    void aStructuredEventIsMappedByItsTypesMapping() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.post("/v1/cloudevents", event("evt-1", "ann@example.com"), "application/cloudevents+json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String c = f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
            JsonNode i = StandardEventsFixture.latestInteraction(f, c);
            assertThat(i.path("source").asText()).isEqualTo("shop-events");
            assertThat(i.path("sourceRecordId").asText()).isEqualTo("evt-1");
            assertThat(i.path("channel").asText()).isEqualTo("app");
            assertThat(i.path("type").asText()).isEqualTo("purchase");
            assertThat(i.path("products").toString()).contains("SKU-1", "SKU-2");
            assertThat(i.path("attributes").path("data/total").asText()).isEqualTo("12.5");
        }
    }

    @Test
    void theSameEventIdAgainIsIngestedOnce() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.post("/v1/cloudevents", event("evt-1", "ann@example.com"), "application/cloudevents+json").statusCode()).isEqualTo(201);
            HttpResponse<String> again = f.post("/v1/cloudevents", event("evt-1", "ann@example.com"), "application/cloudevents+json");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json(again).get("status").asText()).isEqualTo("duplicate");
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void aBatchIsMappedEventByEvent() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String batch = "[" + event("b-1", "a@example.com") + "," + event("b-2", "b@example.com") + ","
                    + event("b-3", "c@example.com").replace("com.example.order.placed", "com.example.unknown") + "]";
            HttpResponse<String> r = f.post("/v1/cloudevents", batch, "application/cloudevents-batch+json");
            JsonNode n = json(r);
            assertThat(n.get("accepted").asInt()).as(r.body()).isEqualTo(2);
            assertThat(n.at("/results/2/problems/0/field").asText()).isEqualTo("type");
            assertThat(n.at("/results/2/problems/0/reason").asText()).contains("com.example.unknown", "no source mapping");
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(1);
        }
    }

    @Test
    void aBinaryModeEventCarriesItsAttributesInHeaders() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.send(f.request("/v1/cloudevents").header("Content-Type", "application/json")
                    .header("ce-specversion", "1.0").header("ce-id", "bin-1").header("ce-source", "/shop/orders")
                    .header("ce-type", "com.example.order.placed").header("ce-time", "2026-03-02T10:00:00Z")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer\": {\"email\": \"bin@example.com\"}, \"items\": [\"SKU-3\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String c = f.node.customers().findByIdentifier(new Identifier("email", "bin@example.com")).orElseThrow();
            JsonNode i = StandardEventsFixture.latestInteraction(f, c);
            assertThat(i.path("sourceRecordId").asText()).isEqualTo("bin-1");
            assertThat(i.path("occurredAt").asText()).isEqualTo("2026-03-02T10:00:00Z");
            assertThat(i.path("channel").asText()).isEqualTo("web");   // the mapping's default: no data/channel
        }
    }

    @Test
    void aBinaryEventWithoutARequiredAttributeIsRefusedNamingTheHeader() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = f.send(f.request("/v1/cloudevents").header("Content-Type", "application/json")
                    .header("ce-specversion", "1.0").header("ce-id", "bin-2").header("ce-type", "com.example.order.placed")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(json(r).at("/problems/0/field").asText()).isEqualTo("ce-source");
        }
    }

    @Test
    void aStructuredEventMissingARequiredAttributeIsRefusedNamingIt() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String noSource = event("evt-9", "ann@example.com").replace("\"source\": \"/shop/orders\", ", "");
            HttpResponse<String> r = f.post("/v1/cloudevents", noSource, "application/cloudevents+json");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode p = json(r).at("/problems/0");
            assertThat(p.path("field").asText()).isEqualTo("/source");
            assertThat(p.path("record").asText()).isEqualTo("event evt-9");
            HttpResponse<String> oldVersion = f.post("/v1/cloudevents", event("evt-8", "a@example.com").replace("\"1.0\"", "\"0.3\""),
                    "application/cloudevents+json");
            assertThat(json(oldVersion).at("/problems/0/field").asText()).isEqualTo("/specversion");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.post("/v1/cloudevents", "{not json", "application/cloudevents+json"), 400, "not valid JSON");
        }
    }
}
