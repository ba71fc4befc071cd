package org.touchline.domain;

/**
 * Why one record was refused: which record (source and line or record id), which field, and the reason, in words an
 * operator can act on.
 */
public record Problem(String record, String field, String reason) {
    @Override public String toString() { return record + ": " + field + ": " + reason; }
}
