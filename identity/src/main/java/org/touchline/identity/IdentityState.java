package org.touchline.identity;

import org.touchline.domain.state.CacheStats;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the {@link IdentityGraph} knows and remembers: who holds each identifier, which customers were merged into
 * which, when each was created, the pairs kept apart and how many strong identifiers of each type a customer has. The
 * graph decides; this only answers and records. {@link StoredIdentityState} keeps it in the store's projections behind
 * bounded caches (what a node uses, live and in a rebuild); tests keep it in maps.
 */
public interface IdentityState {
    /** The customer that has the identifier now (merges followed), or null if nobody has it. */
    default String ownerOf(String identifierKey) {
        String h = holderOf(identifierKey);
        return h == null ? null : current(h);
    }

    /** The customer an id refers to now, following merges; null if unknown (never created, or erased). */
    default String current(String customerId) {
        String c = customerId;
        for (String next; (next = survivorOf(c)) != null; ) c = next;
        return isCreated(c) ? c : null;
    }

    /** The customer the identifier was recorded against, merges not followed; null if nobody has it. */
    String holderOf(String identifierKey);

    /** The customer {@code customerId} was merged into, one step; null if it was not merged. */
    String survivorOf(String customerId);

    /** Whether the customer was created (and not erased). */
    boolean isCreated(String customerId);

    /** The ledger index a known customer was created at. */
    long createdAt(String customerId);

    /** How many identifiers of each strong type (in priority order) a current customer has: a copy the caller may change. */
    int[] strongCounts(String customerId);

    /** The entry that keeps {@code customer} apart from any customer of {@code group} (ids and merges followed), or null. */
    Long apartFrom(String customer, Set<String> group);

    /** The entry that keeps exactly these two customers apart, or null. */
    Long apartPair(String x, String y);

    /** Customers whose chain of merges passes through {@code via} but that are not {@code via}, in id order. */
    List<String> mergedInto(String via);

    void created(String customerId, long index);

    /** {@code strongType}: the identifier type's place in the priority order, -1 for a weak type. */
    void linked(String identifierKey, int strongType, String customerId);

    /** {@code absorbed} now points at {@code into}, which takes its counts. */
    void absorbed(String absorbed, String into);

    void keptApart(String a, String b, long index);

    /**
     * Identifiers {@code keys} leave {@code from} for {@code part} (an unmerge): a new customer, or one merged into
     * {@code from} before that is its own again (with the customers merged into it). Counts as given.
     */
    void split(String from, String part, boolean newPart, long index, Collection<String> keys, int[] partCounts, int[] fromCounts);

    /** Erasure: the customers and their identifiers leave the state, and every cache. */
    void forget(Collection<String> customerIds);

    /** The identifiers a group of records will look up, read ahead in a few batched queries where that saves any. */
    default void prefetch(Collection<String> identifierKeys) {}

    /** Customers about to be asked {@link #current} of (a record's match candidates), read ahead in a batch. */
    default void prefetchCustomers(Collection<String> customerIds) {}

    /** How the caches did, for benchmarks and metrics; none for state kept in memory. */
    default List<CacheStats> cacheStats() { return List.of(); }
}
