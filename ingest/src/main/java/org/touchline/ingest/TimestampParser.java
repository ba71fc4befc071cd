package org.touchline.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Reads one source's timestamps as instants. Built once per mapping so that a pattern is compiled once, not per record.
 * Timestamps without an offset are taken in the mapping's zone.
 */
final class TimestampParser {
    static final String ISO = "iso";
    static final String EPOCH_MILLIS = "epoch_millis";
    static final String EPOCH_SECONDS = "epoch_seconds";

    private final String format;
    private final ZoneId zone;
    private final DateTimeFormatter pattern; // null unless format is a pattern

    private TimestampParser(String format, ZoneId zone, DateTimeFormatter pattern) {
        this.format = format;
        this.zone = zone;
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException when the pattern is not valid or cannot read back a full date-time */
    static TimestampParser compile(String format, ZoneId zone) {
        if (format.equals(ISO) || format.equals(EPOCH_MILLIS) || format.equals(EPOCH_SECONDS))
            return new TimestampParser(format, zone, null);
        // English month and day names: sources write "Mar" and "Tue", whatever the node's locale is. Strict, so that
        // 31/02/2026 is refused rather than quietly read as 28 February.
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(prolepticYears(format), Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
        } catch (ClassCastException e) { // a JDK bug: some pad letters ('p') between numbers, e.g. "yyyypMMdd"
            throw new IllegalArgumentException("the JDK cannot build it (a padding 'p' next to a number); remove the 'p'");
        }
        TimestampParser parser = new TimestampParser(format, zone, f);
        // A pattern can be valid and still not name a moment ("HH:mm" has no date): find out now, not on every record.
        String sample;
        try {
            sample = f.format(ZonedDateTime.of(2026, 3, 1, 9, 30, 15, 0, zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("cannot write a date-time with it: " + e.getMessage());
        }
        try {
            parser.parse(sample);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("does not read back a full date-time (it needs at least a year, month and day): " + e.getMessage());
        }
        return parser;
    }

    /**
     * Strict resolving needs an era for 'y' (year of era); sources mean the plain year, 'u'. Letters inside quotes are
     * literal text and stay as they are.
     */
    private static String prolepticYears(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') quoted = !quoted;
            b.append(!quoted && c == 'y' ? 'u' : c);
        }
        return b.toString();
    }

    /** @throws DateTimeException (or its subclasses) with a reason when the text is not a timestamp of this format */
    Instant parse(String text) {
        String t = text.strip();
        switch (format) {
            case EPOCH_MILLIS:
                try {
                    return Instant.ofEpochMilli(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new DateTimeException("not a whole number of milliseconds");
                }
            case EPOCH_SECONDS:
                BigDecimal seconds;
                try {
                    seconds = new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw new DateTimeException("not a number of seconds");
                }
                BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
                try {
                    return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
                } catch (ArithmeticException e) {
                    throw new DateTimeException("out of range");
                }
            case ISO:
                return iso(t);
            default:
                return instant(pattern.parse(t));
        }
    }

    private Instant iso(String t) {
        if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        // RFC 3339 allows a space between date and time; ISO 8601 wants a 'T'.
        if (t.length() > 10 && t.charAt(10) == ' ') t = t.substring(0, 10) + 'T' + t.substring(11);
        return instant(DateTimeFormatter.ISO_DATE_TIME.parse(t));
    }

    /**
     * The moment a parsed text names: with its own zone or offset when it has one, else in the mapping's zone, at the
     * start of the day when it has no time. (Asked directly rather than with parseBest, which tries each type in turn
     * and pays for a thrown exception on every record.)
     */
    private Instant instant(TemporalAccessor parsed) {
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) throw new DateTimeException("it has no date");
        LocalTime time = parsed.query(TemporalQueries.localTime());
        LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
        ZoneId own = parsed.query(TemporalQueries.zone()); // an offset, or a zone id
        return ZonedDateTime.ofLocal(local, own == null ? zone : own, null).toInstant();
    }

    /** The format in words, for problems: "an ISO 8601 / RFC 3339 date-time such as 2026-03-01T09:30:00Z". */
    String describe() {
        return switch (format) {
            case ISO -> "an ISO 8601 / RFC 3339 date-time such as 2026-03-01T09:30:00Z";
            case EPOCH_MILLIS -> "milliseconds since 1970-01-01T00:00:00Z";
            case EPOCH_SECONDS -> "seconds since 1970-01-01T00:00:00Z";
            default -> "a date-time of the pattern '" + format + "'";
        };
    }
}
