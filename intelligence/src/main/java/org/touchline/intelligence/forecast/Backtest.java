package org.touchline.intelligence.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-sample test on the last {@code testDays} open days of a series. Forecast origins start at the first test
 * day and move forward {@code horizonDays} at a time; each origin forecasts the next {@code horizonDays} days from
 * everything before it. {@code horizonDays == testDays} is a single fixed origin (the 0.79 is measured that
 * way); {@code horizonDays == 1} re-forecasts every day. With a {@code step} of one day and a longer horizon, every
 * day is an origin forecasting the next {@code horizonDays} (rolling origins): each test day is then forecast at every
 * lead up to the horizon, and the report gives the interval coverage per lead.
 *
 * <p>MASE scale: mean absolute error, over the training days (all days before the first test day), of the seasonal
 * naive forecast one week of open days back ({@code openDaysPerWeek x slotsPerDay} intervals), at the series'
 * own interval. The model, the seasonal naive forecast (last same weekday before the origin) and the four-week
 * same-weekday mean are all scored on that one scale.
 */
public final class Backtest {

    private final DemandForecaster forecaster;
    private final int testDays;
    private final int horizonDays;
    private final int step;

    public Backtest(DemandForecaster forecaster, int testDays, int horizonDays) {
        this(forecaster, testDays, horizonDays, horizonDays);
    }

    /** Origins {@code step} open days apart, each forecasting {@code horizonDays}. */
    public Backtest(DemandForecaster forecaster, int testDays, int horizonDays, int step) {
        if (testDays < 1 || horizonDays < 1 || horizonDays > testDays || step < 1 || step > horizonDays) {
            throw new IllegalArgumentException("backtest: need 1 <= step (" + step + ") <= horizonDays (" + horizonDays
                    + ") <= testDays (" + testDays + ")");
        }
        this.forecaster = forecaster;
        this.testDays = testDays;
        this.horizonDays = horizonDays;
        this.step = step;
    }

    public BacktestReport run(ContactSeries series) {
        int trainDays = series.dayCount() - testDays;
        int lagDays = series.hours().openDaysPerWeek();
        if (trainDays <= lagDays) {
            throw new IllegalArgumentException("backtest of " + series.channel() + ": " + series.dayCount()
                    + " days leave " + trainDays + " training days, not more than one week (" + lagDays + ")");
        }
        Mase mase = Mase.ofSeasonalNaive(series.days(0, trainDays).counts(), lagDays * series.slotsPerDay());
        int points = 0;
        for (int origin = trainDays; origin < series.dayCount(); origin += step) {
            points += Math.min(horizonDays, series.dayCount() - origin) * series.slotsPerDay();
        }
        double[] actual = new double[points];
        double[] model = new double[points];
        double[] naive = new double[points];
        double[] fourWeeks = new double[points];
        int inside80 = 0;
        int inside95 = 0;
        int[][] byLead = new int[horizonDays][3]; // {points, inside 80, inside 95}
        int k = 0;
        for (int origin = trainDays; origin < series.dayCount(); origin += step) {
            int days = Math.min(horizonDays, series.dayCount() - origin);
            ContactSeries history = series.days(0, origin);
            List<LocalDate> targets = series.days().subList(origin, origin + days);
            Forecast forecast = forecaster.forecast(history, days);
            double[][] naiveDays = SameWeekdayMean.seasonalNaive().expected(history, targets);
            double[][] fourWeekDays = SameWeekdayMean.fourWeekMean().expected(history, targets);
            for (int t = 0; t < days; t++) {
                double[] observed = series.day(origin + t);
                for (int j = 0; j < observed.length; j++, k++) {
                    IntervalForecast f = forecast.intervals().get(t * observed.length + j);
                    actual[k] = observed[j];
                    model[k] = f.expected();
                    naive[k] = naiveDays[t][j];
                    fourWeeks[k] = fourWeekDays[t][j];
                    inside80 += f.within80(observed[j]) ? 1 : 0;
                    inside95 += f.within95(observed[j]) ? 1 : 0;
                    byLead[t][0]++;
                    byLead[t][1] += f.within80(observed[j]) ? 1 : 0;
                    byLead[t][2] += f.within95(observed[j]) ? 1 : 0;
                }
            }
        }
        double modelMase = mase.of(actual, model);
        List<BacktestReport.LeadCoverage> leads = new ArrayList<>();
        for (int t = 0; t < horizonDays; t++) {
            if (byLead[t][0] > 0) {
                leads.add(new BacktestReport.LeadCoverage(t + 1, byLead[t][0], (double) byLead[t][1] / byLead[t][0],
                        (double) byLead[t][2] / byLead[t][0]));
            }
        }
        return new BacktestReport(series.channel(), series.interval(), testDays, horizonDays, points, mase.scale(),
                modelMase * mase.scale(), modelMase, mase.of(actual, naive), mase.of(actual, fourWeeks),
                (double) inside80 / points, (double) inside95 / points, leads);
    }
}
