package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What identity resolution decided and keeps (part of the {@link ProjectionStore}): its decisions and review queue,
 * the pairs kept apart, relationships between customers, and the sealed match profiles with their blocks.
 */
public interface IdentityProjection {
    /** Identity decisions naming the customer (as the customer or the other one), in ledger order. */
    List<ProjectionChanges.DecisionRow> decisionsOf(String customerId);

    /** The review queue: reviews with {@code status} after entry {@code afterEntry}, oldest first. */
    List<ProjectionChanges.DecisionRow> reviews(String status, long afterEntry, int limit);

    /** How many reviews have {@code status} (open: the review queue's depth). */
    long reviewCount(String status);

    Optional<ProjectionChanges.DecisionRow> decision(long entry);

    /** Customers kept apart by an unmerge or a rejected review. */
    void loadApart(Consumer<ProjectionChanges.Apart> out);

    /** The pairs kept apart that name any of {@code customerIds} on either side, in (a, b) order. */
    List<ProjectionChanges.Apart> apartOf(Collection<String> customerIds);

    /** Whether any pair is kept apart at all: most ledgers have none, and then no merge needs to ask. */
    boolean anyApart();

    /** Relationships the customer is on either side of, current and ended, in ledger order. */
    List<ProjectionChanges.Relationship> relationshipsOf(String customerId);

    /** Every relationship ever recorded (ended ones too, with their end), oldest first: analytics group households this way. */
    List<ProjectionChanges.Relationship> relationships();

    Optional<ProjectionChanges.Relationship> relationship(long entry);

    /** Every sealed match profile, by customer. */
    void loadProfiles(BiConsumer<String, byte[]> out);

    /** The sealed match profiles of these customers; those without one are absent. */
    Map<String, byte[]> profilesOf(Collection<String> customerIds);

    /** The customers whose match profile is in any of these keyed postcode areas (see {@link ProjectionChanges#postcodeAreas}), in id order. */
    List<String> customersInPostcodeAreas(Collection<String> areaKeys);

    /** Whether match profiles exist but no postcode area was recorded for any: a store written before the area index. */
    boolean postcodeAreasMissing();

    /** Up to {@code limit} customers whose match profile is in {@code block} (see {@link ProjectionChanges#matchBlocks}), in id order. */
    List<String> blockMembers(long block, int limit);
}
