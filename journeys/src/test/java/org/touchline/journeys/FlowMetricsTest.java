package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowMetricsTest {
    private static FlowReport run(Tables t) {
        return new FlowMetrics(t.build()).run(new FlowQuery(null, null, null, null, null, 1));
    }

    @Test
    void leadTimeRunsFromTheJourneysFirstTouchToItsDecision() {
        FlowReport r = run(Tables.of().add("a", 0, "email", "email_sent").add("a", 100, "web", "product_view", "P")
                .add("a", 400, "web", "order_placed", "P"));
        assertThat(r.leadTime().count()).isEqualTo(1);
        assertThat(r.leadTime().p50Seconds()).isEqualTo(400);
        assertThat(r.leadTimeByChannel()).extracting(FlowReport.Group::key).containsExactly("web");
        assertThat(r.leadTimeByProduct()).extracting(FlowReport.Group::key).containsExactly("P");
        assertThat(r.leadTimeByMonth()).extracting(FlowReport.Group::key).containsExactly("2026-01");
    }

    @Test
    void eachLeadTimeGivesEveryConvertedJourneyTheReportCounts() {
        Tables t = Tables.of().add("a", 0, "email", "email_sent").add("a", 400, "web", "order_placed", "P")
                .add("b", 0, "web", "product_view").add("b", 90, "call_centre", "account_opened")
                .add("c", 0, "web", "page_view");
        List<String> leads = new ArrayList<>();
        new FlowMetrics(t.build()).eachLeadTime(new FlowQuery(null, null, null, null, null, 1),
                (channel, product, seconds) -> leads.add(channel + " " + product + " " + seconds));
        assertThat(leads).containsExactly("web P 400", "call_centre (none) 90");
        assertThat(run(t).leadTime().count()).isEqualTo(leads.size());
    }

    @Test
    void aJourneySilentForLongerThanTheSilenceIsAbandonedAndTheNextTouchStartsAnother() {
        long silence = Tables.days(30);
        FlowReport r = run(Tables.of().add("a", 0, "web", "page_view").add("a", silence + 1, "web", "page_view")
                .add("a", silence + 101, "web", "order_placed"));
        assertThat(r.leadTime().p50Seconds()).isEqualTo(100);
    }

    @Test
    void aGapOfExactlyTheSilenceKeepsTheJourneyGoing() {
        long silence = Tables.days(30);
        FlowReport r = run(Tables.of().add("a", 0, "web", "page_view").add("a", silence, "web", "page_view")
                .add("a", silence + 100, "web", "order_placed"));
        assertThat(r.leadTime().p50Seconds()).isEqualTo(silence + 100);
    }

    @Test
    void touchesOfOtherStagesNeitherStartNorKeepAJourneyAlive() {
        long silence = Tables.days(30);
        FlowReport r = run(Tables.of().add("a", 0, "web", "page_view").add("a", silence - 10, "call_centre", "technical_support")
                .add("a", silence + 50, "web", "order_placed"));
        assertThat(r.leadTime().count()).isZero();
    }

    @Test
    void aDecisionRightAfterAnotherIsNoJourney() {
        FlowReport r = run(Tables.of().add("a", 0, "web", "product_view").add("a", 10, "web", "order_placed")
                .add("a", 20, "call_centre", "account_opened"));
        assertThat(r.leadTime().count()).isEqualTo(1);
    }

    @Test
    void cycleTimeOfAStageSumsItsRunsUntilTheNextStageBegins() {
        FlowReport r = run(Tables.of().add("a", 0, "email", "email_sent").add("a", 10, "web", "page_view")
                .add("a", 30, "email", "email_opened").add("a", 70, "web", "add_to_cart").add("a", 170, "web", "order_placed"));
        assertThat(cycle(r, Stage.AWARENESS)).isEqualTo(10 + 40);
        assertThat(cycle(r, Stage.INTEREST)).isEqualTo(20);
        assertThat(cycle(r, Stage.CONSIDERATION)).isEqualTo(100);
        assertThat(r.cycleTimes()).extracting(FlowReport.StageCycle::stage).doesNotContain(Stage.DECISION);
    }

    @Test
    void aHouseholdsJourneyCanStartWithOneMemberAndConvertWithAnother() {
        Tables t = Tables.of().household("h").add("a", 0, "web", "product_view").add("b", 300, "store", "purchase");
        FlowReport byCustomer = new FlowMetrics(t.build()).run(new FlowQuery(null, null, null, null, Unit.CUSTOMER, 1));
        FlowReport byHousehold = new FlowMetrics(t.build()).run(new FlowQuery(null, null, null, null, Unit.HOUSEHOLD, 1));
        assertThat(byCustomer.leadTime().count()).isZero();
        assertThat(byHousehold.leadTime().p50Seconds()).isEqualTo(300);
    }

    @Test
    void theSilenceIsConfigurable() {
        Tables t = Tables.of().add("a", 0, "web", "page_view").add("a", Tables.days(10), "web", "order_placed");
        FlowReport shortSilence = new FlowMetrics(t.build()).run(new FlowQuery(JourneyRules.withSilence(Duration.ofDays(7)), null, null, null, null, 1));
        assertThat(shortSilence.leadTime().count()).isZero();
        assertThat(run(t).leadTime().count()).isOne();
    }

    private static long cycle(FlowReport r, Stage s) {
        return r.cycleTimes().stream().filter(c -> c.stage() == s).findFirst().orElseThrow().overall().p50Seconds();
    }
}
