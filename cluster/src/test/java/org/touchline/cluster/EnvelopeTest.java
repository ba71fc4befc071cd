package org.touchline.cluster;

import org.junit.jupiter.api.Test;
import org.touchline.node.command.Write;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ordered message: what it carries survives the topic, and a wrong one is refused naming the field. */
class EnvelopeTest {
    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anEnvelopeCarriesOneSaltPerLineAndTheAcceptanceTimeThroughItsEncoding() {
        Envelope e = Envelope.accept("note", "{}\n{}\n", AT, "node-a");
        assertThat(e.salts()).hasSize(3);
        Envelope back = Envelope.decode(e.encode());
        assertThat(back.acceptedAt()).isEqualTo(AT);
        assertThat(back.via()).isEqualTo("node-a");
        assertThat(back.saltOf("line 2")).isEqualTo(e.saltOf("line 2"));
        assertThat(back.saltOf("line 1")).isNotEqualTo(back.saltOf("line 2"));
    }

    @Test
    void aLineWithoutASaltIsRefused() {
        Envelope e = Envelope.accept("note", "{}", AT, "node-a");
        assertThatThrownBy(() -> e.saltOf("line 2")).hasMessage("the envelope carries no salt for line 2");
    }

    @Test
    void aBatchMessageWrittenBeforeMessagesHadAKindIsStillReadAsABatch() {
        String old = "{\"v\":1,\"note\":\"n\",\"records\":\"{}\",\"acceptedAt\":\"2026-03-01T12:00:00Z\",\"via\":\"a\",\"salts\":[\"AAAAAAAAAAAAAAAAAAAAAA==\"]}";
        Envelope e = Envelope.decode(old.getBytes(StandardCharsets.UTF_8));
        assertThat(e.records()).isEqualTo("{}");
        assertThat(Envelope.kindOf(Envelope.read(Envelope.accept("n", "{}", AT, "a").encode()))).isEqualTo("batch");
    }

    @Test
    void aWriteEnvelopeCarriesTheWriteItsSaltAndTheAcceptanceTimeThroughItsEncoding() {
        Write consent = Write.of(Write.CONSENT, "customer", "cu_1", "purpose", "marketing", "state", "granted", "channel", "web", "reason", null);
        WriteEnvelope e = WriteEnvelope.accept(consent, AT, "node-a");
        WriteEnvelope back = WriteEnvelope.decode(e.encode());
        assertThat(back.write()).isEqualTo(consent);
        assertThat(back.write().fields()).doesNotContainKey("reason");
        assertThat(back.salt()).isEqualTo(e.salt()).hasSize(16);
        assertThat(back.acceptedAt()).isEqualTo(AT);
        assertThat(back.via()).isEqualTo("node-a");
        assertThatThrownBy(() -> Envelope.decode(e.encode())).hasMessage("field 'kind': 'write' is not a message kind this node knows");
    }

    @Test
    void aWrongWriteMessageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> WriteEnvelope.decode("{\"v\":1,\"kind\":\"write\",\"write\":\"consent\",\"fields\":{\"customer\":1}}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'fields.customer': not a string");
        assertThatThrownBy(() -> WriteEnvelope.decode("{\"v\":1,\"kind\":\"write\",\"write\":\"consent\",\"fields\":{},\"salt\":\"AAAA\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'salt': not 16 bytes");
    }

    @Test
    void aWrongMessageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Envelope.decode("[1]".getBytes(StandardCharsets.UTF_8))).hasMessage("the message is not a JSON object");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":1,\"note\":\"n\",\"records\":\"r\",\"via\":\"a\",\"acceptedAt\":\"yesterday\",\"salts\":[]}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'acceptedAt': not an RFC 3339 time");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":1,\"note\":\"n\",\"records\":\"r\",\"via\":\"a\",\"acceptedAt\":\"2026-03-01T12:00:00Z\",\"salts\":[\"AAAA\"]}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'salts[0]': not 16 bytes");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":2}".getBytes(StandardCharsets.UTF_8))).hasMessage("field 'v': unknown envelope version 2");
    }
}
