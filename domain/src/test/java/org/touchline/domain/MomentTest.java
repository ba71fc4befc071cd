package org.touchline.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MomentTest {
    @Test
    void a_date_is_the_start_of_that_day_in_utc() {
        assertThat(Moment.parse("at", "2026-01-31")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void an_rfc_3339_time_is_taken_as_written() {
        assertThat(Moment.parse("at", " 2026-01-31T09:30:00Z ")).isEqualTo(Instant.parse("2026-01-31T09:30:00Z"));
    }

    @Test
    void an_absent_value_is_the_default() {
        assertThat(Moment.parse("at", "  ", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
        assertThat(Moment.parse("at", null, null)).isNull();
    }

    @Test
    void anything_else_names_where_it_came_from_and_the_forms_accepted() {
        assertThatThrownBy(() -> Moment.parse("funnel.from", "31/01/2026"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("funnel.from: '31/01/2026' is not a date (2026-01-31) or an RFC 3339 time (2026-01-31T09:00:00Z)");
    }
}
