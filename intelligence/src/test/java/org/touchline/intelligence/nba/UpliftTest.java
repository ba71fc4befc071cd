package org.touchline.intelligence.nba;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UpliftTest {
    /** Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10 (score interval, no continuity correction). */
    @ParameterizedTest
    @CsvSource({"56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090", "5, 56, 0, 29, -0.0381, 0.1926"})
    void the_interval_is_newcombes_hybrid_score_interval(long x1, long n1, long x0, long n0, double low, double high) {
        Uplift u = new Uplift("a", "s", n1, x1, n0, x0);
        assertThat(u.low()).isCloseTo(low, within(5e-5));
        assertThat(u.high()).isCloseTo(high, within(5e-5));
    }

    /** Wilson (1927) as tabulated by Newcombe (1998, table I, method 3): 81/263 gives 0.2553 to 0.3662. */
    @Test
    void a_rate_has_its_wilson_interval() {
        double[] w = Uplift.wilson(81, 263);
        assertThat(w[0]).isCloseTo(0.2553, within(5e-5));
        assertThat(w[1]).isCloseTo(0.3662, within(5e-5));
    }

    /** Over many seeded experiments the 95 % interval holds the true uplift about 95 % of the time, small groups included. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void the_interval_covers_the_true_uplift_as_often_as_it_says(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double p0 = 0.05 + 0.3 * rng.nextDouble(), p1 = p0 + 0.2 * rng.nextDouble();
        int covered = 0, runs = 2000;
        for (int r = 0; r < runs; r++) {
            int n1 = 400, n0 = 40, x1 = 0, x0 = 0;
            for (int k = 0; k < n1; k++) if (rng.nextDouble() < p1) x1++;
            for (int k = 0; k < n0; k++) if (rng.nextDouble() < p0) x0++;
            Uplift u = new Uplift("a", "s", n1, x1, n0, x0);
            if (u.low() <= p1 - p0 && p1 - p0 <= u.high()) covered++;
        }
        assertThat(covered / (double) runs).isBetween(0.93, 0.975);
    }

    @Test
    void an_empty_group_has_no_uplift_and_is_not_measured() {
        Uplift u = new Uplift("a", "s", 10, 3, 0, 0);
        assertThat(u.uplift()).isNaN();
        assertThat(u.measured(1)).isFalse();
        assertThat(new Uplift("a", "s", 10, 3, 10, 1).measured(10)).isTrue();
    }

    @Test
    void more_acceptances_than_outcomes_are_refused() {
        assertThatThrownBy(() -> new Uplift("fibre", "new", 3, 4, 0, 0)).hasMessageContaining("fibre").hasMessageContaining("new");
    }
}
