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

    /**
     * Which of {@code identifierKeys} an erasure recorded (an erased person's strong identifiers): one indexed lookup per
     * key, asked for a whole group at once.
     */
    java.util.Set<String> erasedAmong(java.util.Collection<String> identifierKeys);

    /** Whether any erasure recorded an identifier: until one did, a group's records need no lookup. */
    boolean anyErasedIdentifier();

    /** Every erased identifier key with the erasure entry that recorded it, in key order. */
    void loadErasedIdentifiers(Consumer<ProjectionChanges.ErasedIdentifier> out);

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

    /** Every timeline row of one role ("subject": whose interaction it is), customer by customer, oldest first: analytics read the whole population this way. */
    void allTimeline(String role, Consumer<TimelineRow> out);

    long timelineCount(String customerId);

    /** Consent, rating and erasure entries naming any of {@code customers}, of {@code kind}, in ledger order. */
    List<ProjectionChanges.EventRow> events(java.util.Collection<String> customers, String kind);

    /** Every entry of {@code kind}, in ledger order, streamed. */
    void allEvents(String kind, Consumer<ProjectionChanges.EventRow> out);

    /** Entries of {@code kind} about the entry at {@code about} (the ratings of an interaction), in ledger order. */
    List<ProjectionChanges.EventRow> eventsAbout(long about, String kind);

    /** Token movements on the accounts, in ledger order (each with what is left of it, for mints). */
    List<TokenRow> tokenMovements(java.util.Collection<String> accounts);

    /** Mints made before {@code beforeMillis} that still hold tokens, by account then ledger order (expiry reads these). */
    void allTokenLots(long beforeMillis, Consumer<TokenRow> out);

    /** A movement as the projections keep it; {@code remaining} is what a mint still holds (0 for burns and expiries). */
    record TokenRow(long entry, String account, String movement, long amount, long remaining, long atMillis) {}

    /** Every customer's facts as contracts see them, encoded. */
    void loadFacts(java.util.function.BiConsumer<String, String> out);

    /** Every sealed match profile, by customer. */
    void loadProfiles(java.util.function.BiConsumer<String, byte[]> out);

    /** Customers kept apart by an unmerge or a rejected review. */
    void loadApart(Consumer<ProjectionChanges.Apart> out);

    /** Identity decisions naming the customer (as the customer or the other one), in ledger order. */
    List<ProjectionChanges.DecisionRow> decisionsOf(String customerId);

    /** The review queue: reviews with {@code status} after entry {@code afterEntry}, oldest first. */
    List<ProjectionChanges.DecisionRow> reviews(String status, long afterEntry, int limit);

    /** How many reviews have {@code status} (open: the review queue's depth). */
    long reviewCount(String status);

    Optional<ProjectionChanges.DecisionRow> decision(long entry);

    /** Relationships the customer is on either side of, current and ended, in ledger order. */
    List<ProjectionChanges.Relationship> relationshipsOf(String customerId);

    /** Every relationship ever recorded (ended ones too, with their end), oldest first: analytics group households this way. */
    List<ProjectionChanges.Relationship> relationships();

    Optional<ProjectionChanges.Relationship> relationship(long entry);

    /** One timeline over several customers (a household), newest first, with the same cursor as {@link #timeline}. */
    List<TimelineRow> timeline(java.util.Collection<String> customers, Long beforeMillis, Long beforeIndex, int limit);

    long timelineCount(java.util.Collection<String> customers);

    // Batched point reads for the resolver (see IdentityState in the identity module): a group of records asks for
    // all its identifiers, then all the customers they name, each in one or a few indexed queries.

    /** The customer each identifier is linked to now (merges re-point it); identifiers nobody has are absent. */
    java.util.Map<String, String> holdersOf(java.util.Collection<String> identifierKeys);

    /** For each id that was merged away, the customer it points at now; ids never absorbed are absent. */
    java.util.Map<String, String> survivorsOf(java.util.Collection<String> customerIds);

    /** When each existing customer was created (ledger index); unknown ids are absent. */
    java.util.Map<String, Long> createdAt(java.util.Collection<String> customerIds);

    /** How many identifiers of each type each customer has now; customers with none are absent. */
    java.util.Map<String, java.util.Map<String, Integer>> identifierCounts(java.util.Collection<String> customerIds);

    /** The pairs kept apart that name any of {@code customerIds} on either side, in (a, b) order. */
    List<ProjectionChanges.Apart> apartOf(java.util.Collection<String> customerIds);

    /** Whether any pair is kept apart at all: most ledgers have none, and then no merge needs to ask. */
    boolean anyApart();

    /** The contracts' facts of these customers, encoded; those without any are absent. */
    java.util.Map<String, String> factsOf(java.util.Collection<String> customerIds);

    /** The customers who bought any of {@code products} (see {@link ProjectionChanges#products}), in id order. */
    List<String> customersWhoBought(java.util.Collection<String> products);

    /** The sealed match profiles of these customers; those without one are absent. */
    java.util.Map<String, byte[]> profilesOf(java.util.Collection<String> customerIds);

    /** The customers whose match profile is in any of these keyed postcode areas (see {@link ProjectionChanges#postcodeAreas}), in id order. */
    List<String> customersInPostcodeAreas(java.util.Collection<String> areaKeys);

    /** Whether match profiles exist but no postcode area was recorded for any: a store written before the area index. */
    boolean postcodeAreasMissing();

    /** Up to {@code limit} customers whose match profile is in {@code block} (see {@link ProjectionChanges#matchBlocks}), in id order. */
    List<String> blockMembers(long block, int limit);

    /**
     * The search index rows of the first {@code limit} customers, in id order after {@code afterCustomer} (null: from
     * the start), that hold any of {@code searchKeys}; each customer's rows in key order.
     */
    List<ProjectionChanges.SearchKey> searchKeyHolders(java.util.Collection<String> searchKeys, String afterCustomer, int limit);

    /** How many customers hold any of {@code searchKeys}. */
    long searchKeyHolderCount(java.util.Collection<String> searchKeys);

    /** The search index rows of these customers. */
    List<ProjectionChanges.SearchKey> searchKeysOf(java.util.Collection<String> customerIds);

    /** A stable digest of every projection table, to prove a rebuild ends where live ingest did. */
    String digest();

    /** The projection tables, in the order {@link #digest} reads them. */
    List<String> tables();

    /**
     * Rows {@code offset} to {@code offset + limit - 1} of a projection table in the order of its primary key, each as
     * {@code column=value} pairs (binary values in hex), all of it when {@code limit} is negative; what a check of the
     * projections against a rebuild compares, naming the first row that differs.
     */
    void rows(String table, long offset, long limit, java.util.function.Consumer<String> row);
}
