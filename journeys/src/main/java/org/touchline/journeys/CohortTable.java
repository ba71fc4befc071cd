package org.touchline.journeys;

import java.util.List;

/**
 * Retention cohorts' answer ({@link CohortQuery}): one row per cohort and an overall row over all of them, each with
 * its cells for periods 0, 1, 2... as far as the data reaches. Counts of customers only; suppressed counts are null
 * and set {@code suppressed}.
 *
 * @param dataEnd the snapshot's latest touch (RFC 3339), which bounds the periods observed; null for an empty table
 * @param cohorts by start period oldest first ({@code yyyy-MM}, or the Monday {@code yyyy-MM-dd} of a week), or by
 *                product or channel biggest first
 */
public record CohortTable(CohortQuery.By by, CohortQuery.Period period, CohortQuery.Activity activity, int minimumCount,
                          String dataEnd, List<Cohort> cohorts, Cohort overall) {
    /**
     * One cohort. {@code customers}: how many started in it; {@code cells}: period 0 onwards, while any of them has
     * reached the period.
     */
    public record Cohort(String cohort, Long customers, boolean suppressed, List<Cell> cells) {}

    /**
     * Period {@code period} after the start. {@code customers}: the cohort's customers for whom the period has begun;
     * {@code retained}: those of them active in it; {@code rate}: retained / customers; {@code partial}: the period of
     * the data's latest touch, still running for some of them.
     */
    public record Cell(int period, Long customers, Long retained, Double rate, boolean partial, boolean suppressed) {}
}
