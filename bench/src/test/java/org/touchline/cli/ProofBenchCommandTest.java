package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code touchline bench proofs} at a small size: both readers timed on SQLite, a table row each. */
class ProofBenchCommandTest {
    @TempDir Path dir;

    @Test
    void timesProofsWithOneQueryPerTileAndOnePerProofOnTheSameLog() {
        CommandRun run = CommandRun.of("bench", "proofs", "--entries", "70000", "--samples", "200",
                "--postgresql", "none", "--work-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\| SQLite, 70,000 entries \\| one query per tile \\(before\\) \\| [\\d.]+ \\| [\\d.]+ \\| 1\\.00 \\|")
                .containsPattern("\\| SQLite, 70,000 entries \\| one query per proof \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\|");
    }
}
