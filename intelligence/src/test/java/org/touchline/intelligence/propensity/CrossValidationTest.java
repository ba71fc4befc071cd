package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrossValidationTest {
    private static final List<Example> TRAINING = new SyntheticCustomers(5).customers(0, 1500);

    @Test
    void measuresOneAucPerHeldOutFold() {
        var result = new CrossValidation(4, 1).run(HyperParameters.Logistic.defaults(), TRAINING);
        assertThat(result.foldAuc()).hasSize(4).allSatisfy(auc -> assertThat(auc).isBetween(0.6, 1.0));
        assertThat(result.meanAuc()).isEqualTo(result.foldAuc().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /** A single stump on one column against the default forest: the forest ranks better and comes first. */
    @Test
    void comparePutsTheBetterCandidateFirst() {
        var stump = new HyperParameters.Boosting(1, 0.3, 1, 1, 1, 0.1, 1, Rebalancing.NONE, 1);
        var forest = new HyperParameters.Boosting(60, 0.1, 3, 1, 0.8, 0.8, 1, Rebalancing.NONE, 1);
        var ranking = new CrossValidation(3, 1).compare(List.of(stump, forest), TRAINING);
        assertThat(ranking.get(0).parameters()).isEqualTo(forest);
        assertThat(ranking.get(0).meanAuc()).isGreaterThan(ranking.get(1).meanAuc() + CrossValidation.AUC_TIE);
    }
}
