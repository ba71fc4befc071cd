package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Backtest} measured over {@code points} test intervals. MASE values share one scale, so they compare
 * directly; coverages are the shares of actuals inside the model's 80 % and 95 % prediction intervals, overall and
 * per lead.
 */
public record BacktestReport(String channel, Duration interval, int testDays, int horizonDays, int points,
        double scale, double mae, double mase, double seasonalNaiveMase, double fourWeekMeanMase, double coverage80,
        double coverage95, List<LeadCoverage> byLead) {

    public BacktestReport {
        byLead = List.copyOf(byLead);
    }

    /** Interval coverage of the forecasts made {@code lead} open days ahead (1 = the next day). */
    public record LeadCoverage(int lead, int points, double coverage80, double coverage95) {
    }

    /** The model beats the bar, the mean of the last four same-weekday days. */
    public boolean beatsFourWeekMean() {
        return mase < fourWeekMeanMase;
    }
}
