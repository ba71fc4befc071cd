package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.customer;

/**
 * {@link TimelineProjection} as every store must keep it: timelines. {@link ProjectionStoreContract} runs it on each
 * store.
 */
public interface TimelineProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void aTimelineIsNewestFirstAndPagesFromACursor() {
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
    default void aTimelineOverSeveralCustomersInterleavesThemNewestFirst() {
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
}
