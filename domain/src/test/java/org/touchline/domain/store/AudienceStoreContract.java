package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.store.AudienceStore.Change;
import org.touchline.domain.store.AudienceStore.DailySize;
import org.touchline.domain.store.AudienceStore.Member;
import org.touchline.domain.store.AudienceStore.Round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@link AudienceStore} as every store must keep it: a round is one transaction, a change applied twice counts once, all of it across a restart. */
public abstract class AudienceStoreContract extends StoreContract {
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z"), DAY2 = Instant.parse("2026-03-02T09:00:00Z");

    private static Round changes(List<Change> changes, Long cursor) {
        return new Round(List.of(), List.of(), changes, Map.of(), Map.of(), cursor, null);
    }

    private static Round restart(String audience) {
        return new Round(List.of(), List.of(audience), List.of(), Map.of(), Map.of(), null, null);
    }

    @Test
    void membersSizesAndTheCursorAreKeptAcrossARestart() {
        StoreUnderTest first = fresh();
        AudienceStore a = first.audiences();
        assertThat(a.cursor()).isZero();
        a.record(restart("vip"));
        a.record(changes(List.of(new Change("vip", "cu_b", true, DAY1, 10), new Change("vip", "cu_a", true, DAY1, 11)), 12L));
        first.close();
        AudienceStore after = again().audiences();
        assertThat(after.cursor()).isEqualTo(12);
        assertThat(after.members("vip", null, 10)).extracting(Member::customer, Member::entry).containsExactly(tuple("cu_a", 11L), tuple("cu_b", 10L));
        assertThat(after.states().get("vip").size()).isEqualTo(2);
        assertThat(after.membershipsOf("cu_a")).containsOnlyKeys("vip");
    }

    @Test
    void aChangeAppliedTwiceCountsOnce() {
        AudienceStore a = fresh().audiences();
        a.record(restart("vip"));
        Change in = new Change("vip", "cu_a", true, DAY1, 5), out = new Change("vip", "cu_a", false, DAY2, 9);
        a.record(changes(List.of(in), null));
        a.record(changes(List.of(in), null)); // read back from the log after a restart
        assertThat(a.states().get("vip").size()).isEqualTo(1);
        a.record(changes(List.of(out, out), null));
        assertThat(a.states().get("vip").size()).isZero();
        assertThat(a.sizes("vip", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02")))
                .extracting(DailySize::day, DailySize::size, DailySize::entered, DailySize::left)
                .containsExactly(tuple(LocalDate.parse("2026-03-01"), 1L, 1L, 0L), tuple(LocalDate.parse("2026-03-02"), 0L, 0L, 1L));
    }

    @Test
    void theSizesBeginWithTheLastDayBeforeTheRange() {
        AudienceStore a = fresh().audiences();
        a.record(restart("vip"));
        a.record(changes(List.of(new Change("vip", "cu_a", true, DAY1, 5)), null));
        assertThat(a.sizes("vip", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")))
                .extracting(DailySize::day, DailySize::size).containsExactly(tuple(LocalDate.parse("2026-03-01"), 1L));
    }

    @Test
    void theLastAppliedMembershipEntryNeverMovesBack() {
        AudienceStore a = fresh().audiences();
        assertThat(a.appliedThrough()).isEqualTo(-1);
        a.record(new Round(List.of(), List.of(), List.of(), Map.of(), Map.of(), 20L, 17L));
        a.record(new Round(List.of(), List.of(), List.of(), Map.of(), Map.of(), null, 12L));
        assertThat(a.appliedThrough()).isEqualTo(17);
        assertThat(a.cursor()).isEqualTo(20);
    }

    @Test
    void dueCustomersComeEarliestFirstUntilTheirMomentIsMovedOrGone() {
        AudienceStore a = fresh().audiences();
        Map<String, Long> due = new HashMap<>(Map.of("cu_a", DAY2.toEpochMilli(), "cu_b", DAY1.toEpochMilli(), "cu_c", DAY2.plusSeconds(3600).toEpochMilli()));
        a.record(new Round(List.of(), List.of(), List.of(), due, Map.of(), null, null));
        assertThat(a.due(DAY2, 10)).containsExactly("cu_b", "cu_a");
        Map<String, Long> next = new HashMap<>();
        next.put("cu_b", null);
        next.put("cu_a", DAY2.plusSeconds(86_400).toEpochMilli());
        a.record(new Round(List.of(), List.of(), List.of(), next, Map.of(), null, null));
        assertThat(a.due(DAY2.plusSeconds(7200), 10)).containsExactly("cu_c");
    }

    @Test
    void aForgottenAudienceLosesItsMembersSizesAndState() {
        AudienceStore a = fresh().audiences();
        a.record(restart("vip"));
        a.record(changes(List.of(new Change("vip", "cu_a", true, DAY1, 5)), null));
        a.record(new Round(List.of("vip"), List.of(), List.of(), Map.of(), Map.of(), null, null));
        assertThat(a.states()).doesNotContainKey("vip");
        assertThat(a.members("vip", null, 10)).isEmpty();
        assertThat(a.membershipsOf("cu_a")).isEmpty();
        assertThat(a.sizes("vip", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"))).isEmpty();
    }

    @Test
    void aRestartedAudienceKeepsItsMembersAndStartsItsFirstPassAgain() {
        AudienceStore a = fresh().audiences();
        a.record(restart("vip"));
        Map<String, String> done = new HashMap<>();
        done.put("vip", null);
        a.record(new Round(List.of(), List.of(), List.of(new Change("vip", "cu_a", true, DAY1, 5)), Map.of(), done, null, null));
        assertThat(a.states().get("vip").backfillAfter()).isNull();
        a.record(restart("vip"));
        assertThat(a.states().get("vip").backfillAfter()).isEmpty();
        assertThat(a.states().get("vip").size()).isEqualTo(1);
    }

    @Test
    void theFirstPassWalksTheCustomersInIdOrder() {
        StoreUnderTest s = fresh();
        ProjectionChanges c = new ProjectionChanges();
        for (String id : List.of("cu_c", "cu_a", "cu_b")) c.customers.add(new ProjectionChanges.Customer(id, 1));
        s.projections().apply(c);
        assertThat(s.audiences().customersAfter(null, 2)).containsExactly("cu_a", "cu_b");
        assertThat(s.audiences().customersAfter("cu_b", 2)).containsExactly("cu_c");
    }
}
