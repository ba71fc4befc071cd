package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded Poisson contact series with a known weekly and daily shape, for tests. */
final class SyntheticContacts {

    /** Mondays busiest, Thursdays quietest: the pattern of the bank data. */
    static final double[] WEEKDAY_FACTOR = {1.25, 1.05, 0.95, 0.85, 0.90};
    static final LocalDate MONDAY = LocalDate.of(2024, 1, 1);
    static final BusinessHours HOURS = BusinessHours.weekdays(LocalTime.of(8, 0), LocalTime.of(18, 0), Set.of());
    static final Duration QUARTER = Duration.ofMinutes(15);

    private SyntheticContacts() {
    }

    /** Share of a day's contacts in quarter-hour {@code j} of 40: a morning peak and a smaller afternoon one. */
    static double dailyShape(int j) {
        double[] raw = new double[40];
        double sum = 0;
        for (int k = 0; k < 40; k++) {
            raw[k] = 1 + 2 * Math.exp(-0.5 * Math.pow((k - 8) / 4.0, 2)) + Math.exp(-0.5 * Math.pow((k - 26) / 5.0, 2));
            sum += raw[k];
        }
        return raw[j] / sum;
    }

    static double rate(LocalDate day, int j, double contactsPerDay) {
        return contactsPerDay * WEEKDAY_FACTOR[day.getDayOfWeek().getValue() - 1] * dailyShape(j);
    }

    /** {@code days} open weekdays from 1 January 2024 with the given calendar, quarter-hourly. */
    static ContactSeries series(BusinessHours hours, int days, double contactsPerDay, long seed) {
        Random random = new Random(seed);
        List<LocalDate> dates = hours.openDaysFrom(hours.firstOpenDayFrom(MONDAY), days);
        double[] counts = new double[days * 40];
        for (int d = 0; d < days; d++) {
            for (int j = 0; j < 40; j++) {
                counts[d * 40 + j] = poisson(random, rate(dates.get(d), j, contactsPerDay));
            }
        }
        return new ContactSeries("voice", QUARTER, hours, dates.get(0), counts);
    }

    static ContactSeries series(int days, double contactsPerDay, long seed) {
        return series(HOURS, days, contactsPerDay, seed);
    }

    /** Knuth's method on chunks of at most 30, so exp(-lambda) never underflows. */
    static int poisson(Random random, double lambda) {
        int n = 0;
        for (double left = lambda; left > 0; left -= 30) {
            double limit = Math.exp(-Math.min(30, left));
            double p = random.nextDouble();
            while (p > limit) {
                n++;
                p *= random.nextDouble();
            }
        }
        return n;
    }
}
