package org.touchline.cluster;

import org.junit.jupiter.api.Test;

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
    void aWrongMessageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Envelope.decode("[1]".getBytes(StandardCharsets.UTF_8))).hasMessage("the message is not a JSON object");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":1,\"note\":\"n\",\"records\":\"r\",\"via\":\"a\",\"acceptedAt\":\"yesterday\",\"salts\":[]}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'acceptedAt': not an RFC 3339 time");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":1,\"note\":\"n\",\"records\":\"r\",\"via\":\"a\",\"acceptedAt\":\"2026-03-01T12:00:00Z\",\"salts\":[\"AAAA\"]}"
                .getBytes(StandardCharsets.UTF_8))).hasMessage("field 'salts[0]': not 16 bytes");
        assertThatThrownBy(() -> Envelope.decode("{\"v\":2}".getBytes(StandardCharsets.UTF_8))).hasMessage("field 'v': unknown envelope version 2");
    }
}
