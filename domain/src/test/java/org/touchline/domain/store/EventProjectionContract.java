package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.EventEntry;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;
import static org.touchline.domain.store.ProjectionHistory.event;

/**
 * {@link EventProjection} as every store must keep it: consent, rating and erasure entries. {@link
 * ProjectionStoreContract} runs it on each store.
 */
public interface EventProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void eventsAreFoundByCustomerByKindAndByTheEntryTheyAreAbout() {
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
}
