package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;

import java.util.List;

/**
 * How an event entry (a consent, a rating, an erasure, a token movement, a contract change or action...) lands in the
 * projections, the same way live and in a rebuild; {@link DecisionEntries} does the same for identity decisions.
 */
public final class EventEntries {
    private EventEntries() {}

    /** The customer ids an erasure entry names (none when it records only identifiers erased elsewhere). */
    public static List<String> erasedCustomers(EventEntry erasure) {
        String ids = erasure.field("customers");
        return ids == null || ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    /** What an event entry at {@code index} changes in the projections, live and in a rebuild. */
    public static void project(long index, EventEntry e, ProjectionChanges changes) {
        changes.events.add(new ProjectionChanges.EventRow(index, e));
        if (EventEntry.ERASURE.equals(e.kind())) {
            changes.erased.addAll(erasedCustomers(e));
            String keys = e.field(ErasedIdentifiers.FIELD);
            if (keys != null) for (String k : keys.split(",")) changes.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier(k, index));
            return;
        }
        if (EventEntry.REQUEST.equals(e.kind())) {
            RequestEntries.project(index, e, changes);
            return;
        }
        if (EventEntry.TOKEN.equals(e.kind())) TokenEntries.project(index, e, changes);
        if (e.customerId() != null) changes.timeline.add(new TimelineRow(e.customerId(), e.occurredAt().toEpochMilli(), index, e.kind()));
    }
}
