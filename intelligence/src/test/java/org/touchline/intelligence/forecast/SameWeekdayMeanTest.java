package org.touchline.intelligence.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SameWeekdayMeanTest {

    /** Five weeks of daily counts 1, 2, 3 ... from Monday 1 January 2024. */
    private static final ContactSeries FIVE_WEEKS = new ContactSeries("voice", Duration.ofDays(1),
            SyntheticContacts.HOURS, SyntheticContacts.MONDAY, IntStream.rangeClosed(1, 25).mapToDouble(i -> i).toArray());
    private static final LocalDate NEXT_MONDAY = LocalDate.of(2024, 2, 5);

    @Test
    void seasonalNaiveRepeatsTheLastSameWeekday() {
        assertThat(SameWeekdayMean.seasonalNaive().expected(FIVE_WEEKS, List.of(NEXT_MONDAY))[0]).containsExactly(21);
    }

    @Test
    void fourWeekMeanAveragesTheLastFourSameWeekdays() {
        // Mondays 6, 11, 16, 21
        assertThat(SameWeekdayMean.fourWeekMean().expected(FIVE_WEEKS, List.of(NEXT_MONDAY))[0]).containsExactly(13.5);
    }

    @Test
    void needsTheWeekdayInTheHistory() {
        ContactSeries mondayOnly = FIVE_WEEKS.days(0, 1);

        assertThatThrownBy(() -> SameWeekdayMean.seasonalNaive().expected(mondayOnly, List.of(LocalDate.of(2024, 1, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no TUESDAY");
    }
}
