package org.touchline.node;

import org.touchline.domain.Problem;

import java.util.List;

/**
 * What became of one submitted record. {@code ACCEPTED} and {@code DUPLICATE} both mean the record is in the ledger
 * at {@code index}; an acknowledged record is durable.
 */
public record Outcome(String recordRef, Status status, long index, String id, List<Problem> problems) {
    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public static Outcome accepted(String ref, long index, String id) { return new Outcome(ref, Status.ACCEPTED, index, id, List.of()); }

    public static Outcome duplicate(String ref, long index, String id) { return new Outcome(ref, Status.DUPLICATE, index, id, List.of()); }

    public static Outcome rejected(String ref, List<Problem> problems) { return new Outcome(ref, Status.REJECTED, -1, null, problems); }
}
