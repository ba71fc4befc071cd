package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;

/**
 * {@link CustomerProjection} as every store must keep it: customers, their identifiers and merges. {@link
 * ProjectionStoreContract} runs it on each store.
 */
public interface CustomerProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void customersIdentifiersAndTimelinesAreReadBack() {
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
    default void theResolversBatchedReadsAnswerForManyIdsAtOnce() {
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
    default void aMergeMovesIdentifiersTimelineAndEarlierMergesToTheSurvivor() {
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
    default void anUnmergeGivesTheAbsorbedCustomerBackItsIdentifiersAndRows() {
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
}
