package org.touchline.domain.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What one batch of entries changes in the projections (DESIGN.md: projections are rebuilt identically by replaying
 * the ledger). Collected in ledger order and applied in the same transaction as the entries.
 */
public final class ProjectionChanges {
    public record Customer(String id, long createdAt) {}
    public record Link(String identifierKey, String identifierType, String customerId, long atIndex) {}
    public record Merge(String absorbed, String survivor, long atIndex) {}

    /**
     * Why the identity graph did what it did with one identifier of the entry at {@code atIndex}: merged on it,
     * refused a merge or a link because of a limit, or ignored it as junk. {@code customerId} is the customer the
     * entry's party went to, {@code otherCustomerId} the customer left apart (refused merges), {@code rule} the rule
     * applied in words a person can read (e.g. {@code limit account=1; priority account>email}). Not stored yet: the
     * stores ignore this list (a later step records decisions as ledger entries, issue 3 item 3).
     */
    public record Decision(long atIndex, String customerId, String kind, String identifierType, String identifierKey,
                           String otherCustomerId, String rule) {
        public static final String MERGED = "merged", MERGE_REFUSED = "merge-refused", LINK_REFUSED = "link-refused",
                BLOCKED = "blocked";
    }

    public final List<Customer> customers = new ArrayList<>();
    public final List<Link> links = new ArrayList<>();
    public final List<Merge> merges = new ArrayList<>();
    public final List<TimelineRow> timeline = new ArrayList<>();
    /** Explanations only: not part of what a store persists, so not counted by {@link #isEmpty()}. */
    public final List<Decision> decisions = new ArrayList<>();

    public boolean isEmpty() { return customers.isEmpty() && links.isEmpty() && merges.isEmpty() && timeline.isEmpty(); }
}
