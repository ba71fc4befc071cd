package org.touchline.intelligence.forecast;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.touchline.intelligence.staffing.ServiceTarget;
import org.touchline.intelligence.staffing.StaffedInterval;
import org.touchline.intelligence.staffing.StaffingPlan;
import org.touchline.intelligence.staffing.StaffingPlanner;

/**
 * Checks the forecaster on the shared bank call-centre data: backtests on the last 20 days at 5 minutes, 15 minutes,
 * an hour and a day, with one fixed origin (the definition) and with a daily rolling origin, then prints a
 * staffing plan for the first test day. Usage: {@code BankCallsCheck <shared data folder> [--earlier]}; with
 * {@code --earlier} it also backtests the three 20-day windows before the test days (ending at days 84, 104 and
 * 124, training days only), on which {@link ForecastSettings#defaults()} were chosen; with
 * {@code --choose-adaptation} it prints only the five-day forecasts' coverage per lead on the 40-day rolling windows
 * before the reported one (days 44-123) under each rule for adapting the later leads' levels.
 */
public final class BankCallsCheck {

    static final int TEST_DAYS = 20;
    /** The rolling backtest: every one of the last 40 days an origin, forecasting up to a week of open days ahead. */
    static final int ROLLING_DAYS = 40, ROLLING_HORIZON = 5;
    static final List<Duration> INTERVALS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofDays(1));

    private BankCallsCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--earlier")
                && !args[1].equals("--choose-adaptation"))) {
            System.err.println("usage: BankCallsCheck <shared data folder, e.g. /work/shared/data>"
                    + " [--earlier | --choose-adaptation]");
            System.exit(2);
        }
        ContactSeries calls = BankCallsCsv.load(Path.of(args[0]));
        if (args.length == 2 && args[1].equals("--choose-adaptation")) {
            chooseAdaptation(calls);
            return;
        }
        System.out.printf(Locale.ROOT, "bank_calls: %d open days from %s, %d five-minute intervals a day, %d closed weekdays%n",
                calls.dayCount(), calls.start(), calls.slotsPerDay(), calls.hours().closedDates().size());
        System.out.println("MASE scale = in-sample MAE of the naive forecast one week (5 open days) back, over the"
                + " days before the window, at each interval; origin fixed = one forecast of all 20 days, daily ="
                + " re-forecast each day");
        DemandForecaster forecaster = new DemandForecaster();
        printBacktests("last 20 days (test)", calls, forecaster);
        printRolling(calls, forecaster);
        if (args.length == 2) {
            for (int end : new int[] {84, 104, 124}) {
                printBacktests("days " + (end - TEST_DAYS) + "-" + (end - 1) + " (earlier window)", calls.days(0, end),
                        forecaster);
            }
        }
        ContactSeries training = calls.aggregate(Duration.ofMinutes(15)).days(0, calls.dayCount() - TEST_DAYS);
        Forecast day = forecaster.forecast(training, 1);
        StaffingPlanner planner = new StaffingPlanner(Duration.ofMinutes(5),
                ServiceTarget.of(0.80, Duration.ofSeconds(20)), 0.30);
        StaffingPlan plan = planner.plan(day);
        System.out.printf(Locale.ROOT, "%nstaffing for %s (AHT 5 min, 80 %% in 20 s, 30 %% shrinkage): peak %d scheduled,"
                + " %.0f person-hours%n", day.intervals().get(0).start().toLocalDate(), plan.peakScheduledStaff(),
                plan.scheduledHours());
        System.out.println("start  forecast [80% interval]  agents  scheduled  service level  occupancy");
        for (int i = 0; i < plan.intervals().size(); i++) {
            StaffedInterval s = plan.intervals().get(i);
            IntervalForecast f = day.intervals().get(i);
            System.out.printf(Locale.ROOT, "%s %8.0f [%4.0f-%4.0f] %7d %10d %13.1f%% %9.1f%%%n",
                    s.start().toLocalTime(), s.forecastContacts(), f.lower80(), f.upper80(), s.agents(),
                    s.scheduledStaff(), 100 * s.serviceLevel(), 100 * s.occupancy());
        }
    }

    private static void printBacktests(String title, ContactSeries calls, DemandForecaster forecaster) {
        System.out.println("\n" + title + ", MASE scale from the " + (calls.dayCount() - TEST_DAYS) + " days before");
        System.out.println("origin   interval  MASE model  seasonal naive  4-week mean  MAE model  80% cover  95% cover");
        for (int horizon : new int[] {TEST_DAYS, 1}) {
            for (Duration interval : INTERVALS) {
                BacktestReport r = new Backtest(forecaster, TEST_DAYS, horizon).run(calls.aggregate(interval));
                System.out.printf(Locale.ROOT, "%-8s %-9s %10.3f %15.3f %12.3f %10.1f %9.1f%% %9.1f%%%n",
                        horizon == TEST_DAYS ? "fixed" : "daily", label(interval), r.mase(), r.seasonalNaiveMase(),
                        r.fourWeekMeanMase(), r.mae(), 100 * r.coverage80(), 100 * r.coverage95());
            }
        }
    }

    /**
     * Coverage per width and per lead on the rolling 40-day backtest (days 124-163: never used to choose settings): the
     * forecasts of the next five open days, whose intervals keep their nominal levels, and beside lead 1 the next-day
     * forecasts made each day, whose levels adapt (see {@link DemandForecaster}).
     */
    private static void printRolling(ContactSeries calls, DemandForecaster forecaster) {
        System.out.printf(Locale.ROOT, "%nrolling origins: each of the last %d days forecasts the next %d open days; coverage per lead"
                + " (goal 80 %% +- 2 and 95 %% +- 1.5)%n", ROLLING_DAYS, ROLLING_HORIZON);
        System.out.println("interval  lead  points  80% cover  95% cover  | next day, re-forecast daily (adaptive levels): 80% cover  95% cover  MASE  4-week mean");
        for (Duration interval : INTERVALS) {
            ContactSeries series = calls.aggregate(interval);
            BacktestReport daily = new Backtest(forecaster, ROLLING_DAYS, 1).run(series);
            BacktestReport rolling = new Backtest(forecaster, ROLLING_DAYS, ROLLING_HORIZON, 1).run(series);
            for (BacktestReport.LeadCoverage lead : rolling.byLead()) {
                System.out.printf(Locale.ROOT, "%-9s %4d %7d %9.2f%% %9.2f%%%s%n", label(interval), lead.lead(), lead.points(),
                        100 * lead.coverage80(), 100 * lead.coverage95(), lead.lead() > 1 ? ""
                                : String.format(Locale.ROOT, "  | %54.2f%% %9.2f%% %5.3f %12.3f", 100 * daily.coverage80(),
                                        100 * daily.coverage95(), daily.mase(), daily.fourWeekMeanMase()));
            }
        }
    }

    /** The two 40-day rolling windows before the reported one: days 44-83 and 84-123 (histories cut at 84 and 124). */
    static final int[] EARLIER_ROLLING_ENDS = {84, 124};

    /**
     * Weighs the rules for adapting the later leads' levels ({@link DemandForecaster.LevelAdaptation}) on the rolling
     * windows before the reported one only (days 44-123; the histories end at day 124, so days 124-163 play no part):
     * per rule, width and lead the 80 % / 95 % coverage of the five-day forecasts, and the distance, the mean over both
     * windows and the five leads of |coverage - nominal| in points.
     */
    private static void chooseAdaptation(ContactSeries calls) {
        System.out.printf(Locale.ROOT, "%nrolling origins on the earlier windows (days 44-83 and 84-123), five-day forecasts,"
                + " 80 %% / 95 %% covered per lead; distance = mean |coverage - nominal| over both windows and all leads%n");
        for (DemandForecaster.LevelAdaptation rule : DemandForecaster.LevelAdaptation.values()) {
            DemandForecaster forecaster = new DemandForecaster(ForecastSettings.defaults(), rule);
            System.out.println("\n" + rule);
            System.out.println("interval  window       lead 1        lead 2        lead 3        lead 4        lead 5     | distance 80 / 95");
            for (Duration interval : INTERVALS) {
                ContactSeries series = calls.aggregate(interval);
                double d80 = 0, d95 = 0;
                int n = 0;
                StringBuilder rows = new StringBuilder();
                for (int end : EARLIER_ROLLING_ENDS) {
                    BacktestReport rolling = new Backtest(forecaster, ROLLING_DAYS, ROLLING_HORIZON, 1)
                            .run(series.days(0, end));
                    rows.append(String.format(Locale.ROOT, "%-9s %3d-%-3d", label(interval), end - ROLLING_DAYS, end - 1));
                    for (BacktestReport.LeadCoverage lead : rolling.byLead()) {
                        rows.append(String.format(Locale.ROOT, "  %5.1f / %4.1f", 100 * lead.coverage80(), 100 * lead.coverage95()));
                        d80 += Math.abs(100 * lead.coverage80() - 80);
                        d95 += Math.abs(100 * lead.coverage95() - 95);
                        n++;
                    }
                    rows.append('\n');
                }
                System.out.print(rows);
                System.out.printf(Locale.ROOT, "%-9s distance %85.2f / %.2f%n", label(interval), d80 / n, d95 / n);
                System.out.flush();
            }
        }
    }

    private static String label(Duration interval) {
        return interval.equals(Duration.ofDays(1)) ? "1 day" : interval.toMinutes() + " min";
    }
}
