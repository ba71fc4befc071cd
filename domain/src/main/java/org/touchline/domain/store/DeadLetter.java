package org.touchline.domain.store;

import java.time.Instant;

/**
 * A record that was refused, kept whole so it can be corrected and submitted again. {@code origin} says how it came
 * (a mapping file, or the REST API), {@code problems} is a JSON array of {record, field, reason}.
 */
public record DeadLetter(long id, Instant receivedAt, String source, String origin, String recordRef, String raw,
                         String problems, String status) {
    public static final String OPEN = "open";
    public static final String RESUBMITTED = "resubmitted";
}
