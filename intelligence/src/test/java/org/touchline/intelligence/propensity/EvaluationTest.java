package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    private static List<Evaluation.Outcome> outcomes(double[] scores, boolean... positive) {
        List<Evaluation.Outcome> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(new Evaluation.Outcome(scores[i], positive[i]));
        }
        return out;
    }

    /** Of the four positive-negative pairs, three are ordered right: 0.35 < 0.4 is the one wrong. */
    @Test
    void aucIsTheShareOfPositiveNegativePairsOrderedRight() {
        var e = Evaluation.of(outcomes(new double[]{0.1, 0.4, 0.35, 0.8}, false, false, true, true));
        assertThat(e.auc()).isEqualTo(0.75);
    }

    /** Pairs: (0.5 vs 0.2) 1, (0.5 vs 0.5) 1/2, (0.9 vs 0.2) 1, (0.9 vs 0.5) 1: 3.5 of 4. */
    @Test
    void aucCountsATiedPairAsOneHalf() {
        var e = Evaluation.of(outcomes(new double[]{0.2, 0.5, 0.5, 0.9}, false, false, true, true));
        assertThat(e.auc()).isEqualTo(0.875);
    }

    @Test
    void aucOfScoresThatAreAllTiedIsOneHalf() {
        var e = Evaluation.of(outcomes(new double[]{0.3, 0.3, 0.3, 0.3, 0.3}, true, false, true, false, false));
        assertThat(e.auc()).isEqualTo(0.5);
    }

    @Test
    void aucOfAPerfectRankingIsOneAndOfAReversedOneZero() {
        assertThat(Evaluation.of(outcomes(new double[]{0.1, 0.2, 0.8, 0.9}, false, false, true, true)).auc()).isEqualTo(1.0);
        assertThat(Evaluation.of(outcomes(new double[]{0.1, 0.2, 0.8, 0.9}, true, true, false, false)).auc()).isEqualTo(0.0);
    }

    /** 20 rows, 5 positive (rate 0.25): the top decile is the 2 highest, of which one is positive. */
    @Test
    void precisionAtTheTopDecileLooksAtTheHighestTenPercent() {
        double[] scores = new double[20];
        boolean[] positive = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i / 20.0;
        }
        positive[19] = true;  // highest: positive
        positive[18] = false; // second: negative
        positive[3] = positive[5] = positive[7] = positive[9] = true;
        var e = Evaluation.of(outcomes(scores, positive));
        assertThat(e.precisionAtTopDecile()).isEqualTo(0.5);
        assertThat(e.liftAtTopDecile()).isEqualTo(2.0);
    }

    /** 11 rows: the top decile is 2 rows (rounded up); the 2nd and 3rd tie, one of them positive. */
    @Test
    void precisionAtTheTopDecileSharesATieAtTheCutByItsExpectedValue() {
        var e = Evaluation.of(outcomes(new double[]{0.9, 0.8, 0.8, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
                true, true, false, false, false, false, false, false, false, false, true));
        assertThat(e.precisionAtTopDecile()).isEqualTo((1 + 0.5) / 2);
    }

    @Test
    void calibrationBinsHoldTheCountMeanPredictionAndObservedRate() {
        var e = Evaluation.of(outcomes(new double[]{0.02, 0.08, 0.15, 0.95, 1.0}, false, true, false, true, true));
        var bins = e.calibration();
        assertThat(bins).hasSize(10);
        assertThat(bins.get(0).count()).isEqualTo(2);
        assertThat(bins.get(0).meanPredicted()).isCloseTo(0.05, within(1e-12));
        assertThat(bins.get(0).observedRate()).isEqualTo(0.5);
        assertThat(bins.get(1).count()).isEqualTo(1);
        assertThat(bins.get(1).observedRate()).isEqualTo(0.0);
        assertThat(bins.get(9).count()).as("1.0 falls in the last bin").isEqualTo(2);
        assertThat(bins.get(9).meanPredicted()).isCloseTo(0.975, within(1e-12));
        assertThat(bins.get(5).count()).isZero();
        assertThat(bins.get(5).meanPredicted()).isNaN();
    }

    @Test
    void brierIsTheMeanSquaredDifferenceBetweenProbabilityAndOutcome() {
        var e = Evaluation.of(outcomes(new double[]{0.8, 0.3}, true, false));
        assertThat(e.brier()).isCloseTo((0.04 + 0.09) / 2, within(1e-12));
    }

    @Test
    void rocRunsFromTheOriginToOneOneWithAPointPerDistinctScore() {
        var e = Evaluation.of(outcomes(new double[]{0.2, 0.5, 0.5, 0.9}, false, false, true, true));
        assertThat(e.roc()).extracting(Evaluation.RocPoint::falsePositiveRate).containsExactly(0.0, 0.0, 0.5, 1.0);
        assertThat(e.roc()).extracting(Evaluation.RocPoint::truePositiveRate).containsExactly(0.0, 0.5, 1.0, 1.0);
        assertThat(e.roc()).extracting(Evaluation.RocPoint::threshold)
                .containsExactly(Double.POSITIVE_INFINITY, 0.9, 0.5, 0.2);
    }

    @Test
    void refusesAScoreThatIsNotAProbability() {
        assertThatThrownBy(() -> Evaluation.of(outcomes(new double[]{0.2, 1.5}, false, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome 1").hasMessageContaining("1.5");
    }

    @Test
    void refusesOutcomesOfOneKindOnly() {
        assertThatThrownBy(() -> Evaluation.of(outcomes(new double[]{0.2, 0.7}, true, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
    }
}
