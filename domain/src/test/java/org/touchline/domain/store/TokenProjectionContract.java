package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;

/**
 * {@link TokenProjection} as every store must keep it: the token's movements and lots. {@link ProjectionStoreContract}
 * runs it on each store.
 */
public interface TokenProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void burnsAndExpiriesTakeTokensFromTheOldestLotsFirst() {
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
}
