package org.touchline.journeys;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Do linked customers churn (or do any chosen event) close together? A customer's event is their first touch matching
 * {@code event} (default: type account_closed). Customers are linked by a household, an organisation, or by meeting:
 * touches at the same place (an opaque store, agent or engineer id) on the same UTC day, on at least
 * {@code meetingDays} different days (default 2); a place-day with more than {@code crowd} customers (default 25)
 * links no one, as a busy store is not a circle of friends. Groups are the households, the organisations, and the
 * connected sets of customers who met. Two events are close when at most {@code window} apart (default 30 days).
 */
public record CoChurnQuery(TouchFilter event, Duration window, Set<GroupKind> kinds, Integer meetingDays, Integer crowd,
                           Integer top, Integer minimumCount) {
    public enum GroupKind { HOUSEHOLD, ORGANISATION, MEETING }

    public CoChurnQuery {
        if (event == null) event = TouchFilter.type("account_closed");
        if (window == null) window = Duration.ofDays(30);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("co-churn: field 'window': must be positive");
        kinds = kinds == null || kinds.isEmpty() ? EnumSet.allOf(GroupKind.class) : Set.copyOf(kinds);
        if (meetingDays == null) meetingDays = 2;
        if (meetingDays < 1) throw new IllegalArgumentException("co-churn: field 'meetingDays': must be at least 1");
        if (crowd == null) crowd = 25;
        if (crowd < 2) throw new IllegalArgumentException("co-churn: field 'crowd': must be at least 2");
        if (top == null) top = 20;
        minimumCount = Suppression.minimum(minimumCount);
    }

    public static CoChurnQuery churn() {
        return new CoChurnQuery(null, null, null, null, null, null, null);
    }
}
