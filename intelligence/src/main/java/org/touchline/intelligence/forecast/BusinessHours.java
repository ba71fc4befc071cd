package org.touchline.intelligence.forecast;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a channel takes contacts: the same opening hours on every open weekday, minus closed dates (holidays).
 * {@code closes} is exclusive; {@link LocalTime#MIDNIGHT} as {@code closes} means "until the end of the day", so
 * {@code 00:00-00:00} is open around the clock.
 */
public record BusinessHours(LocalTime opens, LocalTime closes, Set<DayOfWeek> openDays, Set<LocalDate> closedDates) {

    /** Bounds the walk from one open day to the next, so a calendar with every day closed fails instead of looping. */
    private static final int MAX_CLOSED_RUN = 366;

    public BusinessHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.equals(LocalTime.MIDNIGHT) && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("business hours: closes " + closes + " must be after opens " + opens);
        }
        if (openDays == null || openDays.isEmpty()) {
            throw new IllegalArgumentException("business hours: openDays must name at least one day of the week");
        }
        openDays = Set.copyOf(openDays);
        closedDates = closedDates == null ? Set.of() : Set.copyOf(closedDates);
    }

    /** Every day, around the clock (web, app, email). */
    public static BusinessHours always() {
        return new BusinessHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.allOf(DayOfWeek.class), Set.of());
    }

    /** Monday to Friday between the given times, with the given holidays. */
    public static BusinessHours weekdays(LocalTime opens, LocalTime closes, Set<LocalDate> closedDates) {
        return new BusinessHours(opens, closes, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), closedDates);
    }

    public boolean isOpenOn(LocalDate day) {
        return openDays.contains(day.getDayOfWeek()) && !closedDates.contains(day);
    }

    /** True when {@code time} falls on an open day between opening and closing. */
    public boolean isOpenAt(LocalDateTime time) {
        LocalTime clock = time.toLocalTime();
        return isOpenOn(time.toLocalDate()) && !clock.isBefore(opens) && (closesAtMidnight() || clock.isBefore(closes));
    }

    /** Open days in a normal week: the seasonal period, in days, of a series that only holds open days. */
    public int openDaysPerWeek() {
        return openDays.size();
    }

    public LocalDate nextOpenDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        for (int i = 0; i < MAX_CLOSED_RUN; i++, day = day.plusDays(1)) {
            if (isOpenOn(day)) {
                return day;
            }
        }
        throw new IllegalArgumentException("business hours: no open day within a year after " + after);
    }

    public LocalDate firstOpenDayFrom(LocalDate day) {
        return isOpenOn(day) ? day : nextOpenDay(day);
    }

    /** The {@code count} open days starting with {@code first} (which must be open). */
    public List<LocalDate> openDaysFrom(LocalDate first, int count) {
        if (!isOpenOn(first)) {
            throw new IllegalArgumentException("business hours: " + first + " is not an open day");
        }
        List<LocalDate> days = new ArrayList<>(count);
        for (LocalDate day = first; days.size() < count; day = nextOpenDay(day)) {
            days.add(day);
        }
        return days;
    }

    /**
     * Starts of the intervals of length {@code interval} that overlap opening hours on an open day, aligned to the
     * clock (a 15-minute grid starts at :00, :15, ...). A daily interval has one slot at the start of the day.
     */
    public List<LocalDateTime> slotStarts(LocalDate day, Duration interval) {
        if (interval.equals(Duration.ofDays(1))) {
            return List.of(day.atStartOfDay());
        }
        long step = interval.toSeconds();
        long first = opens.toSecondOfDay() / step * step;
        long end = closesAtMidnight() ? 86_400 : closes.toSecondOfDay();
        List<LocalDateTime> starts = new ArrayList<>();
        for (long s = first; s < end; s += step) {
            starts.add(day.atStartOfDay().plusSeconds(s));
        }
        return starts;
    }

    public int slotsPerDay(Duration interval) {
        return slotStarts(LocalDate.of(2000, 1, 3), interval).size();
    }

    /**
     * How long the channel is open within the interval starting at {@code start}: the full interval except at the
     * edges of the day (a 15-minute slot at 21:00 of a centre that closes at 21:05 is open for 5 minutes).
     */
    public Duration openWithin(LocalDateTime start, Duration interval) {
        long dayEnd = closesAtMidnight() ? 86_400 : closes.toSecondOfDay();
        long from = Math.max(start.toLocalTime().toSecondOfDay(), opens.toSecondOfDay());
        long to = Math.min(start.toLocalTime().toSecondOfDay() + interval.toSeconds(), dayEnd);
        return Duration.ofSeconds(Math.max(0, to - from));
    }

    private boolean closesAtMidnight() {
        return closes.equals(LocalTime.MIDNIGHT);
    }
}
