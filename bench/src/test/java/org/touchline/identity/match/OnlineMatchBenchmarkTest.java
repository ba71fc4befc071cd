package org.touchline.identity.match;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark behind {@code touchline identity bench-online}, at a size a test can afford. */
class OnlineMatchBenchmarkTest {
    @Test
    void runsAndReportsLatencyMemoryBaselinesAndWhetherTheAnswersWereRight() {
        OnlineMatchBenchmark.Report r = OnlineMatchBenchmark.run(new OnlineMatchBenchmark.Settings(20_000, 1_000, 3),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(r.all().p50()).isPositive().isLessThanOrEqualTo(r.all().p99());
        assertThat(r.all().p99()).isLessThanOrEqualTo(r.all().max());
        assertThat(r.indexBytes()).isPositive();
        assertThat(r.exactLookupNanos()).isPositive();
        assertThat(r.scorePairNanos()).isPositive();
        OnlineMatchBenchmark.Outcomes o = r.outcomes();
        assertThat(o.linkedRight() + o.reviewRight() + o.wrong() + o.missed()).isEqualTo(500);
        assertThat(o.newNone() + o.newReview() + o.newLink()).isEqualTo(500);
        assertThat(o.linkedRight()).as("known people with a typo or a move").isGreaterThan(400);
        assertThat(o.newLink()).as("new people linked to somebody").isLessThan(10);

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        OnlineMatchBenchmark.print(r, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("known customers", "p99", "index heap", "score one pair");
    }

    @Test
    void thePopulationIsAFunctionOfSeedAndIndex() {
        SyntheticPopulation a = new SyntheticPopulation(7, 1000), b = new SyntheticPopulation(7, 1000);
        assertThat(b.person(123)).isEqualTo(a.person(123));
        assertThat(a.person(124)).isNotEqualTo(a.person(123));
        assertThat(new SyntheticPopulation(8, 1000).person(123)).isNotEqualTo(a.person(123));
    }
}
