package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContactSeriesTest {

    /** 07:00-21:05 like the bank: 169 five-minute intervals, the last quarter-hour and hour only partly open. */
    private static final BusinessHours BANK = BusinessHours.weekdays(LocalTime.of(7, 0), LocalTime.of(21, 5), Set.of());
    private static final LocalDate MONDAY = LocalDate.of(2003, 3, 3);

    private static ContactSeries bankDays(int days) {
        double[] counts = IntStream.range(0, days * 169).mapToDouble(i -> i % 169 + 1).toArray();
        return new ContactSeries("voice", Duration.ofMinutes(5), BANK, MONDAY, counts);
    }

    @Test
    void aggregatesFiveMinutesIntoClockAlignedQuarterHoursWithAPartialLastOne() {
        ContactSeries quarters = bankDays(1).aggregate(Duration.ofMinutes(15));

        assertThat(quarters.slotsPerDay()).isEqualTo(57);
        assertThat(quarters.day(0)[0]).isEqualTo(1 + 2 + 3);
        assertThat(quarters.day(0)[56]).isEqualTo(169); // 21:00-21:05 alone
        assertThat(quarters.dayTotal(0)).isEqualTo(169 * 170 / 2.0);
    }

    @Test
    void aggregatesIntoHoursAndDailyTotals() {
        ContactSeries twoDays = bankDays(2);

        assertThat(twoDays.aggregate(Duration.ofHours(1)).day(1)[0]).isEqualTo(78); // 1 + ... + 12
        assertThat(twoDays.aggregate(Duration.ofDays(1)).counts()).containsExactly(14365, 14365);
    }

    @Test
    void refusesToAggregateIntoAnIntervalThatIsNotAMultiple() {
        assertThatThrownBy(() -> bankDays(1).aggregate(Duration.ofMinutes(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole multiple");
    }

    @Test
    void skipsClosedDaysSoAWeekIsItsOpenDays() {
        BusinessHours withHoliday = BusinessHours.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.of(LocalDate.of(2003, 3, 5)));
        ContactSeries series = new ContactSeries("voice", Duration.ofDays(1), withHoliday, MONDAY, new double[6]);

        assertThat(series.days()).containsExactly(LocalDate.of(2003, 3, 3), LocalDate.of(2003, 3, 4),
                LocalDate.of(2003, 3, 6), LocalDate.of(2003, 3, 7), LocalDate.of(2003, 3, 10),
                LocalDate.of(2003, 3, 11));
        assertThat(series.nextDay()).isEqualTo(LocalDate.of(2003, 3, 12));
    }

    @Test
    void countsTimestampsPerOpenInterval() {
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(9, 0), LocalTime.of(11, 0), Set.of());
        List<LocalDateTime> times = List.of(LocalDateTime.of(2003, 3, 3, 9, 0), LocalDateTime.of(2003, 3, 3, 9, 59),
                LocalDateTime.of(2003, 3, 3, 10, 30), LocalDateTime.of(2003, 3, 4, 10, 59, 59));

        ContactSeries series = ContactSeries.fromTimestamps("chat", Duration.ofHours(1), hours, MONDAY,
                LocalDate.of(2003, 3, 4), times, ContactSeries.OutOfHours.DROP);

        assertThat(series.counts()).containsExactly(2, 1, 0, 1);
    }

    @Test
    void dropsContactsOutOfHoursOrDefersThemToTheNextOpening() {
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(9, 0), LocalTime.of(11, 0), Set.of());
        List<LocalDateTime> times = List.of(LocalDateTime.of(2003, 3, 3, 8, 30), LocalDateTime.of(2003, 3, 3, 22, 0),
                LocalDateTime.of(2003, 3, 8, 12, 0)); // before opening, at night, on Saturday

        ContactSeries dropped = ContactSeries.fromTimestamps("email", Duration.ofHours(1), hours, MONDAY,
                LocalDate.of(2003, 3, 10), times, ContactSeries.OutOfHours.DROP);
        ContactSeries deferred = ContactSeries.fromTimestamps("email", Duration.ofHours(1), hours, MONDAY,
                LocalDate.of(2003, 3, 10), times, ContactSeries.OutOfHours.DEFER);

        assertThat(dropped.counts()).containsOnly(0);
        assertThat(deferred.day(0)).containsExactly(1, 0); // Monday 08:30 -> 09:00
        assertThat(deferred.day(1)).containsExactly(1, 0); // Monday 22:00 -> Tuesday 09:00
        assertThat(deferred.day(5)).containsExactly(1, 0); // Saturday -> next Monday 09:00
    }

    @Test
    void readsInstantsOnTheChannelsLocalClock() {
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(9, 0), LocalTime.of(11, 0), Set.of());
        Instant nineThirtyInParis = Instant.parse("2003-03-03T08:30:00Z");

        ContactSeries series = ContactSeries.fromInstants("app", Duration.ofHours(1), hours, ZoneId.of("Europe/Paris"),
                MONDAY, MONDAY, List.of(nineThirtyInParis), ContactSeries.OutOfHours.DROP);

        assertThat(series.counts()).containsExactly(1, 0);
    }

    @Test
    void rejectsATimestampOutsideTheRangeNamingIt() {
        BusinessHours hours = BusinessHours.weekdays(LocalTime.of(9, 0), LocalTime.of(11, 0), Set.of());

        assertThatThrownBy(() -> ContactSeries.fromTimestamps("chat", Duration.ofHours(1), hours, MONDAY, MONDAY,
                List.of(LocalDateTime.of(2003, 3, 4, 9, 0)), ContactSeries.OutOfHours.DROP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp #0 (2003-03-04T09:00)");
    }

    @Test
    void rejectsANegativeCountNamingItsIndex() {
        double[] counts = new double[169];
        counts[7] = -1;

        assertThatThrownBy(() -> new ContactSeries("voice", Duration.ofMinutes(5), BANK, MONDAY, counts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 7");
    }

    @Test
    void rejectsCountsThatDoNotFillWholeDays() {
        assertThatThrownBy(() -> new ContactSeries("voice", Duration.ofMinutes(5), BANK, MONDAY, new double[170]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole days of 169");
    }

    @Test
    void rejectsAStartOnAClosedDay() {
        assertThatThrownBy(() -> new ContactSeries("voice", Duration.ofDays(1), BANK, LocalDate.of(2003, 3, 8),
                new double[1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an open day");
    }

    @Test
    void keepsItsCountsToItself() {
        double[] counts = new double[169];
        ContactSeries series = new ContactSeries("voice", Duration.ofMinutes(5), BANK, MONDAY, counts);
        counts[0] = 99;
        series.counts()[1] = 99;

        assertThat(series.count(0)).isZero();
        assertThat(series.count(1)).isZero();
    }
}
