package org.touchline.node;

import org.touchline.domain.IdentityDecision;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;

/**
 * How an identity decision entry lands in the projections, the same way live and in a rebuild: its row (the review
 * queue reads open reviews there) and a line in the timeline of each customer it names, so an agent sees a merge,
 * a review or an unmerge where it happened (a merge: in the survivor's, which the absorbed customer's timeline joins).
 * Blocked junk values stay out of timelines: they say nothing about a person.
 */
final class DecisionEntries {
    /** Decision entries are in the idempotency index under this source, by their own index. */
    static final String SOURCE = "touchline:identity";

    private DecisionEntries() {}

    static Append.Leaf leaf(long index, byte[] data) { return new Append.Leaf(index, SOURCE, Long.toString(index), data); }

    static void project(long entry, IdentityDecision d, ProjectionChanges changes) {
        String status = IdentityDecision.REVIEW.equals(d.kind()) ? "open" : "done";
        changes.decisionRows.add(new ProjectionChanges.DecisionRow(entry, d, status));
        if (IdentityDecision.BLOCKED.equals(d.kind())) return;
        long at = d.at().toEpochMilli();
        if (d.customerId() != null) changes.timeline.add(new TimelineRow(d.customerId(), at, entry, "identity"));
        // A merge's absorbed customer has no timeline left (the merge moves it to the survivor): its line of the merge
        // is the survivor's alone, whether the merge is applied in this batch of changes or an earlier one (a rebuild
        // commits chunk by chunk, and a decision entry can open the chunk after its interaction's).
        boolean merge = IdentityDecision.MERGED.equals(d.kind());
        if (!merge && d.otherCustomerId() != null && !d.otherCustomerId().equals(d.customerId()))
            changes.timeline.add(new TimelineRow(d.otherCustomerId(), at, entry, "identity"));
    }
}
