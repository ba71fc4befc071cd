package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;

/**
 * {@link SearchProjection} as every store must keep it: the search index. {@link ProjectionStoreContract} runs it on
 * each store.
 */
public interface SearchProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void theSearchIndexListsEveryHolderOfANameAPageAtATime() {
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
    default void theSearchIndexFollowsMergesUnmergesAndErasures() {
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
}
