package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PercentileTest {
    @Test
    void selectionGivesTheSameValuesAsSortingThenTakingTheNearestRank() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(round < 100 ? 40 : 5000);
            long[] v = new long[n];
            int spread = 1 + r.nextInt(round % 2 == 0 ? 10 : 1_000_000);       // many ties, or few
            for (int i = 0; i < n; i++) v[i] = r.nextInt(spread);
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            assertThat(Percentile.p50p90(v, n)).as("n = %d", n).containsExactly(Percentile.of(sorted, n, 50), Percentile.of(sorted, n, 90));
        }
    }

    @Test
    void theMedianOfTwoIsTheLowerAndTheNinetiethOfTenIsTheNinth() {
        assertThat(Percentile.p50p90(new long[] {7, 3}, 2)).containsExactly(3, 7);
        assertThat(Percentile.p50p90(new long[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 10)).containsExactly(5, 9);
    }
}
