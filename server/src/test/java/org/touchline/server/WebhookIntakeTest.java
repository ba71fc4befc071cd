package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.DeadLetter;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.events.ReceivedEvent;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.json;
import static org.touchline.server.WebhooksApiTest.ticket;
import static org.touchline.server.WebhooksApiTest.zendesk;

/**
 * Webhooks acknowledged on intake (docs/events.md, "Acknowledgement") over real HTTP and a real SQLite spool: answered
 * once queued, appended by the ledger after, once, across a restart.
 */
class WebhookIntakeTest {
    @TempDir Path dir;

    @Test
    void aSourceAcknowledgedOnIntakeIsAnswered202AndTheLedgerThenAppendsTheEvent() throws Exception {
        StandardEventsFixture.write(dir, "intake");
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = zendesk(f, ticket("evt-200", "ticket.created", "new"), Instant.now(), StandardEventsFixture.HELPDESK_SECRET);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(json(r).path("status").asText()).isEqualTo("queued");
            assertThat(json(r).path("receipt").asLong()).isPositive();
            awaitTrue(() -> f.node.ledger().size() == 1);
            String c = f.node.customers().findByIdentifier(new Identifier("email", "ann.lee@example.com")).orElseThrow();
            JsonNode i = StandardEventsFixture.latestInteraction(f, c);
            assertThat(i.path("type").asText()).isEqualTo("ticket_opened");
            assertThat(i.path("id").asText()).isEqualTo(json(r).path("id").asText());
        }
    }

    @Test
    void aRetriedDeliveryOnIntakeIsAppendedOnce() throws Exception {
        StandardEventsFixture.write(dir, "intake");
        try (ServerFixture f = new ServerFixture(dir)) {
            String body = ticket("evt-201", "ticket.solved", "solved");
            assertThat(zendesk(f, body, Instant.now(), StandardEventsFixture.HELPDESK_SECRET).statusCode()).isEqualTo(202);
            assertThat(zendesk(f, body, Instant.now(), StandardEventsFixture.HELPDESK_SECRET).statusCode()).isEqualTo(202);
            awaitTrue(() -> f.okJson("/v1/webhooks:intake").path("duplicates").asLong() == 1);
            JsonNode counts = f.okJson("/v1/webhooks:intake");
            assertThat(counts.path("enabled").asBoolean()).isTrue();
            assertThat(counts.path("appended").asLong()).isEqualTo(1);
            assertThat(counts.path("waiting").asLong()).isZero();
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void aPayloadTheMappingRefusesIsAnswered422AtOnceOnIntakeToo() throws Exception {
        StandardEventsFixture.write(dir, "intake");
        try (ServerFixture f = new ServerFixture(dir)) {
            String bad = ticket("evt-202", "ticket.created", "new").replace("2026-03-01T09:30:00Z", "half past nine");
            HttpResponse<String> r = zendesk(f, bad, Instant.now(), StandardEventsFixture.HELPDESK_SECRET);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(json(r).at("/problems/0/field").asText()).isEqualTo("/ticket/updated_at");
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(1);
            assertThat(f.okJson("/v1/webhooks:intake").path("waiting").asLong()).isZero();
        }
    }

    @Test
    void eventsStillQueuedWhenTheNodeStoppedAreAppendedOnceAtTheNextStart() throws Exception {
        StandardEventsFixture.write(dir, "intake");
        // What a node that stopped between appending the first event and forgetting it leaves: both still queued.
        ReceivedEvent first = event("q-1", "kim@example.com"), second = event("q-2", "lee@example.com");
        try (WebhookSpool spool = new WebhookSpool(dir)) {
            spool.queue(List.of("helpdesk", "helpdesk", "helpdesk"), List.of(first, second, first));
        }
        try (ServerFixture f = new ServerFixture(dir)) {
            awaitTrue(() -> f.okJson("/v1/webhooks:intake").path("waiting").asLong() == 0);
            assertThat(f.node.ledger().size()).isEqualTo(2);
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", "kim@example.com"))).isPresent();
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", "lee@example.com"))).isPresent();
            assertThat(f.okJson("/v1/webhooks:intake").path("duplicates").asLong()).isEqualTo(1);
        }
    }

    @Test
    void theSpoolKeepsTheWebhookAnEventCameInByApartFromTheEventsOwnSource() throws Exception {
        try (WebhookSpool spool = new WebhookSpool(dir)) {
            spool.queue(List.of("helpdesk-eu"), List.of(event("q-3", "kim@example.com")));
            WebhookSpool.Queued q = spool.oldest(10).get(0);
            assertThat(q.webhook()).isEqualTo("helpdesk-eu");
            assertThat(q.event().source()).isEqualTo("helpdesk");
            assertThat(q.event().origin()).isEqualTo("mapping:test");
        }
    }

    @Test
    void aNodeWithNoSourceOnIntakeSaysSo() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.okJson("/v1/webhooks:intake").path("enabled").asBoolean()).isFalse();
            assertThat(zendesk(f, ticket("evt-203", "ticket.created", "new"), Instant.now(), StandardEventsFixture.HELPDESK_SECRET).statusCode()).isEqualTo(201);
        }
    }

    private static ReceivedEvent event(String id, String email) throws Exception {
        String line = "{\"source\":\"helpdesk\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-03-01T09:30:00Z\",\"channel\":\"ticket\","
                + "\"type\":\"ticket_opened\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}]}";
        return new ReceivedEvent(new MappedRecord.Accepted("helpdesk webhook", InteractionJson.parse("helpdesk webhook", line)), "mapping:test", "helpdesk");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not true within 20 s");
            Thread.sleep(20);
        }
    }
}
