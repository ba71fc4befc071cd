package org.touchline.ingest.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.touchline.ingest.MappingException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HMAC-SHA256 schemes platforms sign webhooks with: a signature verifies only over the exact bytes signed. */
class WebhookSignatureTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    static WebhookSource source(String scheme) {
        return new WebhookSource("hd", Path.of("hd.yaml"), null, Signature.PRESETS.get(scheme), SECRET, WebhookSource.Acknowledge.LEDGER);
    }

    static LongStream seeds() { return LongStream.range(1, 21); }

    /** Random bytes as a body: a signature made over them verifies, and flipping any one byte makes it fail. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aSignatureVerifiesOverItsBodyAndFailsWhenAnyByteChanges(long seed) {
        Random rnd = new Random(seed);
        byte[] body = new byte[1 + rnd.nextInt(2000)];
        rnd.nextBytes(body);
        String ts = NOW.minusSeconds(rnd.nextInt(200)).toString();
        Map<String, String> h = new HashMap<>();
        h.put("X-Zendesk-Webhook-Signature-Timestamp", ts);
        byte[] signed = (ts + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        h.put("X-Zendesk-Webhook-Signature", Base64.getEncoder().encodeToString(WebhookPayloads.hmac(SECRET, signed)));
        assertThatCode(() -> WebhookPayloads.verify(source("zendesk"), h::get, body, NOW)).doesNotThrowAnyException();
        byte[] tampered = body.clone();
        tampered[rnd.nextInt(tampered.length)] ^= (byte) (1 + rnd.nextInt(255));
        assertThatThrownBy(() -> WebhookPayloads.verify(source("zendesk"), h::get, tampered, NOW))
                .isInstanceOf(WebhookPayloads.Unsigned.class).hasMessageContaining("does not match");
    }

    @Test
    void aHubSignatureIsHexAfterItsPrefix() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(WebhookPayloads.hmac(SECRET, body));
        assertThatCode(() -> WebhookPayloads.verify(source("hub-sha256"), Map.of("X-Hub-Signature-256", "sha256=" + hex)::get, body, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookPayloads.verify(source("hub-sha256"), Map.of("X-Hub-Signature-256", hex)::get, body, NOW))
                .isInstanceOf(WebhookPayloads.Unsigned.class);
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedAsAReplay() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(NOW.minusSeconds(301).getEpochSecond());
        String sig = Base64.getEncoder().encodeToString(WebhookPayloads.hmac(SECRET, ("id-1." + ts + ".{}").getBytes(StandardCharsets.UTF_8)));
        Map<String, String> h = Map.of("webhook-id", "id-1", "webhook-timestamp", ts, "webhook-signature", "v1," + sig);
        assertThatThrownBy(() -> WebhookPayloads.verify(source("standard-webhooks"), h::get, body, NOW))
                .isInstanceOf(WebhookPayloads.Unsigned.class).hasMessageContaining("replay");
        assertThatCode(() -> WebhookPayloads.verify(source("standard-webhooks"), h::get, body, NOW.minusSeconds(10))).doesNotThrowAnyException();
    }

    @Test
    void aMistakeInEventsYamlNamesTheFileTheKeyAndTheReason() throws Exception {
        Path dir = Files.createTempDirectory("events");
        Files.writeString(dir.resolve("events.yaml"), "webhooks:\n  helpdesk:\n    mapping: m.yaml\n    secret: x\n    signature: zendesk\n    secrett: y\n");
        assertThatThrownBy(() -> EventSources.in(dir, n -> null)).isInstanceOf(MappingException.class)
                .hasMessageContaining("events.yaml").hasMessageContaining("webhooks.helpdesk.secrett").hasMessageContaining("not a key here");
        Files.writeString(dir.resolve("events.yaml"), "webhooks:\n  helpdesk:\n    mapping: m.yaml\n    secretEnv: NOT_SET\n    signature: zendesk\n");
        Files.writeString(dir.resolve("m.yaml"), "source: hd\nformat: jsonl\nrecordId: /id\noccurredAt: { field: /at }\nchannel: { value: ticket }\n"
                + "type: { value: ticket }\nidentifiers: [ { type: email, field: /email } ]\n");
        assertThatThrownBy(() -> EventSources.in(dir, n -> null)).isInstanceOf(MappingException.class)
                .hasMessageContaining("webhooks.helpdesk.secretEnv").hasMessageContaining("NOT_SET");
        Files.writeString(dir.resolve("events.yaml"), "segment:\n  website: { channel: pigeon }\n");
        assertThatThrownBy(() -> EventSources.in(dir, n -> null)).hasMessageContaining("segment.website.channel").hasMessageContaining("pigeon");
    }

    @Test
    void aWebhookSourceIsAcknowledgedOnTheLedgerUnlessItAsksForTheIntake() throws Exception {
        Path dir = Files.createTempDirectory("events");
        Files.writeString(dir.resolve("m.yaml"), "source: hd\nformat: jsonl\nrecordId: /id\noccurredAt: { field: /at }\nchannel: { value: ticket }\n"
                + "type: { value: ticket }\nidentifiers: [ { type: email, field: /email } ]\n");
        String source = "webhooks:\n  helpdesk:\n    mapping: m.yaml\n    secret: x\n    signature: zendesk\n";
        Files.writeString(dir.resolve("events.yaml"), source);
        assertThat(EventSources.in(dir, n -> null).webhook("helpdesk").orElseThrow().acknowledge()).isEqualTo(WebhookSource.Acknowledge.LEDGER);
        Files.writeString(dir.resolve("events.yaml"), source + "    acknowledge: intake\n");
        assertThat(EventSources.in(dir, n -> null).webhook("helpdesk").orElseThrow().acknowledge()).isEqualTo(WebhookSource.Acknowledge.INTAKE);
        Files.writeString(dir.resolve("events.yaml"), source + "    acknowledge: soon\n");
        assertThatThrownBy(() -> EventSources.in(dir, n -> null)).isInstanceOf(MappingException.class)
                .hasMessageContaining("webhooks.helpdesk.acknowledge").hasMessageContaining("'soon' must be ledger");
    }
}
