package org.touchline.intelligence.forecast;

import java.time.LocalDate;
import java.util.List;

/** A series cut into open days once, so that backtests can forecast from many prefixes without copying. */
record DayTable(ContactSeries series, double[][] counts, double[] totals, List<LocalDate> dates,
        CalendarEffect[] effects) {

    static DayTable of(ContactSeries series) {
        List<LocalDate> dates = series.days();
        double[][] counts = new double[dates.size()][];
        double[] totals = new double[dates.size()];
        CalendarEffect[] effects = new CalendarEffect[dates.size()];
        for (int d = 0; d < dates.size(); d++) {
            counts[d] = series.day(d);
            for (double c : counts[d]) {
                totals[d] += c;
            }
            effects[d] = CalendarEffect.of(dates.get(d), series.hours());
        }
        return new DayTable(series, counts, totals, List.copyOf(dates), effects);
    }

    int size() {
        return dates.size();
    }

    int slotsPerDay() {
        return counts.length == 0 ? series.slotsPerDay() : counts[0].length;
    }
}
