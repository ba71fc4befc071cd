package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code touchline bench store} at a small size, on SQLite and on embedded PostgreSQL: both ingest every line in
 * stretches, verify, and report the heap after a full collection after each stretch.
 */
class StoreBenchCommandTest {
    @TempDir Path dir;

    @Test
    void readsTheHeapAfterEveryStretchOnBothStoresAndReportsTheRatio() {
        CommandRun run = CommandRun.of("bench", "store", "--interactions", "3000", "--report-every", "1000", "--customers", "400",
                "--rounds", "1", "--work-dir", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher rows = Pattern.compile("(?m)^\\| (sqlite|postgresql), round 1 \\| [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ MiB \\| [\\d,]+ MiB \\| (\\d+) / (\\d+) / (\\d+) \\|$")
                .matcher(run.out());
        int stores = 0;
        while (rows.find()) {
            stores++;
            for (int k = 2; k <= 4; k++) assertThat(Long.parseLong(rows.group(k))).as(rows.group()).isPositive();
        }
        assertThat(stores).as(run.out()).isEqualTo(2);
        assertThat(run.out()).as("every line accepted on each store, readings at each stretch's ledger size")
                .containsPattern("round 1, sqlite\\s*: 3,000 accepted.*MiB at [\\d,]+ entries, .*MiB at [\\d,]+ entries, .*MiB at [\\d,]+ entries\\)")
                .containsPattern("round 1, postgresql: 3,000 accepted.*MiB at [\\d,]+ entries, .*MiB at [\\d,]+ entries, .*MiB at [\\d,]+ entries\\)")
                .containsPattern("\\| PostgreSQL / SQLite, median of each round's ratio \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\| \\| \\| \\|");
    }

    @Test
    void refusesANegativeStretch() {
        CommandRun run = CommandRun.of("bench", "store", "--interactions", "100", "--report-every", "-1", "--work-dir", dir.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("--report-every");
    }
}
