package org.touchline.journeys;

import java.util.List;

/**
 * Per kind of group: how many groups of two or more ({@code groupCount}), the ordered pairs (a member with the event, another member) and
 * how many of those others had the event within the window of the first; the conditional rate followed / pairs; the
 * base rate (for the same triggers, the share of all other customers whose event fell within the window of the
 * trigger's); and lift = conditional / base. {@code groups} lists the groups with two or more close events, most
 * first: an opaque id (kind and rank), the size, and the events as days after the group's first. No customer ids.
 */
public record CoChurnResult(int minimumCount, Long customers, Long withEvent, List<Kind> kinds) {
    public record Kind(CoChurnQuery.GroupKind kind, long groupCount, Long pairs, Long followed, Double conditionalRate,
                       Double baseRate, Double lift, List<Group> groups) {}

    public record Group(String id, int size, List<Double> eventDays) {}
}
