package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.EventEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;
import static org.touchline.domain.store.ProjectionHistory.event;
import static org.touchline.domain.store.ProjectionHistory.history;
import static org.touchline.domain.store.ProjectionHistory.historyInParts;

/**
 * {@link ProjectionStore} as every store must keep it: each part's contract (customers, identity, timelines, events,
 * erasures, tokens, facts, search), then what holds across them. The projections are rebuilt by replaying the ledger
 * and compared by {@link ProjectionStore#digest()}, so the digest of the same history must be the same on every store:
 * {@link #theDigestOfAFixedHistoryIsTheSameOnEveryStore} pins it.
 */
public abstract class ProjectionStoreContract extends StoreContract implements CustomerProjectionContract, IdentityProjectionContract,
        TimelineProjectionContract, EventProjectionContract, ErasureProjectionContract, TokenProjectionContract, FactProjectionContract,
        SearchProjectionContract, RequestProjectionContract {
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
     * The digest of {@link ProjectionHistory#history()}, pinned: a rebuild on one store compares with live ingest on
     * another only if every store hashes the same rows to the same digest (same columns, same row order, same encoding
     * of values).
     */
    @Test
    void theDigestOfAFixedHistoryIsTheSameOnEveryStore() {
        ProjectionStore p = fresh().projections();
        apply(p, history());
        assertThat(p.digest()).isEqualTo("eeb416f81be99492c3601283dd08dce9098b14a2237ad235a06f0e4f13761da6");
    }
}
