package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The customers, the identifiers linked to each and the merges between them (part of the {@link ProjectionStore}): what
 * identity resolution reads, one at a time or in batches.
 */
public interface CustomerProjection {
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

    // Batched point reads for the resolver (see IdentityState in the identity module): a group of records asks for
    // all its identifiers, then all the customers they name, each in one or a few indexed queries.

    /** The customer each identifier is linked to now (merges re-point it); identifiers nobody has are absent. */
    Map<String, String> holdersOf(Collection<String> identifierKeys);

    /** For each id that was merged away, the customer it points at now; ids never absorbed are absent. */
    Map<String, String> survivorsOf(Collection<String> customerIds);

    /** When each existing customer was created (ledger index); unknown ids are absent. */
    Map<String, Long> createdAt(Collection<String> customerIds);

    /** How many identifiers of each type each customer has now; customers with none are absent. */
    Map<String, Map<String, Integer>> identifierCounts(Collection<String> customerIds);
}
