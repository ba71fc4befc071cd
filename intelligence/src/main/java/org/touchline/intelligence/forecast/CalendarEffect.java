package org.touchline.intelligence.forecast;

import java.time.LocalDate;

/**
 * Open days whose volume departs from the weekday pattern in a way known in advance from the calendar: the day
 * after a holiday carries the closed day's contacts, and the turn of the month (statements, salaries, bills) is
 * busier. The forecaster estimates the size of each effect from history, so a channel without it gets a factor
 * close to one.
 */
public enum CalendarEffect {
    NONE,
    /** The first open day after a weekday that was closed (a holiday), e.g. the Tuesday after Labor Day. */
    AFTER_CLOSURE,
    /** The last open day of a month or one of the first two open days of the next. */
    MONTH_TURN;

    private static final int FIRST_DAYS_OF_MONTH = 2;

    /** The effect on an open day; closure wins over month turn when both apply. */
    public static CalendarEffect of(LocalDate day, BusinessHours hours) {
        if (followsClosure(day, hours)) {
            return AFTER_CLOSURE;
        }
        return isMonthTurn(day, hours) ? MONTH_TURN : NONE;
    }

    private static boolean followsClosure(LocalDate day, BusinessHours hours) {
        LocalDate before = day.minusDays(1);
        for (int i = 0; i < 7 && !hours.isOpenOn(before); i++, before = before.minusDays(1)) {
            if (hours.openDays().contains(before.getDayOfWeek())) {
                return true; // a normally open weekday that was closed
            }
        }
        return false;
    }

    private static boolean isMonthTurn(LocalDate day, BusinessHours hours) {
        if (hours.nextOpenDay(day).getMonth() != day.getMonth()) {
            return true;
        }
        int rank = 0;
        for (LocalDate d = day.withDayOfMonth(1); !d.isAfter(day); d = d.plusDays(1)) {
            if (hours.isOpenOn(d)) {
                rank++;
            }
        }
        return rank <= FIRST_DAYS_OF_MONTH;
    }
}
