package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The forecast for one future interval: expected contacts and the central 80 % and 95 % prediction intervals.
 *
 * @param start      clock start of the interval
 * @param openLength how long the channel is open within it (shorter than the interval at the edges of the day)
 */
public record IntervalForecast(LocalDateTime start, Duration openLength, double expected, double lower80,
        double upper80, double lower95, double upper95) {

    public IntervalForecast {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(openLength, "openLength");
        if (!(expected >= 0) || !(lower95 >= 0) || !(lower95 <= lower80) || !(lower80 <= upper80)
                || !(upper80 <= upper95) || Double.isInfinite(upper95)) {
            throw new IllegalArgumentException("interval forecast " + start + ": expected " + expected
                    + " and bounds 95 % [" + lower95 + ", " + upper95 + "], 80 % [" + lower80 + ", " + upper80
                    + "] must be finite, >= 0 and nested");
        }
    }

    public boolean within80(double actual) {
        return actual >= lower80 && actual <= upper80;
    }

    public boolean within95(double actual) {
        return actual >= lower95 && actual <= upper95;
    }
}
