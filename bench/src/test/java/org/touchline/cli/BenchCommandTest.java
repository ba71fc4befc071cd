package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code touchline bench} at a small size: the warm-up runs both paths on a scratch node, which is then gone. */
class BenchCommandTest {
    @TempDir Path dir;

    @Test
    void warmsBothPathsOnAScratchNodeBeforeTimingThem() {
        CommandRun run = CommandRun.of("bench", "--interactions", "3000", "--warmup", "2000", "--samples", "100",
                "--contracts", "0", "--work-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("warm-up, not counted: 2,000 interactions through the full path at [\\d,]+/s, then their rows by the baseline at [\\d,]+/s")
                .contains("| warm-up before timing (both paths, scratch node) | 2,000 interactions |")
                .containsPattern("full path \\(metrics on, as served\\): 3,000 accepted")
                .containsPattern("\\| full path / baseline \\| [\\d.]+ \\|");
        assertThat(Files.exists(dir.resolve("node-warmup"))).as("the scratch node is deleted").isFalse();
        assertThat(Files.exists(dir.resolve("warmup-2000.ndjson"))).isFalse();
    }

    @Test
    void timesAColdJvmWithNoWarmUp() {
        CommandRun run = CommandRun.of("bench", "--interactions", "2000", "--warmup", "0", "--samples", "100",
                "--contracts", "0", "--work-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("warm-up, not counted")
                .contains("| warm-up before timing (both paths, scratch node) | none: a cold JVM |");
    }
}
