package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;

/**
 * {@link ErasureProjection} as every store must keep it: the identifiers erasures recorded. {@link
 * ProjectionStoreContract} runs it on each store.
 */
public interface ErasureProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void erasedIdentifiersAreFoundAmongAGroupsKeysAndAKeyErasedAgainKeepsItsFirstErasure() {
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
}
