package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MaseTest {

    @Test
    void scalesByTheInSampleSeasonalNaiveError() {
        // lag 2: |12-10| + |24-20| + |14-12| + |22-24| = 10 over 4 differences
        Mase mase = Mase.ofSeasonalNaive(new double[] {10, 20, 12, 24, 14, 22}, 2);

        assertThat(mase.scale()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void isTheMeanAbsoluteErrorOverTheScale() {
        Mase mase = Mase.ofSeasonalNaive(new double[] {10, 20, 12, 24, 14, 22}, 2);

        // errors 2 and 5: MAE 3.5, over 2.5
        assertThat(mase.of(new double[] {16, 25}, new double[] {14, 20})).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void isUndefinedWhenTheTrainingDataRepeatExactly() {
        assertThatThrownBy(() -> Mase.ofSeasonalNaive(new double[] {1, 2, 1, 2, 1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("undefined");
    }

    @Test
    void needsMoreTrainingValuesThanTheLag() {
        assertThatThrownBy(() -> Mase.ofSeasonalNaive(new double[] {1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lag 2");
    }

    @Test
    void rejectsActualsAndForecastsOfDifferentLength() {
        assertThatThrownBy(() -> new Mase(1).of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 actuals and 1 forecasts");
    }
}
