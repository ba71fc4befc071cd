package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProjectionStore} as every store must keep it. The projections are rebuilt by replaying the ledger and
 * compared by {@link ProjectionStore#digest()}, so the digest of the same history must be the same on every store:
 * {@link #theDigestOfAFixedHistoryIsTheSameOnEveryStore} pins it.
 */
public abstract class ProjectionStoreContract extends StoreContract {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    static ProjectionChanges changes() { return new ProjectionChanges(); }

    static void apply(ProjectionStore p, ProjectionChanges c) { p.apply(c); }

    /** A customer with one identifier and one interaction on the timeline. */
    static ProjectionChanges customer(String id, long index, long atMillis, String identifierKey) {
        ProjectionChanges c = changes();
        c.customers.add(new ProjectionChanges.Customer(id, index));
        c.links.add(new ProjectionChanges.Link(identifierKey, "email", id, index));
        c.timeline.add(new TimelineRow(id, atMillis, index, "subject"));
        return c;
    }

    static EventEntry event(String kind, String customer, long about, String field, String value) {
        return new EventEntry(kind, about, AT, customer, new TreeMap<>(Map.of(field, value)), null);
    }

    @Test
    void customersIdentifiersAndTimelinesAreReadBack() {
        ProjectionStore p = fresh().projections();
        apply(p, customer("c1", 0, 1000, "k:a@x"));
        assertThat(p.customerExists("c1")).isTrue();
        assertThat(p.customerExists("c2")).isFalse();
        assertThat(p.createdAt("c1")).contains(0L);
        assertThat(p.customerByIdentifierKey("k:a@x")).contains("c1");
        assertThat(p.customerByIdentifierKey("k:none")).isEmpty();
        assertThat(p.linksOf("c1")).containsExactly(new ProjectionChanges.Link("k:a@x", "email", "c1", 0, "c1"));
        assertThat(p.timeline("c1", null, null, 10)).containsExactly(new TimelineRow("c1", 1000, 0, "subject"));
        assertThat(p.timelineCount("c1")).isEqualTo(1);
    }

    @Test
    void theResolversBatchedReadsAnswerForManyIdsAtOnce() {
        ProjectionStore p = fresh().projections();
        apply(p, customer("c1", 0, 1000, "k:1"));
        apply(p, customer("c2", 1, 1000, "k:2"));
        ProjectionChanges more = changes();
        more.links.add(new ProjectionChanges.Link("k:3", "phone", "c1", 2));
        more.merges.add(new ProjectionChanges.Merge("c2", "c1", 3));
        more.apart.add(new ProjectionChanges.Apart("c3", "c1", 4));
        apply(p, more);
        // More ids than one SQL list takes, so the chunking is exercised too.
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 1_200; k++) keys.add("k:none" + k);
        keys.addAll(List.of("k:1", "k:2", "k:3"));
        assertThat(p.holdersOf(keys)).isEqualTo(Map.of("k:1", "c1", "k:2", "c1", "k:3", "c1"));
        assertThat(p.survivorsOf(List.of("c1", "c2", "c9"))).isEqualTo(Map.of("c2", "c1"));
        assertThat(p.createdAt(List.of("c1", "c2", "c9"))).isEqualTo(Map.of("c1", 0L, "c2", 1L));
        assertThat(p.identifierCounts(List.of("c1", "c2"))).isEqualTo(Map.of("c1", Map.of("email", 2, "phone", 1)));
        assertThat(p.anyApart()).isTrue();
        assertThat(p.apartOf(List.of("c1"))).containsExactly(new ProjectionChanges.Apart("c1", "c3", 4));
        assertThat(p.apartOf(List.of("c2"))).isEmpty();
    }

    @Test
    void customersAreFoundByTheProductsTheyBoughtAndTheirFactsByCustomer() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.facts.put("c1", "1,0,0");
        c.facts.put("c2", "2,0,0");
        c.products.put("c1", List.of("TV-55", "BB-100"));
        c.products.put("c2", List.of("TV-55"));
        apply(p, c);
        assertThat(p.customersWhoBought(List.of("TV-55"))).containsExactly("c1", "c2");
        assertThat(p.customersWhoBought(List.of("BB-100", "XX"))).containsExactly("c1");
        assertThat(p.factsOf(List.of("c1", "c3"))).isEqualTo(Map.of("c1", "1,0,0"));
        ProjectionChanges later = changes();
        later.products.put("c2", null);
        later.products.put("c1", List.of("TV-55", "BB-100", "PH-1"));
        apply(p, later);
        assertThat(p.customersWhoBought(List.of("TV-55", "PH-1"))).containsExactly("c1");
        ProjectionChanges erased = changes();
        erased.erased.add("c1");
        apply(p, erased);
        assertThat(p.customersWhoBought(List.of("TV-55", "BB-100", "PH-1"))).isEmpty();
    }

    @Test
    void matchBlocksListTheirCustomersAndMoveWithTheProfile() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.profiles.put("c1", new byte[]{1});
        c.profiles.put("c2", new byte[]{2});
        c.matchBlocks.put("c1", new long[]{11, -22});
        c.matchBlocks.put("c2", new long[]{11, 0});
        apply(p, c);
        assertThat(p.blockMembers(11, 10)).containsExactly("c1", "c2");
        assertThat(p.blockMembers(11, 1)).containsExactly("c1");
        assertThat(p.blockMembers(-22, 10)).containsExactly("c1");
        assertThat(p.profilesOf(List.of("c1", "c3"))).containsOnlyKeys("c1");
        ProjectionChanges moved = changes();
        moved.matchBlocks.put("c1", new long[]{33, -22});
        moved.matchBlocks.put("c2", null);
        apply(p, moved);
        assertThat(p.blockMembers(11, 10)).isEmpty();
        assertThat(p.blockMembers(33, 10)).containsExactly("c1");
        ProjectionChanges erased = changes();
        erased.erased.add("c1");
        apply(p, erased);
        assertThat(p.blockMembers(33, 10)).isEmpty();
        assertThat(p.blockMembers(-22, 10)).isEmpty();
    }

    @Test
    void theSearchIndexListsEveryHolderOfANameAPageAtATime() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        for (String id : List.of("c3", "c1", "c4", "c2")) c.searchKeys.add(new ProjectionChanges.SearchKey("s:ann", id));
        c.searchKeys.add(new ProjectionChanges.SearchKey("s:ls6", "c2"));
        c.searchKeys.add(new ProjectionChanges.SearchKey("s:ls6", "c5"));
        apply(p, c);
        ProjectionChanges again = changes();
        again.searchKeys.add(new ProjectionChanges.SearchKey("s:ann", "c1"));
        apply(p, again);
        assertThat(p.searchKeyHolders(List.of("s:ann"), null, 2)).extracting(ProjectionChanges.SearchKey::customerId).containsExactly("c1", "c2");
        assertThat(p.searchKeyHolders(List.of("s:ann"), "c2", 2)).extracting(ProjectionChanges.SearchKey::customerId).containsExactly("c3", "c4");
        assertThat(p.searchKeyHolders(List.of("s:ann"), "c4", 2)).isEmpty();
        assertThat(p.searchKeyHolders(List.of("s:ann", "s:ls6"), "c1", 2)).as("a customer holding both keys counts once")
                .containsExactly(new ProjectionChanges.SearchKey("s:ann", "c2"), new ProjectionChanges.SearchKey("s:ls6", "c2"),
                        new ProjectionChanges.SearchKey("s:ann", "c3"));
        assertThat(p.searchKeyHolderCount(List.of("s:ann", "s:ls6"))).isEqualTo(5);
        assertThat(p.searchKeyHolderCount(List.of("s:none"))).isZero();
        assertThat(p.searchKeysOf(List.of("c2", "c9"))).containsExactly(new ProjectionChanges.SearchKey("s:ann", "c2"),
                new ProjectionChanges.SearchKey("s:ls6", "c2"));
    }

    @Test
    void theSearchIndexFollowsMergesUnmergesAndErasures() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        for (String id : List.of("c1", "c2")) c.searchKeys.add(new ProjectionChanges.SearchKey("s:ann", id));
        c.searchKeys.add(new ProjectionChanges.SearchKey("s:bob", "c2"));
        apply(p, c);
        ProjectionChanges merge = changes();
        merge.merges.add(new ProjectionChanges.Merge("c2", "c1", 5));
        apply(p, merge);
        assertThat(p.searchKeysOf(List.of("c1", "c2"))).containsExactly(new ProjectionChanges.SearchKey("s:ann", "c1"),
                new ProjectionChanges.SearchKey("s:bob", "c1"));
        ProjectionChanges unmerge = changes();
        unmerge.searchKeys.add(new ProjectionChanges.SearchKey("s:ann", "c2"));
        unmerge.searchKeys.add(new ProjectionChanges.SearchKey("s:bob", "c2"));
        unmerge.searchKeysDropped.add(new ProjectionChanges.SearchKey("s:bob", "c1"));
        apply(p, unmerge);
        assertThat(p.searchKeyHolderCount(List.of("s:ann"))).isEqualTo(2);
        assertThat(p.searchKeyHolders(List.of("s:bob"), null, 10)).extracting(ProjectionChanges.SearchKey::customerId).containsExactly("c2");
        ProjectionChanges erased = changes();
        erased.erased.add("c2");
        apply(p, erased);
        assertThat(p.searchKeyHolders(List.of("s:ann", "s:bob"), null, 10)).containsExactly(new ProjectionChanges.SearchKey("s:ann", "c1"));
    }

    @Test
    void aTimelineIsNewestFirstAndPagesFromACursor() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = customer("c1", 0, 1000, "k:1");
        c.timeline.add(new TimelineRow("c1", 3000, 1, "subject"));
        c.timeline.add(new TimelineRow("c1", 3000, 2, "subject"));
        c.timeline.add(new TimelineRow("c1", 2000, 3, "consent"));
        apply(p, c);
        assertThat(p.timeline("c1", null, null, 2)).extracting(TimelineRow::index).containsExactly(2L, 1L);
        assertThat(p.timeline("c1", 3000L, 1L, 10)).extracting(TimelineRow::index).containsExactly(3L, 0L);
        assertThat(p.timelineCount("c1")).as("interactions only, not consents").isEqualTo(3);
    }

    @Test
    void aTimelineOverSeveralCustomersInterleavesThemNewestFirst() {
        ProjectionStore p = fresh().projections();
        apply(p, customer("c1", 0, 1000, "k:1"));
        apply(p, customer("c2", 1, 2000, "k:2"));
        ProjectionChanges c = changes();
        c.timeline.add(new TimelineRow("c1", 3000, 2, "subject"));
        c.timeline.add(new TimelineRow("c3", 4000, 3, "subject"));
        apply(p, c);
        assertThat(p.timeline(List.of("c1", "c2"), null, null, 10)).extracting(TimelineRow::index).containsExactly(2L, 1L, 0L);
        assertThat(p.timeline(List.of("c1", "c2"), 2000L, 1L, 10)).extracting(TimelineRow::index).containsExactly(0L);
        assertThat(p.timelineCount(List.of("c1", "c2"))).isEqualTo(3);
    }

    @Test
    void aMergeMovesIdentifiersTimelineAndEarlierMergesToTheSurvivor() {
        ProjectionStore p = fresh().projections();
        apply(p, customer("a", 0, 1000, "k:a"));
        apply(p, customer("b", 1, 2000, "k:b"));
        apply(p, customer("c", 2, 3000, "k:c"));
        ProjectionChanges m1 = changes();
        m1.merges.add(new ProjectionChanges.Merge("c", "b", 3));
        apply(p, m1);
        ProjectionChanges m2 = changes();
        m2.merges.add(new ProjectionChanges.Merge("b", "a", 4));
        apply(p, m2);
        assertThat(p.customerByIdentifierKey("k:c")).contains("a");
        assertThat(p.survivorOf("c")).contains("a");
        assertThat(p.survivorOf("a")).isEmpty();
        assertThat(p.mergesInto("a")).containsExactly(new ProjectionChanges.Merge("c", "a", 3, "b"), new ProjectionChanges.Merge("b", "a", 4, "a"));
        assertThat(p.timeline("a", null, null, 10)).extracting(TimelineRow::index).containsExactly(2L, 1L, 0L);
        assertThat(p.timeline("b", null, null, 10)).isEmpty();
        assertThat(p.linksOf("a")).extracting(ProjectionChanges.Link::origin).containsExactly("a", "b", "c");
    }

    @Test
    void anUnmergeGivesTheAbsorbedCustomerBackItsIdentifiersAndRows() {
        ProjectionStore p = fresh().projections();
        apply(p, customer("a", 0, 1000, "k:a"));
        apply(p, customer("b", 1, 2000, "k:b"));
        ProjectionChanges m = changes();
        m.merges.add(new ProjectionChanges.Merge("b", "a", 2));
        apply(p, m);
        ProjectionChanges u = changes();
        u.unmerges.add(new ProjectionChanges.Unmerge("b", "a", 3, List.of()));
        u.relinks.add(new ProjectionChanges.Relink("k:b", "b"));
        u.moves.add(new ProjectionChanges.Move("a", "b", 2000, 1, "subject"));
        u.apart.add(new ProjectionChanges.Apart("b", "a", 3));
        apply(p, u);
        assertThat(p.survivorOf("b")).isEmpty();
        assertThat(p.customerByIdentifierKey("k:b")).contains("b");
        assertThat(p.timeline("b", null, null, 10)).containsExactly(new TimelineRow("b", 2000, 1, "subject"));
        assertThat(p.timeline("a", null, null, 10)).extracting(TimelineRow::index).containsExactly(0L);
        List<ProjectionChanges.Apart> apart = new ArrayList<>();
        p.loadApart(apart::add);
        assertThat(apart).as("kept as (smaller, larger)").containsExactly(new ProjectionChanges.Apart("a", "b", 3));
    }

    @Test
    void identityDecisionsAreFoundByCustomerAndReviewsByStatus() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.decisionRows.add(new ProjectionChanges.DecisionRow(5, IdentityDecision.derived(IdentityDecision.REVIEW, 4, AT, "a", "b", "email", "k:a", "r"), "open"));
        c.decisionRows.add(new ProjectionChanges.DecisionRow(7, IdentityDecision.derived(IdentityDecision.MERGED, 6, AT, "c", "a", "phone", "k:p", "r"), "done"));
        c.decisionRows.add(new ProjectionChanges.DecisionRow(9, IdentityDecision.derived(IdentityDecision.REVIEW, 8, AT, "d", "e", "email", "k:d", "r"), "open"));
        apply(p, c);
        assertThat(p.decisionsOf("a")).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L, 7L);
        assertThat(p.decision(7)).hasValueSatisfying(d -> assertThat(d.decision().customerId()).isEqualTo("c"));
        assertThat(p.reviews("open", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L, 9L);
        assertThat(p.reviews("open", 5, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(9L);
        ProjectionChanges accepted = changes();
        accepted.reviewStatuses.add(new ProjectionChanges.ReviewStatus(5, "accepted", 10));
        apply(p, accepted);
        assertThat(p.reviews("open", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(9L);
        assertThat(p.reviews("accepted", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L);
        assertThat(p.decision(42)).isEmpty();
    }

    @Test
    void relationshipsAreFoundFromEitherSideAndEndWithADate() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.relationships.add(new ProjectionChanges.Relationship(3, "household", "a", "b", "2026-01-01", null));
        c.relationships.add(new ProjectionChanges.Relationship(4, "proxy", "c", "a", null, null));
        apply(p, c);
        ProjectionChanges end = changes();
        end.relationshipEnds.add(new ProjectionChanges.RelationshipEnd(3, "2026-02-01"));
        apply(p, end);
        assertThat(p.relationshipsOf("a")).extracting(ProjectionChanges.Relationship::entry).containsExactly(3L, 4L);
        assertThat(p.relationshipsOf("b")).containsExactly(new ProjectionChanges.Relationship(3, "household", "a", "b", "2026-01-01", "2026-02-01"));
        assertThat(p.relationships()).hasSize(2);
        assertThat(p.relationship(4)).contains(new ProjectionChanges.Relationship(4, "proxy", "c", "a", null, null));
        assertThat(p.relationship(5)).isEmpty();
    }

    @Test
    void eventsAreFoundByCustomerByKindAndByTheEntryTheyAreAbout() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.events.add(new ProjectionChanges.EventRow(10, event(EventEntry.CONSENT, "a", -1, "purpose", "marketing")));
        c.events.add(new ProjectionChanges.EventRow(11, event(EventEntry.RATING, "a", 3, "stars", "5")));
        c.events.add(new ProjectionChanges.EventRow(12, event(EventEntry.CONSENT, "b", -1, "purpose", "analytics")));
        c.events.add(new ProjectionChanges.EventRow(13, event(EventEntry.RATING, "b", 3, "stars", "2")));
        apply(p, c);
        assertThat(p.events(List.of("a", "b"), EventEntry.CONSENT)).extracting(ProjectionChanges.EventRow::entry).containsExactly(10L, 12L);
        assertThat(p.events(List.of("b"), EventEntry.RATING)).singleElement()
                .satisfies(e -> assertThat(e.event().field("stars")).isEqualTo("2"));
        assertThat(p.events(List.of(), EventEntry.RATING)).isEmpty();
        assertThat(p.eventsAbout(3, EventEntry.RATING)).extracting(ProjectionChanges.EventRow::entry).containsExactly(11L, 13L);
        List<Long> all = new ArrayList<>();
        p.allEvents(EventEntry.CONSENT, e -> all.add(e.entry()));
        assertThat(all).containsExactly(10L, 12L);
    }

    @Test
    void burnsAndExpiriesTakeTokensFromTheOldestLotsFirst() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.tokenMovements.add(new ProjectionChanges.TokenMovement(1, "customer:a", "mint", 10, 100));
        c.tokenMovements.add(new ProjectionChanges.TokenMovement(2, "customer:a", "mint", 5, 200));
        c.tokenMovements.add(new ProjectionChanges.TokenMovement(3, "agent:z", "mint", 7, 300));
        apply(p, c);
        ProjectionChanges burn = changes();
        burn.tokenMovements.add(new ProjectionChanges.TokenMovement(4, "customer:a", "burn", 12, 400));
        burn.tokenUsesOldestFirst.add(new ProjectionChanges.TokenMovement(4, "customer:a", "burn", 12, 400));
        apply(p, burn);
        ProjectionChanges use = changes();
        use.tokenUses.add(new ProjectionChanges.TokenUse(3, 2));
        apply(p, use);
        assertThat(p.tokenMovements(List.of("customer:a"))).extracting(ProjectionStore.TokenRow::remaining).containsExactly(0L, 3L, 0L);
        List<ProjectionStore.TokenRow> lots = new ArrayList<>();
        p.allTokenLots(250, lots::add);
        assertThat(lots).extracting(ProjectionStore.TokenRow::entry).containsExactly(2L);
        lots.clear();
        p.allTokenLots(1000, lots::add);
        assertThat(lots).as("by account, then ledger order").extracting(ProjectionStore.TokenRow::entry).containsExactly(3L, 2L);
    }

    @Test
    void factsAndProfilesAreReplacedWholeAndANullForgetsThem() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.facts.put("a", "{\"interactions\":1}");
        c.facts.put("b", "{\"interactions\":4}");
        c.profiles.put("a", new byte[]{1, 2});
        apply(p, c);
        ProjectionChanges d = changes();
        d.facts.put("a", "{\"interactions\":2}");
        d.facts.put("b", null);
        d.profiles.put("a", new byte[]{3});
        apply(p, d);
        Map<String, String> facts = new TreeMap<>();
        p.loadFacts(facts::put);
        assertThat(facts).containsExactly(Map.entry("a", "{\"interactions\":2}"));
        Map<String, byte[]> profiles = new TreeMap<>();
        p.loadProfiles(profiles::put);
        assertThat(profiles).containsOnlyKeys("a");
        assertThat(profiles.get("a")).containsExactly(3);
    }

    @Test
    void anErasedCustomerIsForgottenByEveryProjectionButItsErasureEntry() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = customer("a", 0, 1000, "k:a");
        c.events.add(new ProjectionChanges.EventRow(1, event(EventEntry.CONSENT, "a", -1, "purpose", "marketing")));
        c.tokenMovements.add(new ProjectionChanges.TokenMovement(2, "customer:a", "mint", 10, 100));
        c.relationships.add(new ProjectionChanges.Relationship(3, "household", "a", "b", null, null));
        c.facts.put("a", "{}");
        c.profiles.put("a", new byte[]{1});
        apply(p, c);
        apply(p, customer("b", 4, 2000, "k:b"));
        ProjectionChanges e = changes();
        e.events.add(new ProjectionChanges.EventRow(5, event(EventEntry.ERASURE, "a", -1, "reason", "asked")));
        e.erased.add("a");
        apply(p, e);
        assertThat(p.customerExists("a")).isFalse();
        assertThat(p.customerByIdentifierKey("k:a")).isEmpty();
        assertThat(p.timeline("a", null, null, 10)).isEmpty();
        assertThat(p.events(List.of("a"), EventEntry.CONSENT)).isEmpty();
        assertThat(p.events(List.of("a"), EventEntry.ERASURE)).extracting(ProjectionChanges.EventRow::entry).containsExactly(5L);
        assertThat(p.tokenMovements(List.of("customer:a"))).isEmpty();
        assertThat(p.relationshipsOf("b")).isEmpty();
        Map<String, String> facts = new TreeMap<>();
        p.loadFacts(facts::put);
        assertThat(facts).isEmpty();
        assertThat(p.customerExists("b")).isTrue();
    }

    @Test
    void wholeTablesLoadInKeyOrderByteForByte() {
        ProjectionStore p = fresh().projections();
        for (String id : List.of("b", "é", "A", "a", "Z")) apply(p, customer(id, id.codePointAt(0), 1000, "k:" + id));
        List<String> customers = new ArrayList<>();
        p.loadCustomers(c -> customers.add(c.id()));
        assertThat(customers).as("UTF-8 byte order, not a locale's").containsExactly("A", "Z", "a", "b", "é");
        List<String> links = new ArrayList<>();
        p.loadLinks(l -> links.add(l.identifierKey()));
        assertThat(links).containsExactly("k:A", "k:Z", "k:a", "k:b", "k:é");
        List<String> timeline = new ArrayList<>();
        p.allTimeline("subject", r -> timeline.add(r.customerId()));
        assertThat(timeline).containsExactly("A", "Z", "a", "b", "é");
    }

    @Test
    void resetDropsEveryProjection() {
        StoreUnderTest store = fresh();
        ProjectionStore p = store.projections();
        String empty = p.digest();
        apply(p, history());
        assertThat(p.digest()).isNotEqualTo(empty);
        p.reset();
        assertThat(p.digest()).isEqualTo(empty);
        assertThat(p.customerExists("a")).isFalse();
    }

    @Test
    void theDigestDoesNotDependOnHowTheRowsWereBatched() {
        ProjectionStore whole = fresh().projections();
        apply(whole, history());
        ProjectionStore piecemeal = fresh().projections();
        for (ProjectionChanges part : historyInParts()) apply(piecemeal, part);
        assertThat(piecemeal.digest()).isEqualTo(whole.digest());
    }

    /**
     * The digest of {@link #history()}, pinned: a rebuild on one store compares with live ingest on another only if
     * every store hashes the same rows to the same digest (same columns, same row order, same encoding of values).
     */
    @Test
    void erasedIdentifiersAreFoundAmongAGroupsKeysAndAKeyErasedAgainKeepsItsFirstErasure() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges first = changes(), again = changes();
        first.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:ann", 7));
        again.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:ann", 9));
        again.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:bob", 9));
        apply(p, first);
        apply(p, again);
        assertThat(p.erasedAmong(List.of("k:ann", "k:cy", "k:bob"))).containsExactlyInAnyOrder("k:ann", "k:bob");
        assertThat(p.erasedAmong(List.of())).isEmpty();
        List<ProjectionChanges.ErasedIdentifier> all = new ArrayList<>();
        p.loadErasedIdentifiers(all::add);
        assertThat(all).containsExactly(new ProjectionChanges.ErasedIdentifier("k:ann", 7), new ProjectionChanges.ErasedIdentifier("k:bob", 9));
    }

    @Test
    void customersAreFoundByTheirPostcodeAreasWhichFollowTheirProfile() {
        ProjectionStore p = fresh().projections();
        assertThat(p.postcodeAreasMissing()).isFalse();
        ProjectionChanges c = changes();
        c.profiles.put("ann", new byte[]{1});
        c.profiles.put("bob", new byte[]{2});
        apply(p, c);
        assertThat(p.postcodeAreasMissing()).as("profiles but no areas: a store from before the index").isTrue();
        ProjectionChanges areas = changes();
        areas.postcodeAreas.put("ann", List.of("a:LS6", "a:LS"));
        areas.postcodeAreas.put("bob", List.of("a:LS17", "a:LS"));
        apply(p, areas);
        assertThat(p.postcodeAreasMissing()).isFalse();
        assertThat(p.customersInPostcodeAreas(List.of("a:LS"))).containsExactly("ann", "bob");
        assertThat(p.customersInPostcodeAreas(List.of("a:LS6", "a:M1"))).containsExactly("ann");
        ProjectionChanges moved = changes();
        moved.postcodeAreas.put("ann", List.of("a:M1", "a:M"));
        moved.postcodeAreas.put("bob", null);
        apply(p, moved);
        assertThat(p.customersInPostcodeAreas(List.of("a:LS", "a:LS6", "a:LS17"))).isEmpty();
        assertThat(p.customersInPostcodeAreas(List.of("a:M1"))).containsExactly("ann");
        ProjectionChanges erased = changes();
        erased.erased.add("ann");
        apply(p, erased);
        assertThat(p.customersInPostcodeAreas(List.of("a:M1", "a:M"))).isEmpty();
    }

    @Test
    void theDigestOfAFixedHistoryIsTheSameOnEveryStore() {
        ProjectionStore p = fresh().projections();
        apply(p, history());
        assertThat(p.digest()).isEqualTo("eeb416f81be99492c3601283dd08dce9098b14a2237ad235a06f0e4f13761da6");
    }

    /** A bit of every projection, with ids whose byte order differs from a locale's (capitals, accents). */
    static ProjectionChanges history() {
        ProjectionChanges all = changes();
        for (ProjectionChanges part : historyInParts()) {
            all.customers.addAll(part.customers);
            all.links.addAll(part.links);
            all.timeline.addAll(part.timeline);
            all.decisionRows.addAll(part.decisionRows);
            all.relationships.addAll(part.relationships);
            all.events.addAll(part.events);
            all.tokenMovements.addAll(part.tokenMovements);
            all.facts.putAll(part.facts);
            all.profiles.putAll(part.profiles);
            all.matchBlocks.putAll(part.matchBlocks);
            all.products.putAll(part.products);
            all.apart.addAll(part.apart);
            all.searchKeys.addAll(part.searchKeys);
            all.erasedIdentifiers.addAll(part.erasedIdentifiers);
            all.postcodeAreas.putAll(part.postcodeAreas);
        }
        return all;
    }

    private static List<ProjectionChanges> historyInParts() {
        List<ProjectionChanges> parts = new ArrayList<>();
        String[] ids = {"zoë", "Émile", "adam", "Adam", "bob"};
        for (int k = 0; k < ids.length; k++) {
            ProjectionChanges c = customer(ids[k], k * 10L, 1_700_000_000_000L + k, "k:" + ids[k]);
            c.timeline.add(new TimelineRow(ids[k], 1_700_000_000_500L, k * 10L + 1, "consent"));
            c.events.add(new ProjectionChanges.EventRow(k * 10L + 1, event(EventEntry.CONSENT, ids[k], -1, "purpose", "marketing")));
            c.tokenMovements.add(new ProjectionChanges.TokenMovement(k * 10L + 2, "customer:" + ids[k], "mint", 5 + k, 1_700_000_000_000L));
            c.facts.put(ids[k], "{\"interactions\":" + k + "}");
            c.profiles.put(ids[k], ("profile " + ids[k]).getBytes(StandardCharsets.UTF_8));
            c.matchBlocks.put(ids[k], new long[]{k + 1, 0, -5_000_000_000L * (k + 1)});
            c.products.put(ids[k], List.of("SKU-" + k, "SKU-all"));
            c.searchKeys.add(new ProjectionChanges.SearchKey("s:" + ids[k], ids[k]));
            c.searchKeys.add(new ProjectionChanges.SearchKey("s:shared", ids[k]));
            c.postcodeAreas.put(ids[k], List.of("a:" + ids[k], "a:shared"));
            c.decisionRows.add(new ProjectionChanges.DecisionRow(k * 10L + 3,
                    IdentityDecision.derived(IdentityDecision.REVIEW, k * 10L, AT, ids[k], ids[(k + 1) % ids.length], "email", "k:" + ids[k], "email-exact"), "open"));
            parts.add(c);
        }
        ProjectionChanges last = changes();
        last.relationships.add(new ProjectionChanges.Relationship(60, "household", "adam", "Adam", "2026-01-01", null));
        last.apart.add(new ProjectionChanges.Apart("bob", "Émile", 61));
        last.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:Zoé", 62));
        last.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:zoe", 62));
        parts.add(last);
        return parts;
    }
}
