package org.touchline.identity.match;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality goals on real public benchmarks read from ../shared/data (never copied into the repository),
 * with the configs shipped in examples/identity and no labels used for training. Skipped when the data is absent.
 */
class RealDataEvaluationTest {
    private static Path data(String sub) {
        String root = System.getProperty("touchline.sharedData");
        Assumptions.assumeTrue(root != null, "touchline.sharedData is not set: run through Maven");
        Path dir = Path.of(root).resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(dir), "no evaluation data at " + dir);
        return dir;
    }

    private static MatchConfig config(String name) throws Exception {
        Path dir = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "examples", "identity");
        if (!Files.isDirectory(dir)) dir = Path.of("..", "examples", "identity");
        return MatchConfig.read(dir.resolve(name));
    }

    private static Evaluation evaluate(String configName, Path a, Path b, Path truth) throws Exception {
        MatchConfig cfg = config(configName);
        List<MatchRecord> records = new ArrayList<>(CsvRecords.read(a, cfg, 0));
        if (b != null) records.addAll(CsvRecords.read(b, cfg, 1));
        MatchRun run = ProbabilisticMatcher.of(cfg).run(records, b != null, Progress.NONE);
        Evaluation e = Evaluation.of(run, TruthPairs.read(truth));
        System.out.printf("%s %s: P %.4f R %.4f F1 %.4f B3 %.4f candidates %d in %d ms%n", configName, a.getFileName(),
                e.precision(), e.recall(), e.f1(), e.bcubedF1(), e.candidatePairs(), run.millis());
        assertThat(e.unknownIds()).isZero();
        return e;
    }

    @Test
    void febrl1() throws Exception {
        Path d = data("febrl");
        Evaluation e = evaluate("febrl.yaml", d.resolve("febrl_dataset1.csv"), null, d.resolve("febrl_dataset1_true_pairs.csv"));
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void febrl2() throws Exception {
        Path d = data("febrl");
        Evaluation e = evaluate("febrl.yaml", d.resolve("febrl_dataset2.csv"), null, d.resolve("febrl_dataset2_true_pairs.csv"));
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void febrl4LinksTwoSources() throws Exception {
        Path d = data("febrl");
        Evaluation e = evaluate("febrl.yaml", d.resolve("febrl_dataset4a.csv"), d.resolve("febrl_dataset4b.csv"),
                d.resolve("febrl_dataset4_true_links.csv"));
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void dblpAcm() throws Exception {
        Path d = data("leipzig_er/dblp-acm");
        Evaluation e = evaluate("dblp-acm.yaml", d.resolve("DBLP2.csv"), d.resolve("ACM.csv"),
                d.resolve("DBLP-ACM_perfectMapping.csv"));
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void abtBuyProductsWithoutLabels() throws Exception {
        Path d = data("leipzig_er/abt-buy");
        Evaluation e = evaluate("products.yaml", d.resolve("Abt.csv"), d.resolve("Buy.csv"), d.resolve("abt_buy_perfectMapping.csv"));
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void abtBuyAnswersFromASimulatedReviewerDoNotLoseQuality() throws Exception {
        Path d = data("leipzig_er/abt-buy");
        MatchConfig cfg = config("products.yaml");
        List<MatchRecord> records = new ArrayList<>(CsvRecords.read(d.resolve("Abt.csv"), cfg, 0));
        records.addAll(CsvRecords.read(d.resolve("Buy.csv"), cfg, 1));
        List<TruthPairs.IdPair> truth = TruthPairs.read(d.resolve("abt_buy_perfectMapping.csv"));
        ProbabilisticMatcher.Compared compared = ProbabilisticMatcher.of(cfg).compare(records, true, Progress.NONE);
        Set<Long> truePairs = Evaluation.truth(records, true, truth).pairs();
        List<Double> f1 = new ArrayList<>();
        new ActiveLearning(compared).run(100, (a, b) -> truePairs.contains(CandidatePairs.pack(a, b)), round -> {
            if (round.answers() % 50 == 0) f1.add(Evaluation.of(round.run(), truth).f1());
        }, Progress.NONE);
        System.out.println("abt-buy F1 at 0, 50, 100 answers: " + f1);
        assertThat(f1).hasSize(3);
        assertThat(f1.get(2)).isGreaterThanOrEqualTo(f1.get(0));
    }
}
