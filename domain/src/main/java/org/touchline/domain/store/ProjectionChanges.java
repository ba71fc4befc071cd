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

    public final List<Customer> customers = new ArrayList<>();
    public final List<Link> links = new ArrayList<>();
    public final List<Merge> merges = new ArrayList<>();
    public final List<TimelineRow> timeline = new ArrayList<>();

    public boolean isEmpty() { return customers.isEmpty() && links.isEmpty() && merges.isEmpty() && timeline.isEmpty(); }
}
