package org.touchline.intelligence.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark forecasts: each interval is the mean of the same interval on the last {@code weeks} days with the
 * same weekday in the history. One week is the seasonal naive forecast; four weeks is the bar the issue sets.
 */
public record SameWeekdayMean(int weeks) implements PointForecaster {

    public SameWeekdayMean {
        if (weeks < 1) {
            throw new IllegalArgumentException("same-weekday mean: weeks " + weeks + " must be >= 1");
        }
    }

    public static SameWeekdayMean seasonalNaive() {
        return new SameWeekdayMean(1);
    }

    public static SameWeekdayMean fourWeekMean() {
        return new SameWeekdayMean(4);
    }

    @Override
    public double[][] expected(ContactSeries history, List<LocalDate> days) {
        List<LocalDate> past = history.days();
        double[][] out = new double[days.size()][];
        for (int t = 0; t < days.size(); t++) {
            List<Integer> same = new ArrayList<>();
            for (int p = past.size() - 1; p >= 0 && same.size() < weeks; p--) {
                if (past.get(p).getDayOfWeek() == days.get(t).getDayOfWeek()) {
                    same.add(p);
                }
            }
            if (same.isEmpty()) {
                throw new IllegalArgumentException("same-weekday mean: history of " + history.channel() + " has no "
                        + days.get(t).getDayOfWeek() + " to forecast " + days.get(t) + " from");
            }
            double[] mean = new double[history.slotsPerDay()];
            for (int p : same) {
                double[] day = history.day(p);
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += day[j] / same.size();
                }
            }
            out[t] = mean;
        }
        return out;
    }
}
