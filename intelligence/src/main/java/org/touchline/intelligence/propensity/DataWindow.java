package org.touchline.intelligence.propensity;

import java.time.Instant;
import java.util.List;

/** The earliest and latest moment described by a model's training rows. */
public record DataWindow(Instant from, Instant to) {
    public DataWindow {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("data window starts (" + from + ") after it ends (" + to + ")");
        }
    }

    public static DataWindow of(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples, so no data window");
        }
        Instant from = examples.get(0).asOf();
        Instant to = from;
        for (Example e : examples) {
            from = e.asOf().isBefore(from) ? e.asOf() : from;
            to = e.asOf().isAfter(to) ? e.asOf() : to;
        }
        return new DataWindow(from, to);
    }
}
