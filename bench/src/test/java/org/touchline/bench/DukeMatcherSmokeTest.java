package org.touchline.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.touchline.identity.match.CsvRecords;
import org.touchline.identity.match.Evaluation;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.TruthPairs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the Duke side of the benchmark working: Duke on the first 300 FEBRL1 records finds their duplicates. */
class DukeMatcherSmokeTest {
    @Test
    void dukeDeduplicatesAFewHundredFebrlRecords() throws Exception {
        String root = System.getProperty("touchline.sharedData");
        Assumptions.assumeTrue(root != null, "touchline.sharedData is not set: run through Maven");
        Path dir = Path.of(root, "febrl");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("febrl_dataset1.csv")), "no FEBRL data at " + dir + ": skipped");

        List<MatchRecord> records = CsvRecords.read(dir.resolve("febrl_dataset1.csv"), "rec_id", "auto", 0).subList(0, 300);
        Set<Long> truth = Evaluation.truth(records, false, TruthPairs.read(dir.resolve("febrl_dataset1_true_pairs.csv"))).pairs();
        DukeMatcher.Result result = new DukeMatcher(1).run(records, false);
        PairwiseScore score = PairwiseScore.of(result.links(), truth);

        assertThat(truth).hasSizeGreaterThan(10);
        assertThat(score.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(score.recall()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void scoresPairsAgainstTheTruth() {
        PairwiseScore s = PairwiseScore.of(Set.of(1L, 2L, 3L, 4L), Set.of(1L, 2L, 5L));
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(2 / 3.0);
        assertThat(s.f1()).isEqualTo(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0));
    }
}
