package org.touchline.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * An RFC 3339 date-time with its offset (RFC 3339 §5.6), as Interaction v1's {@code occurredAt} carries it, read as
 * {@link OffsetDateTime#parse(CharSequence)} reads it. The shape every sender writes ({@code 2026-03-01T09:30:00Z},
 * {@code 2026-03-01T09:30:00.123+01:00}) is read here by hand: the JDK's formatter took half of the time spent
 * reading a line. Anything else, valid or not, goes to the JDK's parser, which decides and names the problem, so
 * which texts are accepted and what they mean is unchanged (DateTimeTest compares both over generated texts).
 */
public final class DateTime {
    private DateTime() {}

    /** The instant {@code text} names; throws DateTimeParseException where {@code OffsetDateTime.parse} does. */
    public static Instant instant(String text) throws DateTimeParseException {
        Instant plain = plain(text);
        return plain != null ? plain : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} with every field in range, else null (the JDK's parser decides). */
    private static Instant plain(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':')
            return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) return null;
        if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) return null;
        int at = 19, nanos = 0;
        if (s.charAt(at) == '.') {
            int from = ++at;
            while (at < n && at - from < 9 && s.charAt(at) >= '0' && s.charAt(at) <= '9') nanos = nanos * 10 + (s.charAt(at++) - '0');
            int written = at - from;
            if (written == 0) return null;
            for (int k = written; k < 9; k++) nanos *= 10;
        }
        int offsetSeconds;
        if (at == n - 1 && s.charAt(at) == 'Z') offsetSeconds = 0;
        else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int oh = digits(s, at + 1, 2), om = digits(s, at + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) return null;
            offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else return null;
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The last second of year 9999: up to there {@link Instant#toString()} writes four-digit years. */
    private static final long LAST_FOUR_DIGIT_YEAR = 253_402_300_799L;

    /**
     * {@link Instant#toString()} (ISO_INSTANT: seconds always, the fraction in groups of three digits, UTC) written by
     * hand for the years 1970 to 9999, as the leaf of every interaction holds it; the JDK's otherwise.
     */
    public static String text(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR) return t.toString();
        LocalDateTime at = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int nanos = t.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(out, 0, at.getYear(), 4);
        out[4] = '-';
        put(out, 5, at.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, at.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, at.getHour(), 2);
        out[13] = ':';
        put(out, 14, at.getMinute(), 2);
        out[16] = ':';
        put(out, 17, at.getSecond(), 2);
        if (fraction > 0) {
            out[19] = '.';
            put(out, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code from}. */
    private static void put(char[] out, int from, int value, int width) {
        for (int k = from + width - 1; k >= from; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
