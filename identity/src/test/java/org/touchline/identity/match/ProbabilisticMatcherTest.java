package org.touchline.identity.match;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole matcher, without labels, on seeded synthetic people with typos. */
class ProbabilisticMatcherTest {
    private static MatchConfig config() throws Exception {
        return MatchConfig.read(ProbabilisticMatcherTest.class.getResourceAsStream("/synthetic-people.yaml"));
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 77})
    void findsDuplicatesWithoutLabels(long seed) throws Exception {
        SyntheticPeople.People people = SyntheticPeople.generate(3000, 600, seed);
        MatchRun run = ProbabilisticMatcher.of(config()).run(people.records(), false, Progress.NONE);
        List<TruthPairs.IdPair> truth = new ArrayList<>();
        List<MatchRecord> records = people.records();
        for (int i = 3000; i < records.size(); i++)
            truth.add(new TruthPairs.IdPair(records.get(i).id(), records.get(people.entity()[i]).id()));
        Evaluation e = Evaluation.of(run, truth);
        assertThat(e.unknownIds()).isZero();
        assertThat(e.pairsCompleteness()).isGreaterThan(0.97);
        assertThat(e.f1()).as("F1 (precision %.4f, recall %.4f)", e.precision(), e.recall()).isGreaterThan(0.9);
        assertThat(e.bcubedF1()).isGreaterThan(0.95);
    }

    @Test
    void sameInputSameResult() throws Exception {
        SyntheticPeople.People people = SyntheticPeople.generate(1000, 200, 9);
        ProbabilisticMatcher matcher = ProbabilisticMatcher.of(config());
        MatchRun a = matcher.run(people.records(), false, Progress.NONE);
        MatchRun b = matcher.run(people.records(), false, Progress.NONE);
        assertThat(b.links().stream().map(p -> p.left() + "-" + p.right()).toList())
                .isEqualTo(a.links().stream().map(p -> p.left() + "-" + p.right()).toList());
        assertThat(b.model().lambda()).isEqualTo(a.model().lambda());
    }

    @Test
    void shippedConfigsRead() throws Exception {
        Path examples = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "examples", "identity");
        if (!examples.toFile().isDirectory()) examples = Path.of("..", "examples", "identity");
        for (String name : List.of("febrl.yaml", "dblp-acm.yaml")) {
            MatchConfig c = MatchConfig.read(examples.resolve(name));
            assertThat(c.comparisons()).isNotEmpty();
            assertThat(c.blockingRules().rules()).isNotEmpty();
            assertThat(c.decisionThresholds()).isEqualTo(new Thresholds(0.9, 0.5));
        }
    }
}
