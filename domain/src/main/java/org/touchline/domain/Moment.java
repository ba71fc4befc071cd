package org.touchline.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A moment as people give it in queries and commands: a date (its start, UTC) or an RFC 3339 time. */
public final class Moment {
    private Moment() {}

    /** Parses {@code text}; a bad one is an IllegalArgumentException naming {@code where} (the field or option) and the forms accepted. */
    public static Instant parse(String where, String text) {
        String s = text.trim();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + s + "' is not a date (2026-01-31) or an RFC 3339 time (2026-01-31T09:00:00Z)");
        }
    }

    /** {@link #parse} for an optional value: {@code otherwise} when it is absent or blank. */
    public static Instant parse(String where, String text, Instant otherwise) {
        return text == null || text.isBlank() ? otherwise : parse(where, text);
    }
}
