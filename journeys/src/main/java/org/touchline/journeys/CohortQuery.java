package org.touchline.journeys;

import java.time.Instant;

/**
 * Retention cohorts, as analytics tools draw them: customers grouped by where they started, and per period after
 * that start the share of them who were active again. Exact semantics, per customer (docs/analytics.md, "Retention
 * cohorts"):
 * <ol>
 *   <li>Touches on the {@code external} channel (an outage notice reaching everyone in an area) are not the customer's
 *   doing: they neither start a cohort nor count as activity.</li>
 *   <li>The customer's <em>start</em> is their first touch ({@link By#FIRST_MONTH}, {@link By#CHANNEL}) or their first
 *   purchase that names a product ({@link By#PRODUCT}); a purchase is a touch in the {@link Stage#DECISION} stage. The
 *   cohort is the calendar period of the start, its channel, or its first listed product. A customer with no start,
 *   or whose start is outside {@code from <= at < to} (either bound null for open), is in no cohort.</li>
 *   <li>Periods are calendar months or ISO weeks (Monday to Sunday) in UTC; period k of a customer is the k-th period
 *   after the one their start is in. They are retained in period k when they have an activity touch ({@link
 *   Activity}) at or after their start in that period; period 0 is the start's own.</li>
 *   <li>A customer counts in period k only once that period has begun by the snapshot's latest touch; the period
 *   holding that touch is {@code partial}. Periods 0 to {@code periods} are reported.</li>
 * </ol>
 * {@code minimumCount} (null = 5) suppresses smaller counts.
 */
public record CohortQuery(By by, Period period, Activity activity, Instant from, Instant to, Integer periods, Integer minimumCount) {
    public static final int MAX_PERIODS = 120;

    /** What the cohorts are: the period of the first touch, the first product bought, or the first touch's channel. */
    public enum By { FIRST_MONTH, PRODUCT, CHANNEL }

    /** Calendar months, or ISO weeks starting on Monday; both in UTC. */
    public enum Period { MONTH, WEEK }

    /** What counts as being active again: any touch, or a purchase (a touch in the decision stage). */
    public enum Activity {
        ANY, PURCHASE;

        TouchFilter filter() { return this == ANY ? TouchFilter.ANY : TouchFilter.stage(Stage.DECISION); }
    }

    public CohortQuery {
        if (by == null) by = By.FIRST_MONTH;
        if (period == null) period = Period.MONTH;
        if (activity == null) activity = Activity.ANY;
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("cohorts.to: must be after 'from'");
        if (periods == null) periods = 12;
        if (periods < 1 || periods > MAX_PERIODS)
            throw new IllegalArgumentException("cohorts.periods: must be 1 to " + MAX_PERIODS + ", got " + periods);
        minimumCount = Suppression.minimum(minimumCount);
    }

    public static CohortQuery by(By by) {
        return new CohortQuery(by, null, null, null, null, null, null);
    }

    public CohortQuery with(Period period, Activity activity) { return new CohortQuery(by, period, activity, from, to, periods, minimumCount); }

    public CohortQuery withMinimumCount(int minimumCount) { return new CohortQuery(by, period, activity, from, to, periods, minimumCount); }
}
