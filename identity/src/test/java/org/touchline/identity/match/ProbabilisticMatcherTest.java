package org.touchline.identity.match;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

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

    /**
     * Housemates: a second person at each of many addresses (same address and postcode, another given name, date of
     * birth and phone). Without roles the model links most of them (it counts the shared place as identity); with the
     * config's roles (names and places) almost none, and the duplicates are still found.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 23})
    void housematesAreNotLinkedWhenTheConfigNamesNamesAndPlaces(long seed) throws Exception {
        SyntheticPeople.People people = SyntheticPeople.generate(3000, 600, seed);
        List<MatchRecord> records = new ArrayList<>(people.records());
        SplittableRandom r = new SplittableRandom(seed);
        Set<String> housemates = new HashSet<>();
        for (int h = 0; h < 800; h++) {
            MatchRecord host = records.get(h);
            Map<String, String> v = new HashMap<>(host.values());
            String given;
            do given = SyntheticPeople.GIVEN[r.nextInt(SyntheticPeople.GIVEN.length)]; while (given.equals(v.get("given_name")));
            v.put("given_name", given);
            v.put("date_of_birth", String.format("%04d%02d%02d", 1920 + r.nextInt(85), 1 + r.nextInt(12), 1 + r.nextInt(28)));
            v.put("phone", "04" + (10_000_000 + r.nextInt(89_999_999)));
            String id = "h" + h;
            records.add(new MatchRecord(id, 0, v));
            housemates.add(id);
        }
        MatchConfig plain = config();
        List<MatchConfig.Field> roled = new ArrayList<>();
        for (MatchConfig.Field f : plain.fields())
            roled.add(new MatchConfig.Field(f.column(), f.kind(), f.termFrequency(),
                    f.column().endsWith("name") ? "name" : f.column().equals("address") || f.column().equals("postcode") ? "place" : null));
        MatchConfig withRoles = new MatchConfig(plain.name(), plain.id(), plain.encoding(), plain.sources(), roled, plain.blocking(), plain.thresholds(),
                plain.training(), plain.oneToOne());
        ToLongFunction<MatchRun> housemateLinks = run -> run.links().stream()
                .filter(p -> housemates.contains(records.get(p.left()).id()) || housemates.contains(records.get(p.right()).id())).count();
        long without = housemateLinks.applyAsLong(ProbabilisticMatcher.of(plain).run(records, false, Progress.NONE));
        MatchRun run = ProbabilisticMatcher.of(withRoles).run(records, false, Progress.NONE);
        long with = housemateLinks.applyAsLong(run);
        assertThat(without).as("housemates linked without roles").isGreaterThan(400);
        // The few left are housemates whose given names are close (jon / john): a name that only nearly agrees is
        // not a name that disagrees.
        assertThat(with).as("housemates linked with roles (%d without)", without).isLessThan(without / 10);
        List<TruthPairs.IdPair> truth = new ArrayList<>();
        for (int i = 3000; i < people.records().size(); i++)
            truth.add(new TruthPairs.IdPair(records.get(i).id(), records.get(people.entity()[i]).id()));
        assertThat(Evaluation.of(run, truth).recall()).isGreaterThan(0.9);
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
