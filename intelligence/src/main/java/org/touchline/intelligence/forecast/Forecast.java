package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A channel's forecast, one {@link IntervalForecast} per future interval in time order. */
public record Forecast(String channel, Duration interval, List<IntervalForecast> intervals) {

    public Forecast {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(interval, "interval");
        intervals = List.copyOf(intervals);
    }

    public double[] expected() {
        return intervals.stream().mapToDouble(IntervalForecast::expected).toArray();
    }

    public double total() {
        return intervals.stream().mapToDouble(IntervalForecast::expected).sum();
    }
}
