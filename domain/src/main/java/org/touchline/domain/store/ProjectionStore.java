package org.touchline.domain.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The projections: customers, the identifier index and timelines. All of it can be dropped and replayed. */
public interface ProjectionStore {
    /** Drops every projection; {@code touchline rebuild} then replays the ledger through {@link #apply}. */
    void reset();

    void apply(ProjectionChanges changes);

    void loadCustomers(Consumer<ProjectionChanges.Customer> out);

    void loadLinks(Consumer<ProjectionChanges.Link> out);

    /** Absorbed customer id → survivor, so an old id handed out before a merge still finds the customer. */
    void loadMerges(Consumer<ProjectionChanges.Merge> out);

    Optional<String> customerByIdentifierKey(String identifierKey);

    /** The identifier links that now point at {@code customerId}, oldest first. */
    List<ProjectionChanges.Link> linksOf(String customerId);

    /** The customers merged into {@code customerId}, in ledger order. */
    List<ProjectionChanges.Merge> mergesInto(String customerId);

    /** When the customer was created: the ledger index of its first entry, if it exists. */
    Optional<Long> createdAt(String customerId);

    Optional<String> survivorOf(String customerId);

    boolean customerExists(String customerId);

    /** Newest first; rows older than the cursor {@code (beforeMillis, beforeIndex)} when given. */
    List<TimelineRow> timeline(String customerId, Long beforeMillis, Long beforeIndex, int limit);

    long timelineCount(String customerId);

    /** A stable digest of every projection table, to prove a rebuild ends where live ingest did. */
    String digest();
}
