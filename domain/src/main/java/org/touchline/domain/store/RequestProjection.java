package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Data-subject requests (access, rectification, erasure, objection) as they stand, one row per request keyed by the
 * entry that filed it (part of the {@link ProjectionStore}; docs/requests.md). An erasure keeps them: they are the
 * record that the customer's rights were honoured.
 */
public interface RequestProjection {
    /**
     * Requests in {@code statuses} (all when empty) of {@code type} (all when null), earliest due first, then by the
     * entry that filed them; at most {@code limit}.
     */
    List<ProjectionChanges.RequestRow> requests(Collection<String> statuses, String type, int limit);

    /** The request filed by the entry at {@code entry}. */
    Optional<ProjectionChanges.RequestRow> request(long entry);

    /** The requests naming any of {@code customers} (a customer's ids, merges followed), newest first. */
    List<ProjectionChanges.RequestRow> requestsOf(Collection<String> customers);
}
