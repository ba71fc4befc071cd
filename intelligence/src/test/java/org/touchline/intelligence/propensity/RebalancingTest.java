package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RebalancingTest {
    private static final Label POS = PropensityTrainer.POSITIVE;
    private static final Label NEG = PropensityTrainer.NEGATIVE;

    /** 2 positive rows, 6 negative. */
    private static List<Example<Label>> rows() {
        List<Example<Label>> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(new ArrayExample<>(i < 2 ? POS : NEG, new String[]{"x"}, new double[]{i}));
        }
        return rows;
    }

    private static double weightOf(List<Example<Label>> rows, Label label) {
        return rows.stream().filter(r -> r.getOutput().equals(label)).mapToDouble(Example::getWeight).sum();
    }

    @Test
    void classWeightsGiveBothOutcomesTheSameTotalWeight() {
        var out = Rebalancing.CLASS_WEIGHTS.apply(rows(), POS, 1);
        assertThat(out).hasSize(8);
        assertThat(weightOf(out, POS)).isEqualTo(6.0);
        assertThat(weightOf(out, NEG)).isEqualTo(6.0);
    }

    @Test
    void oversamplingDrawsTheRarerOutcomeAgainUntilTheCountsMatch() {
        var out = Rebalancing.OVERSAMPLE.apply(rows(), POS, 1);
        assertThat(out).hasSize(12);
        assertThat(out.stream().filter(r -> r.getOutput().equals(POS)).count()).isEqualTo(6);
        assertThat(out.subList(8, 12)).allMatch(r -> r.getOutput().equals(POS));
    }

    @Test
    void oversamplingIsSeeded() {
        var first = Rebalancing.OVERSAMPLE.apply(rows(), POS, 9).stream().map(r -> r.lookup("x").getValue()).toList();
        var again = Rebalancing.OVERSAMPLE.apply(rows(), POS, 9).stream().map(r -> r.lookup("x").getValue()).toList();
        assertThat(again).isEqualTo(first);
    }
}
