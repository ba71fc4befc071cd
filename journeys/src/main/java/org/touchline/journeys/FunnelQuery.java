package org.touchline.journeys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A funnel over ordered steps. Exact semantics, per unit (a customer, or a household with its members' touches merged):
 * <ol>
 *   <li>The unit enters at its earliest touch matching step 1 with {@code from <= at < to} (either bound may be null
 *   for open); later matches in the range are not fresh entries. A unit with none does not enter.</li>
 *   <li>It reaches step k (k >= 2) at its earliest touch matching step k whose time is strictly after the step k-1
 *   touch's time and at most that time plus step k's {@code window} (null = no limit). Step 1's window is ignored.
 *   There is no back-tracking: an earlier step k-1 touch is never swapped for a later one.</li>
 *   <li>Times are whole seconds; the time to convert into step k is its touch's time minus step k-1's.</li>
 * </ol>
 * {@code minimumCount} (null = 5) suppresses smaller counts.
 */
public record FunnelQuery(List<Step> steps, Instant from, Instant to, Split split, Unit unit, Integer minimumCount) {
    public FunnelQuery {
        if (steps == null || steps.isEmpty()) throw new IllegalArgumentException("funnel: field 'steps': at least one step is needed");
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s == null || s.filter() == null) throw new IllegalArgumentException("funnel: step " + (i + 1) + ": field 'filter': missing");
            if (s.window() != null && (s.window().isNegative() || s.window().isZero()))
                throw new IllegalArgumentException("funnel: step " + (i + 1) + ": field 'window': must be positive");
        }
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("funnel: field 'to': must be after 'from'");
        if (split == null) split = Split.NONE;
        if (unit == null) unit = Unit.CUSTOMER;
        minimumCount = Suppression.minimum(minimumCount);
    }

    public FunnelQuery(List<Step> steps, Instant from, Instant to) {
        this(steps, from, to, Split.NONE, Unit.CUSTOMER, null);
    }

    public FunnelQuery withSplit(Split split) { return new FunnelQuery(steps, from, to, split, unit, minimumCount); }

    public FunnelQuery withMinimumCount(int minimumCount) { return new FunnelQuery(steps, from, to, split, unit, minimumCount); }

    public FunnelQuery withUnit(Unit unit) { return new FunnelQuery(steps, from, to, split, unit, minimumCount); }

    /** One step: a name for the report, which touches count, and how long after the previous step it may come. */
    public record Step(String name, TouchFilter filter, Duration window) {
        public Step {
            if (name == null || name.isBlank()) name = "step";
        }
    }
}
