package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;

import java.time.Instant;
import java.util.List;

/**
 * The entries of a data-subject request (docs/requests.md; GDPR articles 12, 15-21): what each step's entry holds and how
 * it lands in the projections, the same way live and in a rebuild. Each entry says its step and the status it leaves
 * the request in, decided when it was appended, so replaying the ledger needs nothing else.
 */
public final class RequestEntries {
    /** What a customer may ask for: a copy of their data (Art. 15), a correction (16), erasure (17), to stop a use (21). */
    public static final String ACCESS = "access", RECTIFICATION = "rectification", ERASURE = "erasure", OBJECTION = "objection";
    public static final List<String> TYPES = List.of(ACCESS, RECTIFICATION, ERASURE, OBJECTION);

    public static final String FILED = "filed", VERIFIED = "verified", REFUSED = "refused", EXTENDED = "extended", FULFILLED = "fulfilled",
            CLOSED = "closed";

    /** Where a request stands: a status is the step that set it, except that an extension leaves it where it was. */
    public static final String AWAITING_VERIFICATION = "awaiting_verification";
    public static final List<String> STATUSES = List.of(AWAITING_VERIFICATION, VERIFIED, FULFILLED, REFUSED, CLOSED);
    /** The statuses of a request the privacy team still owes an answer. */
    public static final List<String> OPEN = List.of(AWAITING_VERIFICATION, VERIFIED, FULFILLED);

    /** Fields every request entry carries. */
    public static final String STEP = "step", STATUS = "status", DUE_AT = "dueAt";
    /**
     * Set on a verification that names the customer of a request whose requester was not known as one: the filing's
     * sealed identifiers then join that customer's timeline, so an erasure of the customer erases them too.
     */
    public static final String SEALED_FILING = "sealedFiling";
    /** On a fulfilment: the entries that did it (the erasure, the withdrawals). On a close: every entry of the request. */
    public static final String FULFILLED_BY = "fulfilledBy", COVERS = "covers";

    private RequestEntries() {}

    /** The step an entry records. */
    public static String step(EventEntry e) { return e.field(STEP); }

    /** When the request was received: the filing's own time, or the time the requester gave it if earlier (a letter). */
    public static Instant receivedAt(EventEntry filing) { return filing.occurredAt(); }

    /** What a request entry at {@code index} changes in the projections (its event row is added by {@link EventEntries}). */
    static void project(long index, EventEntry e, ProjectionChanges changes) {
        String status = e.field(STATUS);
        if (FILED.equals(step(e))) {
            changes.requests.add(new ProjectionChanges.RequestRow(index, e.field("type"), e.customerId(), e.field("channel"), status,
                    receivedAt(e).toEpochMilli(), Instant.parse(e.field(DUE_AT)).toEpochMilli(), index));
        } else {
            String due = EXTENDED.equals(step(e)) ? e.field(DUE_AT) : null;
            changes.requestSteps.add(new ProjectionChanges.RequestStep(e.about(), index, status, e.customerId(),
                    due == null ? -1 : Instant.parse(due).toEpochMilli()));
            if (e.field(SEALED_FILING) != null && e.customerId() != null)
                changes.timeline.add(new TimelineRow(e.customerId(), Instant.parse(e.field(SEALED_FILING)).toEpochMilli(), e.about(), e.kind()));
        }
        // Only a step that carries a personal part (a correction's new values, a requester's identifiers) joins the
        // customer's timeline: an erasure then finds and erases it. The other steps hold no personal data and are
        // kept as the record that the request was answered, even once the customer is erased.
        if (e.commitment() != null && e.customerId() != null)
            changes.timeline.add(new TimelineRow(e.customerId(), e.occurredAt().toEpochMilli(), index, e.kind()));
    }
}
