package org.touchline.journeys;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Calendar periods in UTC over a table's times: calendar months (through {@link MonthGrid}) or ISO weeks, Monday to
 * Sunday. A touch's period is a small index that grows by one from each period to the next, so the difference of two
 * indexes is how many periods apart two touches are.
 */
final class PeriodGrid {
    private static final LocalDate FIRST_MONDAY = LocalDate.of(2000, 1, 3);   // TouchTable.EPOCH is a Saturday
    private static final int MONDAY = 2 * 86_400, WEEK = 7 * 86_400;
    private final CohortQuery.Period period;
    private final MonthGrid months;

    PeriodGrid(TouchTable table, CohortQuery.Period period) {
        this.period = period;
        this.months = period == CohortQuery.Period.MONTH ? new MonthGrid(table, ZoneOffset.UTC) : null;
    }

    int of(int time) {
        return period == CohortQuery.Period.MONTH ? months.monthOf(time) : Math.floorDiv(time - MONDAY, WEEK);
    }

    /** A month as {@code yyyy-MM}, a week as the date of its Monday. */
    String name(int index) {
        return period == CohortQuery.Period.MONTH ? months.name(index) : FIRST_MONDAY.plusWeeks(index).toString();
    }
}
