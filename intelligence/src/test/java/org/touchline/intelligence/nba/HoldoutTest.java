package org.touchline.intelligence.nba;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldoutTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.1, 0.3})
    void about_the_share_asked_for_is_held_out(double share) {
        Holdout h = new Holdout("demo-1");
        int held = 0, n = 40_000;
        for (int k = 0; k < n; k++) if (h.holdsOut("cu_" + k, "fibre-upgrade-offer", share)) held++;
        // Binomial: four standard deviations either side.
        double sd = Math.sqrt(n * share * (1 - share));
        assertThat((double) held).isBetween(n * share - 4 * sd, n * share + 4 * sd);
    }

    @Test
    void every_node_with_the_same_key_makes_the_same_choice() {
        Holdout a = new Holdout("demo-1"), b = new Holdout("demo-1");
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 1000; k++) {
            String customer = "cu_" + rng.nextInt(1_000_000);
            assertThat(a.position(customer, "retention-call")).isEqualTo(b.position(customer, "retention-call"));
        }
    }

    @Test
    void the_groups_of_different_actions_and_keys_are_independent() {
        Holdout a = new Holdout("demo-1"), other = new Holdout("another key");
        int both = 0, otherKey = 0, n = 40_000;
        for (int k = 0; k < n; k++) {
            boolean fibre = a.holdsOut("cu_" + k, "fibre-upgrade-offer", 0.1);
            if (fibre && a.holdsOut("cu_" + k, "retention-call", 0.1)) both++;
            if (fibre && other.holdsOut("cu_" + k, "fibre-upgrade-offer", 0.1)) otherKey++;
        }
        // 1 % of customers expected in each pair of groups (sd about 20).
        assertThat(both).isBetween(300, 500);
        assertThat(otherKey).isBetween(300, 500);
    }

    @Test
    void a_share_of_nothing_holds_no_one_out() {
        assertThat(new Holdout("k").holdsOut("cu_1", "a", 0)).isFalse();
        assertThatThrownBy(() -> new Holdout("")).hasMessageContaining("holdout_key");
    }
}
