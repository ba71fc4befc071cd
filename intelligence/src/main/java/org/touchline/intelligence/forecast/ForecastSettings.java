package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of {@link DemandForecaster}. {@link #defaults()} were chosen on the bank data's training days only (the
 * 20-day windows ending at days 84, 104 and 124, never the last 20 days); at five minutes halving or doubling any
 * one of them moved the MASE there by less than 0.02.
 *
 * @param levelDays          open days of deseasonalised daily totals averaged into the current level
 * @param weekdayFactorDays  open days from which the weekday factors (Monday busier than Thursday) are taken
 * @param profileWeeks       same-weekday days averaged into a time-of-day profile
 * @param profileDecay       weight of each older same-weekday day relative to the next newer one (0-1]
 * @param profilePooling     share of the all-weekday profile blended into a weekday's own profile [0-1]
 * @param profileSmoothing   Gaussian kernel bandwidth smoothing the profile across neighbouring intervals
 * @param effectDays         open days searched for past holidays and month turns to size calendar effects
 * @param effectShrinkage    pseudo-days at factor 1 added to each calendar effect, so one odd day does not set it
 * @param calibrationDays    forecast origins, one per open day, whose errors calibrate the prediction intervals
 * @param residualPooling    intervals within this distance share their error quantiles
 */
public record ForecastSettings(int levelDays, int weekdayFactorDays, int profileWeeks, double profileDecay,
        double profilePooling, Duration profileSmoothing, int effectDays, double effectShrinkage, int calibrationDays,
        Duration residualPooling) {

    public ForecastSettings {
        positive("levelDays", levelDays);
        positive("weekdayFactorDays", weekdayFactorDays);
        positive("profileWeeks", profileWeeks);
        positive("effectDays", effectDays);
        positive("calibrationDays", calibrationDays);
        if (!(profileDecay > 0 && profileDecay <= 1)) {
            throw new IllegalArgumentException("forecast settings: profileDecay " + profileDecay + " must be in (0, 1]");
        }
        if (!(profilePooling >= 0 && profilePooling <= 1)) {
            throw new IllegalArgumentException("forecast settings: profilePooling " + profilePooling + " must be in [0, 1]");
        }
        if (!(effectShrinkage >= 0)) {
            throw new IllegalArgumentException("forecast settings: effectShrinkage " + effectShrinkage + " must be >= 0");
        }
        Objects.requireNonNull(profileSmoothing, "profileSmoothing");
        Objects.requireNonNull(residualPooling, "residualPooling");
        if (profileSmoothing.isNegative() || residualPooling.isNegative()) {
            throw new IllegalArgumentException("forecast settings: profileSmoothing and residualPooling must not be negative");
        }
    }

    public static ForecastSettings defaults() {
        return new ForecastSettings(20, 60, 12, 0.9, 0.3, Duration.ofMinutes(5), 120, 2.0, 80, Duration.ofMinutes(10));
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("forecast settings: " + name + " " + value + " must be >= 1");
        }
    }
}
