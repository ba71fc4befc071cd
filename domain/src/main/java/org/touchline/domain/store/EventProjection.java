package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Consent, rating and erasure entries by the customers they name (part of the {@link ProjectionStore}). */
public interface EventProjection {
    /** Consent, rating and erasure entries naming any of {@code customers}, of {@code kind}, in ledger order. */
    List<ProjectionChanges.EventRow> events(Collection<String> customers, String kind);

    /** Every entry of {@code kind}, in ledger order, streamed. */
    void allEvents(String kind, Consumer<ProjectionChanges.EventRow> out);

    /** Entries of {@code kind} about the entry at {@code about} (the ratings of an interaction), in ledger order. */
    List<ProjectionChanges.EventRow> eventsAbout(long about, String kind);
}
