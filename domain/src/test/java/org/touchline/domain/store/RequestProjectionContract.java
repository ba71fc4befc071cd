package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.EventEntry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;
import static org.touchline.domain.store.ProjectionHistory.event;
import static org.touchline.domain.store.ProjectionHistory.history;

/**
 * {@link RequestProjection} as every store must keep it: data-subject requests as they stand, changed by their steps
 * and kept by an erasure. {@link ProjectionStoreContract} runs it on each store.
 */
public interface RequestProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    private static ProjectionChanges.RequestRow filed(long entry, String type, String customer, String status, long dueAt) {
        return new ProjectionChanges.RequestRow(entry, type, customer, "letter", status, 1_000, dueAt, entry);
    }

    @Test
    default void requestsInTheGivenStatusesListEarliestDueFirstAndNarrowByType() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.requests.add(filed(10, "access", "a", "awaiting_verification", 5_000));
        c.requests.add(filed(11, "erasure", "b", "verified", 3_000));
        c.requests.add(filed(12, "access", null, "awaiting_verification", 3_000));
        c.requests.add(filed(13, "objection", "a", "closed", 1_000));
        apply(p, c);
        assertThat(p.requests(List.of("awaiting_verification", "verified"), null, 10)).extracting(ProjectionChanges.RequestRow::entry)
                .containsExactly(11L, 12L, 10L);
        assertThat(p.requests(List.of("awaiting_verification", "verified"), "access", 10)).extracting(ProjectionChanges.RequestRow::entry)
                .containsExactly(12L, 10L);
        assertThat(p.requests(List.of(), null, 2)).extracting(ProjectionChanges.RequestRow::entry).containsExactly(13L, 11L);
        assertThat(p.request(12)).contains(filed(12, "access", null, "awaiting_verification", 3_000));
        assertThat(p.request(99)).isEmpty();
    }

    @Test
    default void aStepSetsTheStatusAndWhereItSaysSoTheCustomerOrTheDueDate() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.requests.add(filed(10, "access", null, "awaiting_verification", 5_000));
        // A step in the same batch as its filing finds it.
        c.requestSteps.add(new ProjectionChanges.RequestStep(10, 11, "awaiting_verification", null, 9_000));
        apply(p, c);
        ProjectionChanges later = changes();
        later.requestSteps.add(new ProjectionChanges.RequestStep(10, 12, "verified", "a", -1));
        apply(p, later);
        assertThat(p.request(10)).contains(new ProjectionChanges.RequestRow(10, "access", "a", "letter", "verified", 1_000, 9_000, 12));
        assertThat(p.requestsOf(List.of("a"))).extracting(ProjectionChanges.RequestRow::entry).containsExactly(10L);
    }

    @Test
    default void aCustomersRequestsListNewestFirstAndOutliveTheirErasure() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = customer("a", 0, 1_000, "k:a");
        c.requests.add(filed(1, "access", "a", "closed", 5_000));
        c.requests.add(filed(2, "erasure", "a", "verified", 6_000));
        c.requests.add(filed(3, "access", "b", "verified", 6_000));
        c.events.add(new ProjectionChanges.EventRow(2, event(EventEntry.REQUEST, "a", -1, "step", "filed")));
        apply(p, c);
        ProjectionChanges erased = changes();
        erased.events.add(new ProjectionChanges.EventRow(4, event(EventEntry.ERASURE, "a", -1, "reason", "asked")));
        erased.erased.add("a");
        erased.requestSteps.add(new ProjectionChanges.RequestStep(2, 5, "fulfilled", "a", -1));
        apply(p, erased);
        assertThat(p.customerExists("a")).isFalse();
        assertThat(p.requestsOf(List.of("a"))).extracting(ProjectionChanges.RequestRow::entry).containsExactly(2L, 1L);
        assertThat(p.request(2).orElseThrow().status()).isEqualTo("fulfilled");
        assertThat(p.events(List.of("a"), EventEntry.REQUEST)).as("the request's own entries are kept").extracting(ProjectionChanges.EventRow::entry)
                .containsExactly(2L);
    }

    @Test
    default void requestsCountInTheDigestOnlyOnceThereAreSomeAndGoWithAReset() {
        ProjectionStore p = fresh().projections();
        apply(p, history());
        String without = p.digest();
        ProjectionChanges c = changes();
        c.requests.add(filed(100, "access", "a", "awaiting_verification", 5_000));
        apply(p, c);
        assertThat(p.digest()).isNotEqualTo(without);
        p.reset();
        assertThat(p.request(100)).isEmpty();
    }
}
