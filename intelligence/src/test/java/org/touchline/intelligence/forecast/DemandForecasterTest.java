package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandForecasterTest {

    private static final double PER_DAY = 4000;

    @Test
    void recoversTheWeeklyAndDailyShapeOfASeededSeries() {
        ContactSeries history = SyntheticContacts.series(100, PER_DAY, 11);
        List<LocalDate> week = history.hours().openDaysFrom(history.nextDay(), 5);

        double[][] expected = new DemandForecaster().expected(history, week);

        double relativeErrorSum = 0;
        for (int d = 0; d < 5; d++) {
            double trueTotal = 0;
            double forecastTotal = 0;
            for (int j = 0; j < 40; j++) {
                double truth = SyntheticContacts.rate(week.get(d), j, PER_DAY);
                // about 100 contacts a quarter: Poisson noise alone is 10 %, averaged over 12 weeks about 3 %
                assertThat(expected[d][j]).as("%s quarter %d", week.get(d), j).isCloseTo(truth, within(0.12 * truth));
                relativeErrorSum += Math.abs(expected[d][j] - truth) / truth;
                trueTotal += truth;
                forecastTotal += expected[d][j];
            }
            assertThat(forecastTotal).as("total of %s", week.get(d)).isCloseTo(trueTotal, within(0.03 * trueTotal));
        }
        assertThat(relativeErrorSum / 200).isLessThan(0.03);
    }

    @Test
    void forecastsABusierDayAfterAHolidayWhenPastHolidaysWereBusier() {
        // Two past holidays whose next day carried 1.5 times its usual volume, and one holiday ahead.
        LocalDate pastHolidayA = LocalDate.of(2024, 2, 14);
        LocalDate pastHolidayB = LocalDate.of(2024, 3, 13);
        LocalDate futureHoliday = LocalDate.of(2024, 5, 22);
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(8, 0), LocalTime.of(18, 0),
                Set.of(pastHolidayA, pastHolidayB, futureHoliday));
        ContactSeries plain = SyntheticContacts.series(hours, 95, PER_DAY, 5);
        double[] counts = plain.counts();
        List<LocalDate> days = plain.days();
        for (LocalDate after : List.of(pastHolidayA.plusDays(1), pastHolidayB.plusDays(1))) {
            int d = days.indexOf(after);
            for (int j = 0; j < 40; j++) {
                counts[d * 40 + j] *= 1.5;
            }
        }
        ContactSeries history = new ContactSeries("voice", plain.interval(), hours, plain.start(), counts);
        LocalDate afterFuture = futureHoliday.plusDays(1);
        LocalDate sameWeekdayBefore = afterFuture.minusWeeks(1);
        assertThat(history.nextDay()).isBefore(sameWeekdayBefore);

        double[][] f = new DemandForecaster().expected(history, List.of(sameWeekdayBefore, afterFuture));

        double ratio = sum(f[1]) / sum(f[0]);
        // two observations at 1.5 shrunk by two pseudo-days at 1.0: about 1.25
        assertThat(ratio).isBetween(1.15, 1.35);
    }

    @Test
    void forecastsTheNextOpenDaysSkippingHolidays() {
        LocalDate holiday = LocalDate.of(2024, 5, 21);
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(8, 0), LocalTime.of(18, 0), Set.of(holiday));
        ContactSeries history = SyntheticContacts.series(hours, 100, PER_DAY, 3);
        assertThat(history.nextDay()).isEqualTo(LocalDate.of(2024, 5, 20));

        Forecast forecast = new DemandForecaster().forecast(history, 2);

        assertThat(forecast.intervals()).hasSize(80);
        assertThat(forecast.intervals().get(40).start()).isEqualTo(LocalDate.of(2024, 5, 22).atTime(8, 0));
    }

    @Test
    void givesNestedNonNegativeIntervalsForAQuietChannel() {
        ContactSeries quiet = SyntheticContacts.series(60, 8, 9); // 8 contacts a day: mostly zeros

        Forecast forecast = new DemandForecaster().forecast(quiet, 5);

        assertThat(forecast.intervals()).allSatisfy(f -> {
            assertThat(f.lower95()).isGreaterThanOrEqualTo(0);
            assertThat(f.upper95()).isGreaterThanOrEqualTo(f.upper80());
            assertThat(Double.isNaN(f.expected())).isFalse();
        });
        assertThat(forecast.total()).isCloseTo(5 * 8, within(20.0));
    }

    @Test
    void needsMoreThanTwoWeeksOfHistoryForPredictionIntervals() {
        ContactSeries shortHistory = SyntheticContacts.series(10, PER_DAY, 1);

        assertThatThrownBy(() -> new DemandForecaster().forecast(shortHistory, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 10 open days");
    }

    /**
     * The rules for adapting later leads' levels leave the point forecasts and the next day's intervals alone, and the
     * default rule gives what it gives when named.
     */
    @Test
    void levelAdaptationRulesChangeOnlyTheLaterLeadsIntervals() {
        ContactSeries history = SyntheticContacts.series(120, PER_DAY, 17);
        Forecast reference = new DemandForecaster().forecast(history, 5);
        assertThat(new DemandForecaster(ForecastSettings.defaults(), DemandForecaster.DEFAULT_ADAPTATION)
                .forecast(history, 5).intervals()).isEqualTo(reference.intervals());

        for (DemandForecaster.LevelAdaptation rule : DemandForecaster.LevelAdaptation.values()) {
            Forecast other = new DemandForecaster(ForecastSettings.defaults(), rule).forecast(history, 5);
            for (int i = 0; i < reference.intervals().size(); i++) {
                IntervalForecast a = reference.intervals().get(i), b = other.intervals().get(i);
                assertThat(b.expected()).as("%s point %d", rule, i).isEqualTo(a.expected());
                if (i < 40) { // the next open day
                    assertThat(b).as("%s next-day interval %d", rule, i).isEqualTo(a);
                }
            }
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
