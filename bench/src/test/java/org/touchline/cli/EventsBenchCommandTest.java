package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code touchline bench events} at a small size: every form's events all accepted, a rate and a ratio each, webhooks also against single records. */
class EventsBenchCommandTest {
    @TempDir Path dir;

    @Test
    void postsTheSameEventsInEveryFormAndReportsEachRateAgainstNdjson() {
        CommandRun run = CommandRun.of("bench", "events", "--events", "600", "--customers", "50", "--batch", "100", "--webhook-clients", "4",
                "--work-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("ndjson\\s+600 accepted in .* events/s, 1\\.00 of NDJSON")
                .containsPattern("segment\\s+600 accepted")
                .containsPattern("cloudevents\\s+600 accepted")
                .containsPattern("ndjson-one\\s+600 accepted")
                .containsPattern("webhook\\s+600 accepted in .* of NDJSON, \\d\\.\\d\\d of NDJSON one a request")
                .containsPattern("webhook-intake\\s+600 accepted in .* of NDJSON, \\d\\.\\d\\d of NDJSON one a request")
                .containsPattern("\\| segment \\| 100 events each, 4 clients \\| [\\d,]+ \\| \\d\\.\\d\\d \\|\\s+\\|");
    }
}
