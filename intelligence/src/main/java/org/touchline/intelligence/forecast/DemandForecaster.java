package org.touchline.intelligence.forecast;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts contacts per interval as (daily total) x (time-of-day profile), the structure of Weinberg, Brown and
 * Stroud's call-centre model, estimated by plain weighted averages:
 * <ul>
 *   <li>daily total = current level x weekday factor x calendar-effect factor. The level is the mean of the last
 *       {@code levelDays} regular daily totals divided by their weekday factors; the weekday factors are each
 *       weekday's mean share of the regular totals of the last {@code weekdayFactorDays}; the calendar effects
 *       ({@link CalendarEffect}) are the mean ratio of past such days to the level around them, shrunk towards 1;</li>
 *   <li>profile = share of the day's contacts per interval, averaged over the last {@code profileWeeks} days with the
 *       same weekday (newer days weigh more), blended with the all-weekday profile and smoothed over neighbouring
 *       intervals.</li>
 * </ul>
 * Daily seasonality lives in the profile, weekly seasonality in the weekday factors and weekday profiles.
 * Prediction intervals come from the empirical quantiles of this model's own errors when it is run from the
 * {@code calibrationDays} origins before the end of the history, at the same horizon (split conformal prediction on
 * rolling origins). Errors are not exchangeable over months (the level drifts, a busy spell widens them), so the
 * quantile levels are adapted as those origins are replayed in time order: adaptive conformal inference (Gibbs and
 * Candès 2021, "Adaptive Conformal Inference Under Distribution Shift", NeurIPS, equation 2), where after each origin
 * the share of its actuals outside the bounds moves the level, alpha += gamma (target - missed). Each lead up to
 * {@link #ADAPTIVE_LEADS} open days ahead has its own errors and its own levels, replayed with only the errors whose
 * actuals were known at each origin (a lead-3 error is known three days after its forecast); farther leads share one
 * set of errors at the nominal levels. {@link #ADAPTATION} was chosen on days 84-123 of the bank data for next-day
 * forecasts, before the 40 days it is reported on, and is used unchanged for every lead.
 */
public final class DemandForecaster implements PointForecaster {

    private final ForecastSettings settings;
    private final LevelAdaptation adaptation;
    /** Step of the adaptive levels per origin (a whole day of intervals at once). */
    static final double ADAPTATION = 0.1;

    /**
     * How each lead's levels learn from its past misses while the calibration origins are replayed. Lead 1 (next-day
     * forecasts) adapts the same way under every rule; the rules differ in how leads 2-5, whose misses are known only
     * 2-5 days after their forecasts, are treated.
     */
    enum LevelAdaptation {
        /** Step {@link #ADAPTATION} for every lead; each replayed origin's misses move the level at once. */
        SAME_STEP(false, false),
        /**
         * Step {@link #ADAPTATION} / lead: the feedback loop's gain (step x delay) is that of next-day forecasts, for
         * which the step was chosen.
         */
        STEP_PER_LEAD(true, false),
        /**
         * Step {@link #ADAPTATION}, but at each replayed origin a lead's level has moved only on the misses already
         * observable there (a lead-3 miss three days after its forecast), so each miss is judged at the level that was
         * actually in force, as in a live deployment (adaptive conformal inference with delayed feedback).
         */
        OBSERVED_ONLY(false, true),
        /** Both: step / lead, and only observable misses. */
        STEP_PER_LEAD_OBSERVED_ONLY(true, true);

        final boolean stepPerLead;
        final boolean observedOnly;

        LevelAdaptation(boolean stepPerLead, boolean observedOnly) {
            this.stepPerLead = stepPerLead;
            this.observedOnly = observedOnly;
        }

        double step(int lead) {
            return stepPerLead ? ADAPTATION / lead : ADAPTATION;
        }
    }

    /**
     * The rule in use. Of the four, {@link LevelAdaptation#OBSERVED_ONLY} was chosen on the rolling windows before the
     * reported one (days 44-123, {@code BankCallsCheck --choose-adaptation}: the smallest mean distance of the five
     * leads' coverage from nominal over the 5-, 15- and 60-minute widths, 80 % and 95 % together) and read once on days
     * 124-163: it left the hourly lead 5 at 82.04 % and took the 15-minute lead 5 from 81.63 % to 82.02 %, outside 80 ±
     * 2, so it was not adopted (docs/intelligence.md, "Demand and staffing").
     */
    static final LevelAdaptation DEFAULT_ADAPTATION = LevelAdaptation.SAME_STEP;
    /**
     * Leads (open days ahead) calibrated each on its own errors with adaptive levels: a working week, the staffing
     * horizon. A lead's coverage is known only that many days after its forecast, and adapting on feedback that late
     * overshoots (on a 20-day forecast every lead adapted alone covered 88 % for 80 %), so farther leads share one set
     * of errors at the nominal levels.
     */
    static final int ADAPTIVE_LEADS = 5;
    /** Origins replayed before the levels start to adapt: fewer errors than that give noisy bounds to judge by. */
    private static final int ADAPT_AFTER = 10;

    public DemandForecaster() {
        this(ForecastSettings.defaults());
    }

    public DemandForecaster(ForecastSettings settings) {
        this(settings, DEFAULT_ADAPTATION);
    }

    DemandForecaster(ForecastSettings settings, LevelAdaptation adaptation) {
        this.settings = settings;
        this.adaptation = adaptation;
    }

    public ForecastSettings settings() {
        return settings;
    }

    @Override
    public double[][] expected(ContactSeries history, List<LocalDate> days) {
        return expected(DayTable.of(history), history.dayCount(), days);
    }

    /** Forecast with prediction intervals for the next {@code days} open days after the history. */
    public Forecast forecast(ContactSeries history, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("forecast of " + history.channel() + ": days " + days + " must be >= 1");
        }
        DayTable table = DayTable.of(history);
        List<LocalDate> targets = history.hours().openDaysFrom(history.nextDay(), days);
        double[][] point = expected(table, table.size(), targets);
        ResidualQuantiles[] byLead = calibrate(table, days);
        List<IntervalForecast> intervals = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            List<LocalDateTime> starts = history.hours().slotStarts(targets.get(t), history.interval());
            for (int j = 0; j < starts.size(); j++) {
                // A lead beyond what the history could calibrate takes the farthest one calibrated.
                double[] b = byLead[Math.min(t, byLead.length - 1)].bounds(j, point[t][j]);
                intervals.add(new IntervalForecast(starts.get(j),
                        history.hours().openWithin(starts.get(j), history.interval()), point[t][j], b[1], b[2], b[0],
                        b[3]));
            }
        }
        return new Forecast(history.channel(), history.interval(), intervals);
    }

    /**
     * Errors of forecasts made from each origin among the last {@code calibrationDays} at which a whole horizon of
     * actuals is still in the history. Needs two weeks of history before the first origin; with a short history the
     * horizon is cut to what fits, which makes the far end of long forecasts slightly optimistic.
     */
    private ResidualQuantiles[] calibrate(DayTable table, int horizon) {
        int warmUp = 2 * table.series().hours().openDaysPerWeek();
        int usable = Math.min(horizon, table.size() - warmUp);
        if (usable < 1) {
            throw new IllegalArgumentException("forecast of " + table.series().channel() + ": prediction intervals need"
                    + " more than " + warmUp + " open days of history, got " + table.size());
        }
        int first = Math.max(warmUp, table.size() - usable - settings.calibrationDays() + 1);
        Duration interval = table.series().interval();
        int neighbours = (int) (settings.residualPooling().toSeconds() / interval.toSeconds());
        // One set of errors per lead up to ADAPTIVE_LEADS, each with its own adaptive levels (errors grow with the lead
        // and drift apart); the leads beyond share one set at the nominal levels.
        int sets = Math.min(usable, ADAPTIVE_LEADS) + (usable > ADAPTIVE_LEADS ? 1 : 0);
        ResidualQuantiles[] bySet = new ResidualQuantiles[sets];
        double[] miss80 = new double[sets], miss95 = new double[sets];
        // Per set, the misses measured but not yet applied to its levels: {origin at which observable, out80, out95}.
        List<ArrayDeque<double[]>> pending = new ArrayList<>();
        for (int k = 0; k < sets; k++) {
            bySet[k] = new ResidualQuantiles(table.slotsPerDay(), neighbours);
            miss80[k] = 0.20;
            miss95[k] = 0.05;
            pending.add(new ArrayDeque<>());
        }
        List<double[][]> points = new ArrayList<>();
        // Every origin whose actuals are (partly) in the history: each lead learns from all the errors it can, so the
        // next day of a week's forecast is calibrated exactly as a next-day forecast made on the same day.
        for (int origin = first; origin < table.size(); origin++) {
            int leads = Math.min(usable, table.size() - origin);
            double[][] point = expected(table, origin, table.dates().subList(origin, origin + leads));
            points.add(point);
            for (int t = 0; t < leads; t++) {
                // At this origin, lead t's errors are known for origins up to origin - t - 1 (their actuals are past):
                // the levels are judged only on those, as they would have been at the time.
                int known = origin - t - 1;
                int k = Math.min(t, ADAPTIVE_LEADS);
                if (known >= first) {
                    addErrors(bySet[k], table.counts()[known + t], points.get(known - first)[t]);
                }
                if (t >= ADAPTIVE_LEADS || known - first + 1 < ADAPT_AFTER) {
                    continue;
                }
                double[] actual = table.counts()[origin + t];
                // The misses observable at this origin (those of origins up to origin - t - 1) move the level first.
                adapt(pending.get(k), origin, t + 1, miss80, miss95, k);
                bySet[k].levels(miss80[k], miss95[k]);
                int out80 = 0, out95 = 0;
                for (int j = 0; j < point[t].length; j++) {
                    double[] b = bySet[k].bounds(j, point[t][j]);
                    out80 += actual[j] < b[1] || actual[j] > b[2] ? 1 : 0;
                    out95 += actual[j] < b[0] || actual[j] > b[3] ? 1 : 0;
                }
                // Observable from origin + t + 1 on (its actuals are day origin + t); at once unless the rule waits.
                pending.get(k).add(new double[] {adaptation.observedOnly ? origin + t + 1 : origin,
                        (double) out80 / point[t].length, (double) out95 / point[t].length});
                adapt(pending.get(k), adaptation.observedOnly ? origin : Integer.MAX_VALUE, t + 1, miss80, miss95, k);
            }
        }
        // Every miss measured is observable by the end of the history.
        for (int k = 0; k < Math.min(sets, ADAPTIVE_LEADS); k++) {
            adapt(pending.get(k), Integer.MAX_VALUE, k + 1, miss80, miss95, k);
        }
        // The errors not yet added (the last origins of each lead): their actuals are in the history by now.
        for (int t = 0; t < usable; t++) {
            for (int origin = Math.max(first, table.size() - 2 * t - 1); origin <= table.size() - 1 - t; origin++) {
                addErrors(bySet[Math.min(t, ADAPTIVE_LEADS)], table.counts()[origin + t], points.get(origin - first)[t]);
            }
        }
        for (int k = 0; k < sets; k++) {
            bySet[k].levels(miss80[k], miss95[k]);
        }
        return bySet;
    }

    /** Applies, in order, the pending misses of set {@code k} (lead {@code lead}) observable at {@code origin}. */
    private void adapt(ArrayDeque<double[]> pending, int origin, int lead, double[] miss80, double[] miss95, int k) {
        double step = adaptation.step(lead);
        while (!pending.isEmpty() && pending.peekFirst()[0] <= origin) {
            double[] miss = pending.pollFirst();
            miss80[k] = clamp(miss80[k] + step * (0.20 - miss[1]));
            miss95[k] = clamp(miss95[k] + step * (0.05 - miss[2]));
            miss95[k] = Math.min(miss95[k], miss80[k]); // the 95 % interval never inside the 80 % one
        }
    }

    private static void addErrors(ResidualQuantiles quantiles, double[] actual, double[] point) {
        for (int j = 0; j < point.length; j++) {
            quantiles.add(j, actual[j], point[j]);
        }
    }

    /** A miss level kept inside (0, 1): at most every actual left out, at least a sliver. */
    private static double clamp(double miss) {
        return Math.max(0.001, Math.min(0.999, miss));
    }

    /** Forecast from the first {@code h} days of the table. */
    double[][] expected(DayTable table, int h, List<LocalDate> targets) {
        if (h < 1) {
            throw new IllegalArgumentException("forecast of " + table.series().channel() + ": history is empty");
        }
        DailyModel daily = dailyModel(table, h);
        Map<DayOfWeek, double[]> profiles = new EnumMap<>(DayOfWeek.class);
        double[][] out = new double[targets.size()][];
        for (int t = 0; t < targets.size(); t++) {
            LocalDate day = targets.get(t);
            double total = daily.total(day, CalendarEffect.of(day, table.series().hours()));
            double[] profile = profiles.computeIfAbsent(day.getDayOfWeek(), dow -> profile(table, h, dow));
            out[t] = new double[profile.length];
            for (int j = 0; j < profile.length; j++) {
                out[t][j] = total * profile[j];
            }
        }
        return out;
    }

    private record DailyModel(double level, Map<DayOfWeek, Double> factors, Map<CalendarEffect, Double> effects) {
        double total(LocalDate day, CalendarEffect effect) {
            return level * factors.getOrDefault(day.getDayOfWeek(), 1.0) * effects.getOrDefault(effect, 1.0);
        }
    }

    private DailyModel dailyModel(DayTable table, int h) {
        double[] totals = table.totals();
        Map<DayOfWeek, Double> factors = weekdayFactors(table, Math.max(0, h - settings.weekdayFactorDays()), h);
        Map<DayOfWeek, Double> wholeHistory = weekdayFactors(table, 0, h);
        wholeHistory.forEach(factors::putIfAbsent); // a weekday missing from the window (a run of holidays)
        double level = levelBefore(table, h, factors);
        if (Double.isNaN(level)) { // no regular day at all: fall back to every day
            level = 0;
            for (int p = 0; p < h; p++) {
                level += totals[p] / h;
            }
        }
        Map<CalendarEffect, Double> effects = new EnumMap<>(CalendarEffect.class);
        for (CalendarEffect effect : new CalendarEffect[] {CalendarEffect.AFTER_CLOSURE, CalendarEffect.MONTH_TURN}) {
            double ratios = 0;
            int n = 0;
            for (int p = Math.max(0, h - settings.effectDays()); p < h; p++) {
                if (table.effects()[p] != effect) {
                    continue;
                }
                double baseline = levelBefore(table, p, factors) * factors.getOrDefault(table.dates().get(p).getDayOfWeek(), 1.0);
                if (baseline > 0) {
                    ratios += totals[p] / baseline;
                    n++;
                }
            }
            double shrink = settings.effectShrinkage();
            effects.put(effect, n + shrink == 0 ? 1.0 : (ratios + shrink) / (n + shrink));
        }
        return new DailyModel(level, factors, effects);
    }

    /** Each weekday's mean daily total over regular days in [from, to), relative to the mean of all of them. */
    private static Map<DayOfWeek, Double> weekdayFactors(DayTable table, int from, int to) {
        double sum = 0;
        int n = 0;
        Map<DayOfWeek, double[]> byDay = new EnumMap<>(DayOfWeek.class); // {sum, count}
        for (int p = from; p < to; p++) {
            if (table.effects()[p] == CalendarEffect.NONE) {
                double[] acc = byDay.computeIfAbsent(table.dates().get(p).getDayOfWeek(), d -> new double[2]);
                acc[0] += table.totals()[p];
                acc[1]++;
                sum += table.totals()[p];
                n++;
            }
        }
        Map<DayOfWeek, Double> factors = new EnumMap<>(DayOfWeek.class);
        double mean = sum / n;
        byDay.forEach((day, acc) -> factors.put(day, mean > 0 ? acc[0] / acc[1] / mean : 1.0));
        return factors;
    }

    /** Mean deseasonalised total of the last {@code levelDays} regular days before day {@code h}; NaN if none. */
    private double levelBefore(DayTable table, int h, Map<DayOfWeek, Double> factors) {
        double sum = 0;
        int n = 0;
        for (int p = h - 1; p >= 0 && n < settings.levelDays(); p--) {
            if (table.effects()[p] == CalendarEffect.NONE) {
                double factor = factors.getOrDefault(table.dates().get(p).getDayOfWeek(), 1.0);
                sum += factor > 0 ? table.totals()[p] / factor : 0;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Share of a {@code dow}'s contacts per interval, from days before {@code h}; sums to one. */
    private double[] profile(DayTable table, int h, DayOfWeek dow) {
        int slots = table.slotsPerDay();
        int perWeek = table.series().hours().openDaysPerWeek();
        double[] own = new double[slots];
        double[] all = new double[slots];
        double ownWeight = 0;
        double allWeight = 0;
        int ownDays = 0;
        for (int p = h - 1, age = 0; p >= 0 && age < settings.profileWeeks() * perWeek; p--, age++) {
            double total = table.totals()[p];
            if (total <= 0) {
                continue;
            }
            double w = Math.pow(settings.profileDecay(), (double) age / perWeek);
            addShares(all, table.counts()[p], total, w);
            allWeight += w;
        }
        for (int p = h - 1; p >= 0 && ownDays < settings.profileWeeks(); p--) {
            if (table.dates().get(p).getDayOfWeek() != dow || table.totals()[p] <= 0) {
                continue;
            }
            double w = Math.pow(settings.profileDecay(), ownDays++);
            addShares(own, table.counts()[p], table.totals()[p], w);
            ownWeight += w;
        }
        double[] blended = new double[slots];
        for (int j = 0; j < slots; j++) {
            double a = allWeight > 0 ? all[j] / allWeight : 1.0 / slots;
            blended[j] = ownWeight > 0 ? (1 - settings.profilePooling()) * own[j] / ownWeight + settings.profilePooling() * a : a;
        }
        return normalised(smoothed(blended, (double) settings.profileSmoothing().toSeconds()
                / table.series().interval().toSeconds()));
    }

    private static void addShares(double[] into, double[] day, double total, double weight) {
        for (int j = 0; j < into.length; j++) {
            into[j] += weight * day[j] / total;
        }
    }

    /** Gaussian kernel smoothing across intervals, renormalised at the edges of the day. */
    private static double[] smoothed(double[] v, double bandwidth) {
        if (bandwidth < 0.5) {
            return v; // narrower than half an interval: the kernel would put > 98 % on the interval itself
        }
        int reach = (int) Math.ceil(3 * bandwidth);
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            double num = 0;
            double den = 0;
            for (int k = Math.max(0, j - reach); k <= Math.min(v.length - 1, j + reach); k++) {
                double w = Math.exp(-0.5 * Math.pow((k - j) / bandwidth, 2));
                num += w * v[k];
                den += w;
            }
            out[j] = num / den;
        }
        return out;
    }

    private static double[] normalised(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = sum > 0 ? v[j] / sum : 1.0 / v.length;
        }
        return out;
    }
}
