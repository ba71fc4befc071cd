package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Progress;
import org.touchline.journeys.FlowQuery;
import org.touchline.journeys.FunnelQuery;
import org.touchline.journeys.PathQuery;
import org.touchline.journeys.Stage;
import org.touchline.journeys.TouchFilter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;
import static org.touchline.node.NodeFixture.phone;

/** Journeys stay correct after an unmerge and after a rebuild; only the analytics audience is in them. */
class AnalyticsSnapshotTest {
    @TempDir Path dir;

    static Interaction typed(String source, String id, String at, String channel, String type, Identifier who) {
        var i = interaction(source, id, at, channel, who);
        return new Interaction(null, i.source(), i.sourceRecordId(), i.occurredAt(), i.channel(), type, i.identifiers(),
                List.of(), "agent-1", List.of("PLN-FIB500"), null, null, Map.of());
    }

    /** Two people the resolver merged by mistake (the phone they shared), each with a journey of their own. */
    static String[] mergedPair(NodeFixture f) {
        f.append(typed("web", "1", "2026-01-01T10:00:00Z", "web", "product_view", email("x@example.com")));
        f.append(typed("calls", "2", "2026-01-02T10:00:00Z", "call_centre", "sales_enquiry", phone("07700900999")));
        String a = f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow();
        String b = f.node.customers().findByIdentifier(phone("07700900999")).orElseThrow();
        f.append(interaction("crm", "3", "2026-01-03T10:00:00Z", "email", email("x@example.com"), phone("07700900999")));
        f.append(typed("web", "4", "2026-01-05T10:00:00Z", "web", "order_placed", email("x@example.com")));
        f.append(typed("calls", "5", "2026-01-09T10:00:00Z", "call_centre", "sales_enquiry", phone("07700900999")));
        f.append(typed("store", "6", "2026-01-10T10:00:00Z", "store", "purchase", phone("07700900999")));
        f.node.customerEvents().consent(a, "analytics", "granted", "web", "form");
        f.node.customerEvents().consent(b, "analytics", "granted", "web", "form");
        return new String[]{a, b};
    }

    static String answers(Analytics.Snapshot s) throws Exception {
        var q = s.queries();
        var funnel = q.funnel(new FunnelQuery(List.of(new FunnelQuery.Step("looked", TouchFilter.stage(Stage.INTEREST, Stage.CONSIDERATION), null),
                new FunnelQuery.Step("bought", TouchFilter.stage(Stage.DECISION), Duration.ofDays(30))), null, null).withMinimumCount(1));
        var flow = q.flow(new FlowQuery(null, null, null, null, null, 1));
        var paths = q.paths(PathQuery.around(TouchFilter.stage(Stage.DECISION)).by(PathQuery.By.CHANNEL).minimumCount(1));
        return InteractionJson.MAPPER.writeValueAsString(List.of(funnel, flow, paths));
    }

    @Test
    void after_an_unmerge_each_person_has_their_own_journey_and_a_rebuild_gives_the_same_answers() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            Analytics.Snapshot merged = f.node.analytics().refresh(Progress.NONE);
            assertThat(merged.customers()).isEqualTo(1);
            // One merged customer: looked on 1 January and ordered on the 5th (4 days); enquired again on the 9th and
            // bought on the 10th (1 day).
            var before = merged.queries().flow(new FlowQuery(null, null, null, null, null, 1)).leadTime();
            assertThat(before.count()).isEqualTo(2);
            assertThat(before.p90Seconds()).isEqualTo(Duration.ofDays(4).toSeconds());

            f.node.identityCommands().unmerge(ab[0], ab[1], null, "agent-7", "two different people");
            // The consent was given while the two were one customer: who gave it is not known, so the person split off
            // is not assumed to have consented, and is asked again.
            assertThat(f.node.analytics().refresh(Progress.NONE).customers()).isEqualTo(1);
            f.node.customerEvents().consent(ab[1], "analytics", "granted", "web", "asked again");
            Analytics.Snapshot split = f.node.analytics().refresh(Progress.NONE);
            assertThat(split.customers()).isEqualTo(2);
            assertThat(split.table().size()).isEqualTo(merged.table().size());
            var flow = split.queries().flow(new FlowQuery(null, null, null, null, null, 1));
            // Now two journeys convert: x looked on the 1st and ordered on the 5th (4 days); the caller enquired on the
            // 2nd and bought in the store on the 10th (8 days).
            assertThat(flow.leadTime().count()).isEqualTo(2);
            assertThat(flow.leadTime().p90Seconds()).isEqualTo(Duration.ofDays(8).toSeconds());

            String live = answers(split);
            f.node.rebuild(Progress.NONE);
            assertThat(answers(f.node.analytics().refresh(Progress.NONE))).isEqualTo(live);
        }
    }

    @Test
    void a_customer_without_analytics_consent_is_not_in_the_snapshot() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            f.node.identityCommands().unmerge(ab[0], ab[1], null, "agent-7", "two different people");
            f.node.customerEvents().consent(ab[1], "analytics", "granted", "web", "asked again");
            f.node.customerEvents().consent(ab[1], "analytics", "withdrawn", "portal", "no");
            Analytics.Snapshot s = f.node.analytics().refresh(Progress.NONE);
            assertThat(s.customers()).isEqualTo(1);
            assertThat(s.queries().flow(new FlowQuery(null, null, null, null, null, 1)).leadTime().count()).isEqualTo(1);
        }
    }

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void a_stale_snapshot_still_answers_while_its_successor_is_built_in_the_background() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            mergedPair(f);
            ManualClock clock = new ManualClock();
            Analytics analytics = new Analytics(f.dir, f.node.ledger(), f.node.projections(), f.node.projections(), f.node.customers(), f.node.consents(), clock);
            Analytics.Snapshot first = analytics.snapshot();
            f.append(typed("web", "7", "2026-01-20T10:00:00Z", "web", "product_view", email("x@example.com")));
            assertThat(analytics.snapshot()).as("fresh for a minute").isSameAs(first);
            clock.now = clock.now.plusSeconds(61);
            assertThat(analytics.snapshot()).as("stale, but answered at once").isSameAs(first);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (analytics.snapshot() == first && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(analytics.snapshot().entries()).isEqualTo(f.node.ledger().size());
            assertThat(analytics.snapshot().table().size()).isEqualTo(first.table().size() + 1);
        }
    }
}
