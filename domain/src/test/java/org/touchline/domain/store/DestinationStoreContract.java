package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.store.DestinationStore.Delivery;
import org.touchline.domain.store.DestinationStore.Settled;
import org.touchline.domain.store.DestinationStore.Subscription;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link DestinationStore} as every store must keep it: an entry passed by a cursor is owed until taken or skipped, once, across a restart. */
public abstract class DestinationStoreContract extends StoreContract {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123Z");

    static Subscription webhook(String id) {
        return new Subscription(id, "crm", Subscription.WEBHOOK, "https://crm.example/hook", List.of("interactions", "consent_changes"), "marketing",
                "whsec_c2VjcmV0", Subscription.ACTIVE, NOW);
    }

    @Test
    void aSubscriptionIsKeptWithItsCursorAcrossARestart() {
        StoreUnderTest first = fresh();
        DestinationStore d = first.destinations();
        d.create(webhook("dst_1"), 7);
        assertThat(d.subscription("dst_1")).contains(webhook("dst_1"));
        d.advance("dst_1", 7, 10, List.of(Delivery.owed(8, NOW)));
        first.close();
        DestinationStore after = again().destinations();
        assertThat(after.subscriptions()).containsExactly(webhook("dst_1"));
        var p = after.progress("dst_1").orElseThrow();
        assertThat(p.cursor()).isEqualTo(10);
        assertThat(p.pending()).isEqualTo(1);
        assertThat(p.oldestPendingAt()).isEqualTo(NOW);
        assertThat(after.due("dst_1", NOW, 10)).extracting(Delivery::index).containsExactly(8L);
    }

    @Test
    void aCursorMovedByARewindMeanwhileIsNotAdvancedFromWhereItWas() {
        DestinationStore d = fresh().destinations();
        d.create(webhook("dst_1"), 0);
        d.rewind("dst_1", 3);
        assertThat(d.advance("dst_1", 0, 5, List.of(Delivery.owed(1, NOW)))).isFalse();
        assertThat(d.progress("dst_1").orElseThrow().cursor()).isEqualTo(3);
        assertThat(d.progress("dst_1").orElseThrow().pending()).isZero();
    }

    @Test
    void settledDeliveriesLeaveTheStoreOnceAndAreCounted() {
        DestinationStore d = fresh().destinations();
        d.create(webhook("dst_1"), 0);
        d.advance("dst_1", 0, 4, List.of(Delivery.owed(0, NOW), Delivery.owed(1, NOW), Delivery.owed(2, NOW), Delivery.owed(3, NOW)));
        d.settle("dst_1", List.of(new Settled(0, Settled.Outcome.DELIVERED, NOW, null), new Settled(1, Settled.Outcome.SKIPPED, NOW, null),
                new Settled(2, Settled.Outcome.RETRY, NOW.plusSeconds(60), "answered 500"), new Settled(3, Settled.Outcome.DEAD, NOW, "answered 410")));
        // The same outcome recorded twice (a crash between two records) counts once.
        d.settle("dst_1", List.of(new Settled(0, Settled.Outcome.DELIVERED, NOW, null)));
        var p = d.progress("dst_1").orElseThrow();
        assertThat(p.delivered()).isEqualTo(1);
        assertThat(p.skipped()).isEqualTo(1);
        assertThat(p.failed()).isEqualTo(2);
        assertThat(p.pending()).isEqualTo(1);
        assertThat(p.dead()).isEqualTo(1);
        assertThat(d.due("dst_1", NOW, 10)).isEmpty();
        Delivery retry = d.due("dst_1", NOW.plusSeconds(60), 10).get(0);
        assertThat(retry.index()).isEqualTo(2);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.lastError()).isEqualTo("answered 500");
        assertThat(d.dead("dst_1", -1, 10)).extracting(Delivery::index).containsExactly(3L);
        assertThat(d.replayDead("dst_1", NOW)).isEqualTo(1);
        assertThat(d.due("dst_1", NOW, 10)).extracting(Delivery::index, Delivery::attempts).containsExactly(tuple(3L, 0));
    }

    @Test
    void anEntryStillOwedIsOneDeliveryAfterARewindPassesItAgain() {
        DestinationStore d = fresh().destinations();
        d.create(webhook("dst_1"), 0);
        d.advance("dst_1", 0, 2, List.of(Delivery.owed(1, NOW)));
        d.settle("dst_1", List.of(new Settled(1, Settled.Outcome.RETRY, NOW, "timeout")));
        d.rewind("dst_1", 0);
        d.advance("dst_1", 0, 2, List.of(Delivery.owed(1, NOW)));
        assertThat(d.due("dst_1", NOW, 10)).singleElement().satisfies(x -> assertThat(x.attempts()).isEqualTo(1));
    }

    @Test
    void pausedDeletedAndUnknownSubscriptions() {
        DestinationStore d = fresh().destinations();
        d.create(webhook("dst_1"), 0);
        d.create(webhook("dst_2"), 0);
        assertThat(d.setState("dst_1", Subscription.PAUSED)).isTrue();
        assertThat(d.subscription("dst_1").orElseThrow().state()).isEqualTo(Subscription.PAUSED);
        d.advance("dst_2", 0, 1, List.of(Delivery.owed(0, NOW)));
        assertThat(d.delete("dst_2")).isTrue();
        assertThat(d.delete("dst_2")).isFalse();
        assertThat(d.progress("dst_2")).isEmpty();
        assertThat(d.setState("dst_9", Subscription.ACTIVE)).isFalse();
        assertThat(d.subscriptions()).extracting(Subscription::id).containsExactly("dst_1");
    }
}
