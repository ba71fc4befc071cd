package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;

/** The customer search index: normalised names and identifiers, by customer (part of the {@link ProjectionStore}). */
public interface SearchProjection {
    /**
     * The search index rows of the first {@code limit} customers, in id order after {@code afterCustomer} (null: from
     * the start), that hold any of {@code searchKeys}; each customer's rows in key order.
     */
    List<ProjectionChanges.SearchKey> searchKeyHolders(Collection<String> searchKeys, String afterCustomer, int limit);

    /** How many customers hold any of {@code searchKeys}. */
    long searchKeyHolderCount(Collection<String> searchKeys);

    /** The search index rows of these customers. */
    List<ProjectionChanges.SearchKey> searchKeysOf(Collection<String> customerIds);
}
