package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarEffectTest {

    private static final BusinessHours LABOR_DAY_CLOSED = BusinessHours.weekdays(LocalTime.of(7, 0),
            LocalTime.of(21, 0), Set.of(LocalDate.of(2003, 9, 1)));

    @Test
    void theDayAfterAHolidayCarriesItsContacts() {
        assertThat(CalendarEffect.of(LocalDate.of(2003, 9, 2), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.AFTER_CLOSURE);
    }

    @Test
    void aMondayAfterAnOrdinaryWeekendIsRegular() {
        assertThat(CalendarEffect.of(LocalDate.of(2003, 9, 15), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.NONE);
    }

    @Test
    void theLastOpenDayAndFirstTwoOpenDaysOfAMonthAreTheMonthTurn() {
        assertThat(CalendarEffect.of(LocalDate.of(2003, 9, 30), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.MONTH_TURN);
        assertThat(CalendarEffect.of(LocalDate.of(2003, 10, 1), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.MONTH_TURN);
        assertThat(CalendarEffect.of(LocalDate.of(2003, 10, 2), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.MONTH_TURN);
        assertThat(CalendarEffect.of(LocalDate.of(2003, 10, 3), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.NONE);
    }

    @Test
    void countsOpenDaysNotCalendarDaysAtTheTurnOfTheMonth() {
        // 1 and 2 March 2003 are a weekend: the first two open days are 3 and 4 March.
        assertThat(CalendarEffect.of(LocalDate.of(2003, 3, 4), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.MONTH_TURN);
        assertThat(CalendarEffect.of(LocalDate.of(2003, 3, 5), LABOR_DAY_CLOSED)).isEqualTo(CalendarEffect.NONE);
    }
}
