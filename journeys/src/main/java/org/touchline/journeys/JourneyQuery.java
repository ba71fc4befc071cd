package org.touchline.journeys;

import java.time.Instant;

/**
 * Journey states as of a moment ({@code asOf}, null = the table's last touch; later touches are ignored), for the
 * journeys that started with {@code from <= first touch < to} (null = open), cut by {@code rules} (null = default).
 */
public record JourneyQuery(JourneyRules rules, Instant asOf, Instant from, Instant to, Unit unit, Integer minimumCount) {
    public JourneyQuery {
        if (rules == null) rules = JourneyRules.DEFAULT;
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("journeys: field 'to': must be after 'from'");
        if (unit == null) unit = Unit.CUSTOMER;
        minimumCount = Suppression.minimum(minimumCount);
    }

    public static JourneyQuery all() {
        return new JourneyQuery(null, null, null, null, null, null);
    }
}
