package org.touchline.ledger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint's text comes from other logs and witnesses: {@link Checkpoint#parse} either returns a checkpoint whose
 * {@link Checkpoint#body()} is the text it was given (the format is strict, so there is one spelling), or refuses it with
 * an IllegalArgumentException that says why. Plain {@code mvn verify} replays the inputs under
 * {@code CheckpointFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md, "Fuzzing").
 */
class CheckpointFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void parsesToTheSameTextOrRefuses(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        Checkpoint c;
        try {
            c = Checkpoint.parse(body);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(c.body()).isEqualTo(body);
        assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
    }
}
