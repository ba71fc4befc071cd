package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;

/** Help-desk and messaging webhooks over real HTTP, signed with HMAC-SHA256 as the platforms sign them, no access token. */
class WebhooksApiTest {
    @TempDir Path dir;

    /** A help-desk ticket event as the shipped mapping (examples/events/helpdesk-ticket.yaml) reads it. */
    static String ticket(String eventId, String event, String status) {
        return """
                {"event_id": "%s", "event": "%s",
                 "ticket": {"id": 35436, "subject": "Router keeps dropping", "status": "%s", "priority": "high",
                            "created_at": "2026-03-01T09:00:00Z", "updated_at": "2026-03-01T09:30:00Z", "assignee_id": "agent-7",
                            "requester": {"email": "ann.lee@example.com", "phone": "+44 20 7946 0958", "name": "Ann Lee"},
                            "tags": ["broadband", "wifi"], "latest_comment": "Still dropping every evening."}}"""
                .formatted(eventId, event, status);
    }

    static String hmac(byte[] key, String message, boolean base64) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] sig = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        return base64 ? Base64.getEncoder().encodeToString(sig) : HexFormat.of().formatHex(sig);
    }

    /** Posted as Zendesk posts: base64 HMAC-SHA256 of timestamp + body, the timestamp in its own header. */
    static HttpResponse<String> zendesk(ServerFixture f, String body, Instant at, String secret) throws Exception {
        String ts = at.toString();
        return f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/webhooks/helpdesk")).header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature", hmac(secret.getBytes(StandardCharsets.UTF_8), ts + body, true))
                .header("X-Zendesk-Webhook-Signature-Timestamp", ts).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedHelpDeskTicketEventBecomesATicketInteraction() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            HttpResponse<String> r = zendesk(f, ticket("evt-100", "ticket.created", "new"), Instant.now(), StandardEventsFixture.HELPDESK_SECRET);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String c = f.node.customers().findByIdentifier(new Identifier("email", "ann.lee@example.com")).orElseThrow();
            JsonNode i = StandardEventsFixture.latestInteraction(f, c);
            assertThat(i.path("source").asText()).isEqualTo("helpdesk");
            assertThat(i.path("channel").asText()).isEqualTo("ticket");
            assertThat(i.path("type").asText()).isEqualTo("ticket_opened");
            assertThat(i.path("agentId").asText()).isEqualTo("agent-7");
            assertThat(i.path("text").asText()).isEqualTo("Still dropping every evening.");
            assertThat(i.path("attributes").path("ticket/priority").asText()).isEqualTo("high");
        }
    }

    @Test
    void aRetriedDeliveryIsIngestedOnce() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String body = ticket("evt-101", "ticket.solved", "solved");
            assertThat(zendesk(f, body, Instant.now(), StandardEventsFixture.HELPDESK_SECRET).statusCode()).isEqualTo(201);
            HttpResponse<String> again = zendesk(f, body, Instant.now(), StandardEventsFixture.HELPDESK_SECRET);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void aWrongSignatureIsRefusedAndNothingIsKept() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(zendesk(f, ticket("evt-102", "ticket.created", "new"), Instant.now(), "another-secret"), 401, "does not match");
            HttpResponse<String> unsigned = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/webhooks/helpdesk"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ticket("evt-103", "ticket.created", "new"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(unsigned, 401, "X-Zendesk-Webhook-Signature");
            assertThat(f.node.ledger().size()).isZero();
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isZero();
        }
    }

    @Test
    void anAlteredBodyUnderAValidSignatureIsRefused() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String body = ticket("evt-104", "ticket.created", "new"), ts = Instant.now().toString();
            String sig = hmac(StandardEventsFixture.HELPDESK_SECRET.getBytes(StandardCharsets.UTF_8), ts + body, true);
            HttpResponse<String> r = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/webhooks/helpdesk")).header("Content-Type", "application/json")
                    .header("X-Zendesk-Webhook-Signature", sig).header("X-Zendesk-Webhook-Signature-Timestamp", ts)
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace("ann.lee", "mallory"))).build(), HttpResponse.BodyHandlers.ofString());
            assertError(r, 401, "does not match");
        }
    }

    @Test
    void anOldSignedRequestReplayedIsRefused() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(zendesk(f, ticket("evt-105", "ticket.created", "new"), Instant.now().minusSeconds(3600), StandardEventsFixture.HELPDESK_SECRET),
                    401, "replay");
            assertThat(f.node.ledger().size()).isZero();
        }
    }

    @Test
    void aSignedPayloadTheMappingRefusesGoesToTheDeadLettersNamingTheField() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String bad = ticket("evt-106", "ticket.created", "new").replace("2026-03-01T09:30:00Z", "half past nine");
            HttpResponse<String> r = zendesk(f, bad, Instant.now(), StandardEventsFixture.HELPDESK_SECRET);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            JsonNode p = json(r).at("/problems/0");
            assertThat(p.path("record").asText()).isEqualTo("helpdesk webhook");
            assertThat(p.path("field").asText()).isEqualTo("/ticket/updated_at");
            assertThat(p.path("reason").asText()).contains("half past nine");
            assertThat(f.node.deadLetters().count(DeadLetter.OPEN)).isEqualTo(1);
            // Corrected at the source, the dead letter is mapped again by the same mapping.
            long id = f.node.deadLetters().list(DeadLetter.OPEN, 0, 10).get(0).id();
            String fixed = f.node.deadLetters().get(id).orElseThrow().raw().replace("half past nine", "2026-03-01T09:30:00Z");
            HttpResponse<String> resubmitted = f.postJson("/v1/dead-letters/" + id + "/resubmit",
                    ServerFixture.JSON.createObjectNode().put("raw", fixed).toString());
            assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(200);
            assertThat(f.node.ledger().size()).isEqualTo(1);
        }
    }

    @Test
    void aFormEncodedMessageStatusSignedAsStandardWebhooksIsRecordedPerStatus() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            String sent = "MessageSid=SM5f1e&MessageStatus=sent&To=whatsapp%3A%2B447700900123&From=whatsapp%3A%2B441234567890&AccountSid=AC11&ApiVersion=2010-04-01";
            String delivered = sent.replace("MessageStatus=sent", "MessageStatus=delivered");
            assertThat(sms(f, "msg_1", sent).statusCode()).isEqualTo(201);
            HttpResponse<String> r = sms(f, "msg_2", delivered);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(sms(f, "msg_2", delivered).statusCode()).as("a retried delivery").isEqualTo(200);
            String c = f.node.customers().findByIdentifier(new Identifier("phone", "+447700900123")).orElseThrow();
            JsonNode items = f.okJson("/v1/customers/" + c + "/timeline?limit=5").path("items");
            assertThat(items.size()).isEqualTo(2);
            assertThat(items.toString()).contains("message_delivered", "message_sent", "SM5f1e");
        }
    }

    private static HttpResponse<String> sms(ServerFixture f, String id, String body) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String sig = "v1," + hmac(StandardEventsFixture.SMS_SECRET_BYTES.getBytes(StandardCharsets.UTF_8), id + "." + ts + "." + body, true);
        return f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/webhooks/sms")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("webhook-id", id).header("webhook-timestamp", ts).header("webhook-signature", "v1,bm9wZQ== " + sig)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownWebhookSourceIsNotFound() throws Exception {
        StandardEventsFixture.write(dir);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/webhooks/nobody")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()), 404, "nobody");
        }
    }
}
