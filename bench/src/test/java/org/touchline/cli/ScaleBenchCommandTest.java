package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code touchline bench scale} at a small size: it runs, reports every stretch, measures the node and draws the chart. */
class ScaleBenchCommandTest {
    @TempDir Path dir;

    @Test
    void reportsEveryStretchThenLatencyRestartAndVerifyAndWritesTheChart() throws Exception {
        Path chart = dir.resolve("docs/scale.svg");
        CommandRun run = CommandRun.of("bench", "scale", "--interactions", "3000", "--customers", "400", "--report-every", "1000",
                "--samples", "30", "--work-dir", dir.resolve("work").toString(), "--chart", chart.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher rows = Pattern.compile("(?m)^\\| ([\\d,]+) \\| ([\\d,]+) \\| [\\d,]+ \\| [\\d,]+ MiB \\| [\\d,]+ \\| [\\d,]+ MiB \\|$").matcher(run.out());
        int reports = 0;
        while (rows.find()) {
            reports++;
            assertThat(rows.group(2)).isEqualTo(String.format("%,d", reports * 1000));
            // each interaction is one entry or more: the decisions identity took about it are entries too
            assertThat(Long.parseLong(rows.group(1).replace(",", ""))).isGreaterThanOrEqualTo(reports * 1000L);
        }
        assertThat(reports).as(run.out()).isEqualTo(3);
        assertThat(run.out()).as("the caches' hit rates, a row a stretch")
                .contains("State caches: the share of lookups each answered from the heap, stretch by stretch")
                .containsPattern("(?m)^\\| interactions \\| identifiers \\| .+ \\|$")
                .containsPattern("(?m)^\\| 3,000 \\|( ([\\d.]+ %|-) \\|)+$");
        assertThat(run.out()).as("progress while a stretch is ingested").containsPattern("ingest interactions-2001-3000\\.ndjson\\s+100%");
        assertThat(run.out()).containsPattern("restart \\(open the node again at [\\d,]+ entries\\): [\\d.]+ s")
                .containsPattern("lookup by identifier: p50 [\\d.]+ ms, p99 [\\d.]+ ms")
                .containsPattern("timeline \\(first page of 50\\): p50 [\\d.]+ ms, p99 [\\d.]+ ms")
                .containsPattern("one new record online \\(resolve, match, durable append\\): p50 [\\d.]+ ms, p99 [\\d.]+ ms")
                .containsPattern("verify [\\d,]+ entries: [\\d.]+ s, 0 problems");
        String svg = Files.readString(chart);
        assertThat(svg).startsWith("<svg").contains("interactions/s", "heap after GC, MiB", "ledger size (entries)");
        assertThat(Pattern.compile("<circle ").matcher(svg).results().count()).as("three points in each of two panels").isEqualTo(6);
    }

    @Test
    void theGeneratorIsTheSameForTheSameSeedAndCustomers() {
        ScaleInteractions a = new ScaleInteractions(1_000, 3), b = new ScaleInteractions(1_000, 3);
        for (long k = 0; k < 200; k++) assertThat(a.interaction(k)).isEqualTo(b.interaction(k));
    }
}
