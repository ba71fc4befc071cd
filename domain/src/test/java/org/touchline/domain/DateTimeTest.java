package org.touchline.domain;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateTimeTest {

    @Test
    void readsTheShapeSendersWrite() {
        assertThat(DateTime.instant("2026-03-01T09:30:00Z")).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(DateTime.instant("2025-05-01T02:04:32.671Z")).isEqualTo(Instant.parse("2025-05-01T02:04:32.671Z"));
        assertThat(DateTime.instant("2024-02-29T23:59:59.123456789-05:30")).isEqualTo(Instant.parse("2024-03-01T05:29:59.123456789Z"));
    }

    @Test
    void refusesWhatTheJdkRefuses() {
        assertThatThrownBy(() -> DateTime.instant("2025-02-29T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> DateTime.instant("2025-13-01T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> DateTime.instant("2025-01-01T10:00:00")).isInstanceOf(DateTimeParseException.class);
    }

    /** Texts near the plain shape, valid or not: the same instant as OffsetDateTime.parse, or refused by both. */
    @RepeatedTest(10)
    void agreesWithTheJdkParser(RepetitionInfo rep) {
        Random r = new Random(3339L * rep.getCurrentRepetition());
        for (int k = 0; k < 500; k++) {
            String text = nearlyPlain(r);
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> DateTime.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(DateTime.instant(text)).as(text).isEqualTo(expected);
        }
    }

    /** Instants from before 1970 to past 9999, with and without fractions: written as Instant.toString writes them. */
    @RepeatedTest(5)
    void writesInstantsAsTheJdkDoes(RepetitionInfo rep) {
        Random r = new Random(8601L * rep.getCurrentRepetition());
        for (int k = 0; k < 1_000; k++) {
            long seconds = switch (r.nextInt(4)) {
                case 0 -> r.nextLong() % 400_000_000_000L;
                case 1 -> 253_402_300_799L + r.nextInt(3) - 1;
                default -> r.nextLong() % 2_000_000_000L + 1_000_000_000L;
            };
            int nanos = switch (r.nextInt(5)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1_000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(DateTime.text(t)).isEqualTo(t.toString());
            if (seconds >= 0) assertThat(DateTime.instant(DateTime.text(t))).isEqualTo(t);
        }
    }

    private static String nearlyPlain(Random r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%04d-%02d-%02d", r.nextInt(10) == 0 ? r.nextInt(10_000) : 1996 + r.nextInt(40),
                r.nextInt(14), r.nextInt(33)));
        s.append(r.nextInt(20) == 0 ? "t" : r.nextInt(20) == 0 ? " " : "T");
        s.append(String.format("%02d:%02d", r.nextInt(26), r.nextInt(62)));
        if (r.nextInt(10) > 0) s.append(String.format(":%02d", r.nextInt(62)));
        if (r.nextBoolean()) {
            s.append('.');
            for (int d = r.nextInt(11); d > 0; d--) s.append(r.nextInt(10));
        }
        switch (r.nextInt(6)) {
            case 0 -> s.append("Z");
            case 1 -> s.append("z");
            case 2 -> s.append(String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20), r.nextInt(62)));
            case 3 -> s.append(String.format("%s%02d:%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(19), r.nextInt(60), r.nextInt(60)));
            case 4 -> s.append(String.format("+%02d:%02d", r.nextInt(15), 15 * r.nextInt(4)));
            default -> { } // no offset
        }
        return s.toString();
    }
}
