package org.touchline.journeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small hand-built tables for the tests: touches written as (customer, time, channel, type, products...). */
final class Tables {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Touch> touches = new ArrayList<>();
    private String household;

    static Tables of() { return new Tables(); }

    /** Touches added next belong to this household (null for none). */
    Tables household(String h) {
        this.household = h;
        return this;
    }

    /** A touch {@code seconds} after T0. */
    Tables add(String customer, long seconds, String channel, String type, String... products) {
        touches.add(new Touch(customer, household, null, T0.plusSeconds(seconds), channel, type, "src-" + channel,
                List.of(products), null, null));
        return this;
    }

    Tables add(Touch t) {
        touches.add(t);
        return this;
    }

    List<Touch> touches() { return touches; }

    TouchTable build() {
        TouchTable.Builder b = TouchTable.builder(StageMap.defaults());
        touches.forEach(b::add);
        return b.build();
    }

    static long days(double d) { return (long) (d * 86_400); }
}
