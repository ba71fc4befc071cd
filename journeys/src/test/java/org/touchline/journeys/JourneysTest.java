package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JourneysTest {
    private static JourneyStates run(Tables t, Instant asOf) {
        return new Journeys(t.build()).run(new JourneyQuery(null, asOf, null, null, null, 1));
    }

    @Test
    void aJourneyThatReachesADecisionConverts() {
        JourneyStates s = run(Tables.of().add("a", 0, "web", "product_view", "P").add("a", 60, "web", "order_placed", "P"), null);
        assertThat(s.all().started()).isEqualTo(1);
        assertThat(s.all().converted()).isEqualTo(1);
        assertThat(s.all().conversionRate()).isEqualTo(1.0);
        assertThat(s.byProduct()).extracting(JourneyStates.ProductCounts::product).containsExactly("P");
    }

    @Test
    void aJourneySilentForLongerThanTheSilenceIsAbandoned() {
        Tables t = Tables.of().add("a", 0, "web", "product_view", "P").add("b", Tables.days(31), "web", "login");
        JourneyStates s = run(t, null);
        assertThat(s.all().abandoned()).isEqualTo(1);
        assertThat(s.all().inProgress()).isZero();
    }

    @Test
    void aJourneyWithinTheSilenceOfAsOfIsInProgress() {
        Tables t = Tables.of().add("a", 0, "web", "product_view", "P");
        JourneyStates s = run(t, Tables.T0.plusSeconds(Tables.days(30)));
        assertThat(s.all().inProgress()).isEqualTo(1);
        assertThat(s.byProduct().get(0).product()).isEqualTo("P");
    }

    @Test
    void touchesAfterAsOfAreNotSeen() {
        Tables t = Tables.of().add("a", 0, "web", "product_view").add("a", 100, "web", "order_placed");
        JourneyStates s = run(t, Tables.T0.plusSeconds(50));
        assertThat(s.all().converted()).isZero();
        assertThat(s.all().inProgress()).isEqualTo(1);
    }

    @Test
    void aDecisionWithNoJourneyOpenIsADirectDecision() {
        JourneyStates s = run(Tables.of().add("a", 0, "store", "purchase"), null);
        assertThat(s.all().started()).isZero();
        assertThat(s.directDecisions()).isEqualTo(1);
    }

    @Test
    void aHouseholdHasOneJourneyWhereItsMembersEachHadOne() {
        Tables t = Tables.of().household("h").add("a", 0, "web", "product_view").add("b", 60, "web", "product_view")
                .add("b", 120, "web", "order_placed");
        assertThat(new Journeys(t.build()).run(new JourneyQuery(null, null, null, null, Unit.HOUSEHOLD, 1)).all().started()).isEqualTo(1);
        assertThat(run(t, null).all().started()).isEqualTo(2);
    }

    @Test
    void smallCountsAreSuppressed() {
        JourneyStates s = new Journeys(Tables.of().add("a", 0, "web", "product_view").build()).run(JourneyQuery.all());
        assertThat(s.all().started()).isNull();
        assertThat(s.all().suppressed()).isTrue();
    }
}
