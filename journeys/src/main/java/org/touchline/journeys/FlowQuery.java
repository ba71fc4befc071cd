package org.touchline.journeys;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Lead and cycle times of the journeys that converted with {@code from <= decision time < to} (null = open), months
 * counted in {@code zone} (null = UTC), by {@code rules} (null = {@link JourneyRules#DEFAULT}).
 */
public record FlowQuery(JourneyRules rules, Instant from, Instant to, ZoneId zone, Unit unit, Integer minimumCount) {
    public FlowQuery {
        if (rules == null) rules = JourneyRules.DEFAULT;
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("flow: field 'to': must be after 'from'");
        if (zone == null) zone = ZoneId.of("UTC");
        if (unit == null) unit = Unit.CUSTOMER;
        minimumCount = Suppression.minimum(minimumCount);
    }

    public static FlowQuery all() {
        return new FlowQuery(null, null, null, null, null, null);
    }
}
