package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BacktestTest {

    private static final ContactSeries STEADY = SyntheticContacts.series(130, 3000, 21);

    @Test
    void prediction80And95PercentIntervalsCoverAboutTheirShareOfASeededPoissonSeries() {
        BacktestReport report = new Backtest(new DemandForecaster(), 20, 1).run(STEADY);

        assertThat(report.coverage80()).isBetween(0.77, 0.83);
        assertThat(report.coverage95()).isBetween(0.93, 0.97);
    }

    @Test
    void theModelBeatsBothBenchmarksWhenThePatternIsStable() {
        BacktestReport report = new Backtest(new DemandForecaster(), 20, 20).run(STEADY);

        assertThat(report.mase()).isLessThan(report.fourWeekMeanMase());
        assertThat(report.fourWeekMeanMase()).isLessThan(report.seasonalNaiveMase());
    }

    @Test
    void scoresEveryTestIntervalOnce() {
        BacktestReport fixed = new Backtest(new DemandForecaster(), 20, 20).run(STEADY);
        BacktestReport weekly = new Backtest(new DemandForecaster(), 20, 5).run(STEADY);

        assertThat(fixed.points()).isEqualTo(20 * 40);
        assertThat(weekly.points()).isEqualTo(20 * 40);
        assertThat(weekly.scale()).isEqualTo(fixed.scale());
    }

    @Test
    void rejectsAHorizonLongerThanTheTest() {
        assertThatThrownBy(() -> new Backtest(new DemandForecaster(), 5, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonDays (10)");
    }
}
