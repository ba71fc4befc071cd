package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SentimentEvaluationTest {

    /** Rows truth, columns predicted, in the order NEGATIVE, NEUTRAL, POSITIVE. */
    private final SentimentEvaluation evaluation = SentimentEvaluation.fromConfusion(new long[][] {
            {4, 1, 0},
            {1, 2, 1},
            {0, 0, 2}});

    @Test
    void accuracyIsTheShareOnTheDiagonal() {
        assertThat(evaluation.accuracy()).isCloseTo(8.0 / 11, within(1e-12));
    }

    @Test
    void perClassScoresFollowTheirDefinitions() {
        SentimentEvaluation.ClassScores neutral = evaluation.scores(Polarity.NEUTRAL);

        assertThat(neutral.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(neutral.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(neutral.f1()).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(neutral.support()).isEqualTo(4);
        assertThat(evaluation.scores(Polarity.NEGATIVE).f1()).isCloseTo(0.8, within(1e-12));
        assertThat(evaluation.scores(Polarity.POSITIVE).precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(evaluation.scores(Polarity.POSITIVE).recall()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void macroF1IsTheUnweightedMeanOfTheClassF1s() {
        assertThat(evaluation.macroF1()).isCloseTo((0.8 + 4.0 / 7 + 0.8) / 3, within(1e-12));
    }

    @Test
    void theMajorityBaselineAlwaysAnswersTheMostFrequentTrueClass() {
        SentimentEvaluation baseline = evaluation.majorityBaseline();

        assertThat(evaluation.majorityClass()).isEqualTo(Polarity.NEGATIVE);
        assertThat(baseline.accuracy()).isCloseTo(5.0 / 11, within(1e-12));
        assertThat(baseline.macroF1()).isCloseTo(0.625 / 3, within(1e-12));
        assertThat(baseline.count(Polarity.POSITIVE, Polarity.NEGATIVE)).isEqualTo(2);
    }

    @Test
    void aClassNeverPredictedHasPrecisionZero() {
        assertThat(evaluation.majorityBaseline().scores(Polarity.POSITIVE).precision()).isZero();
    }

    @Test
    void anyAnalyzerIsScoredAgainstTheLabels() {
        SentimentAnalyzer alwaysPositive = text -> new Sentiment(Polarity.POSITIVE, 1, 1,
                Map.of(), List.of());
        List<LabelledText> set = List.of(new LabelledText("a", Polarity.POSITIVE),
                new LabelledText("b", Polarity.NEGATIVE), new LabelledText("c", Polarity.POSITIVE));

        SentimentEvaluation scored = SentimentEvaluation.of(alwaysPositive, set);

        assertThat(scored.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(scored.count(Polarity.NEGATIVE, Polarity.POSITIVE)).isEqualTo(1);
        assertThat(scored.majorityClass()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void anEmptySetCannotBeEvaluated() {
        assertThatThrownBy(() -> SentimentEvaluation.of(new LexiconSentimentAnalyzer(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void aMalformedConfusionMatrixIsRefused() {
        assertThatThrownBy(() -> SentimentEvaluation.fromConfusion(new long[][] {{1, 2}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 rows");
    }
}
