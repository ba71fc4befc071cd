package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SplitsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** 60 households with 1-4 rows each, at different times. */
    private static List<Example> households() {
        Random random = new Random(7);
        List<Example> rows = new ArrayList<>();
        for (int h = 0; h < 60; h++) {
            int members = 1 + random.nextInt(4);
            for (int m = 0; m < members; m++) {
                rows.add(new Example("h" + h + "-" + m, "h" + h, T0.plusSeconds(86_400L * random.nextInt(365)),
                        Map.of("x", random.nextDouble()), Map.of(), random.nextBoolean()));
            }
        }
        return rows;
    }

    private static Set<String> groups(List<Example> rows) {
        return rows.stream().map(Example::group).collect(Collectors.toSet());
    }

    @Test
    void aGroupSplitNeverPutsAGroupOnBothSides() {
        List<Example> rows = households();
        Split split = Splits.byGroup(rows, 0.25, 11);
        assertThat(groups(split.train())).doesNotContainAnyElementsOf(groups(split.test()));
        assertThat(split.train().size() + split.test().size()).isEqualTo(rows.size());
        assertThat(groups(split.test())).hasSize(15);
    }

    @Test
    void aGroupSplitDependsOnTheSeedNotOnTheOrderOfRows() {
        List<Example> rows = households();
        List<Example> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        assertThat(groups(Splits.byGroup(shuffled, 0.25, 11).test())).isEqualTo(groups(Splits.byGroup(rows, 0.25, 11).test()));
        assertThat(groups(Splits.byGroup(rows, 0.25, 12).test())).isNotEqualTo(groups(Splits.byGroup(rows, 0.25, 11).test()));
    }

    @Test
    void aTimeSplitTrainsBeforeTheCutoffAndTestsFromIt() {
        Instant cutoff = T0.plusSeconds(86_400L * 200);
        Split split = Splits.byTime(households(), cutoff);
        assertThat(split.train()).isNotEmpty().allMatch(e -> e.asOf().isBefore(cutoff));
        assertThat(split.test()).isNotEmpty().allMatch(e -> !e.asOf().isBefore(cutoff));
    }

    @Test
    void foldsTestEveryRowExactlyOnceAndNeverLeakAGroup() {
        List<Example> rows = households();
        List<Split> folds = Splits.foldsByGroup(rows, 5, 11);
        assertThat(folds).hasSize(5);
        Set<String> tested = new HashSet<>();
        for (Split fold : folds) {
            assertThat(groups(fold.train())).doesNotContainAnyElementsOf(groups(fold.test()));
            assertThat(fold.train().size() + fold.test().size()).isEqualTo(rows.size());
            for (Example e : fold.test()) {
                assertThat(tested.add(e.id())).as("tested twice: " + e.id()).isTrue();
            }
        }
        assertThat(tested).hasSize(rows.size());
    }
}
