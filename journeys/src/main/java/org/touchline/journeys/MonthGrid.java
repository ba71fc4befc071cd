package org.touchline.journeys;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/** The calendar months (in a zone) that cover a table's times, to find a touch's month with a binary search. */
final class MonthGrid {
    private final YearMonth first;
    private final long[] starts;     // seconds since TouchTable.EPOCH at which month i begins; one more than months

    MonthGrid(TouchTable t, ZoneId zone) {
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int v : t.time) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (t.size() == 0) lo = hi = 0;
        first = YearMonth.from(TouchTable.instant(lo).atZone(zone));
        YearMonth last = YearMonth.from(TouchTable.instant(hi).atZone(zone));
        int months = (int) (first.until(last, ChronoUnit.MONTHS) + 1);
        starts = new long[months + 1];
        for (int m = 0; m <= months; m++)
            starts[m] = first.plusMonths(m).atDay(1).atStartOfDay(zone).toEpochSecond() - TouchTable.EPOCH_SECOND;
    }

    int monthOf(int time) {
        int i = Arrays.binarySearch(starts, time);
        return i >= 0 ? i : -i - 2;
    }

    String name(int month) { return first.plusMonths(month).toString(); }

}
