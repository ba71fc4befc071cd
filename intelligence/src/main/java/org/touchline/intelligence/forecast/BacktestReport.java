package org.touchline.intelligence.forecast;

import java.time.Duration;

/**
 * What a {@link Backtest} measured over {@code points} test intervals. MASE values share one scale, so they compare
 * directly; coverages are the shares of actuals inside the model's 80 % and 95 % prediction intervals.
 */
public record BacktestReport(String channel, Duration interval, int testDays, int horizonDays, int points,
        double scale, double mae, double mase, double seasonalNaiveMase, double fourWeekMeanMase, double coverage80,
        double coverage95) {

    /** The model beats the bar, the mean of the last four same-weekday days. */
    public boolean beatsFourWeekMean() {
        return mase < fourWeekMeanMase;
    }
}
