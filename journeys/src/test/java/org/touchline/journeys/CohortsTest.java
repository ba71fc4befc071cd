package org.touchline.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CohortsTest {
    // 2026-01-01 is a Thursday: day 3 is Sunday 4 January, day 4 Monday 5 January.
    private static final long JAN_5 = Tables.days(4), JAN_20 = Tables.days(19), FEB_3 = Tables.days(33), FEB_10 = Tables.days(40),
            MAR_5 = Tables.days(63), APR_2 = Tables.days(91);

    /** a and b start in January, c in February; the data ends on 2 April. */
    private static Tables threeCustomers() {
        return Tables.of()
                .add("a", JAN_5, "web", "page_view").add("a", FEB_10, "app", "login").add("a", APR_2, "web", "page_view")
                .add("b", JAN_20, "store", "store_enquiry").add("b", MAR_5, "store", "purchase", "P1")
                .add("c", FEB_3, "web", "page_view").add("c", FEB_10, "web", "page_view").add("c", MAR_5, "app", "login");
    }

    private static CohortTable run(Tables t, CohortQuery q) {
        return new Cohorts(t.build()).run(q.withMinimumCount(1));
    }

    /** Each cell as "period:retained/customers", with a * when partial. */
    private static List<String> cells(CohortTable.Cohort c) {
        return c.cells().stream().map(x -> x.period() + ":" + x.retained() + "/" + x.customers() + (x.partial() ? "*" : "")).toList();
    }

    private static CohortTable.Cohort cohort(CohortTable t, String name) {
        return t.cohorts().stream().filter(c -> c.cohort().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + t));
    }

    @Test
    void customersAreGroupedByTheMonthOfTheirFirstTouchAndCountedInEachLaterMonthTheyCameBack() {
        CohortTable t = run(threeCustomers(), CohortQuery.by(CohortQuery.By.FIRST_MONTH));
        assertThat(t.cohorts()).extracting(CohortTable.Cohort::cohort).containsExactly("2026-01", "2026-02");
        assertThat(cohort(t, "2026-01").customers()).isEqualTo(2);
        assertThat(cells(cohort(t, "2026-01"))).containsExactly("0:2/2", "1:1/2", "2:1/2", "3:1/2*");
        assertThat(cells(cohort(t, "2026-02"))).containsExactly("0:1/1", "1:1/1", "2:0/1*");
        assertThat(cohort(t, "2026-01").cells().get(1).rate()).isEqualTo(0.5);
        assertThat(t.dataEnd()).isEqualTo(Tables.T0.plusSeconds(APR_2).toString());
    }

    @Test
    void theOverallRowCountsEachPeriodOverTheCustomersWhoHaveReachedIt() {
        CohortTable t = run(threeCustomers(), CohortQuery.by(CohortQuery.By.FIRST_MONTH));
        assertThat(t.overall().customers()).isEqualTo(3);
        assertThat(cells(t.overall())).containsExactly("0:3/3", "1:2/3", "2:1/3*", "3:1/2*");
    }

    @Test
    void periodsAfterTheLastOneAskedForAreLeftOut() {
        CohortQuery two = new CohortQuery(CohortQuery.By.FIRST_MONTH, null, null, null, null, 2, null);
        assertThat(cells(cohort(run(threeCustomers(), two), "2026-01"))).containsExactly("0:2/2", "1:1/2", "2:1/2");
    }

    @Test
    void countsBelowTheMinimumAreSuppressedAsInEveryOtherAggregate() {
        CohortTable t = new Cohorts(threeCustomers().build()).run(CohortQuery.by(CohortQuery.By.FIRST_MONTH).withMinimumCount(2));
        CohortTable.Cohort jan = cohort(t, "2026-01");
        assertThat(jan.customers()).isEqualTo(2);
        assertThat(jan.suppressed()).isFalse();
        CohortTable.Cell month1 = jan.cells().get(1);
        assertThat(month1.customers()).isEqualTo(2);
        assertThat(month1.retained()).isNull();
        assertThat(month1.rate()).isNull();
        assertThat(month1.suppressed()).isTrue();
        CohortTable.Cohort feb = cohort(t, "2026-02");
        assertThat(feb.customers()).isNull();
        assertThat(feb.suppressed()).isTrue();
        // Zero is shown: nobody of February's cohort came back in April.
        assertThat(feb.cells().get(2).retained()).isZero();
        assertThat(t.minimumCount()).isEqualTo(2);
    }

    @Test
    void theDefaultMinimumIsTheOneEveryQueryHas() {
        assertThat(CohortQuery.by(CohortQuery.By.CHANNEL).minimumCount()).isEqualTo(Suppression.DEFAULT_MINIMUM_COUNT)
                .isEqualTo(RandomTables.funnel().minimumCount()).isEqualTo(FlowQuery.all().minimumCount());
    }

    @Test
    void externalEventsNeitherStartACohortNorCountAsComingBack() {
        Tables t = threeCustomers()
                .add(new Touch("d", null, null, Tables.T0.plusSeconds(JAN_5), "external", "network_outage", "network", List.of(), null, null))
                .add("d", MAR_5, "web", "page_view")
                .add(new Touch("b", null, null, Tables.T0.plusSeconds(FEB_10), "external", "network_outage", "network", List.of(), null, null));
        CohortTable r = run(t, CohortQuery.by(CohortQuery.By.FIRST_MONTH));
        assertThat(cohort(r, "2026-03").customers()).isOne();
        assertThat(cells(cohort(r, "2026-01"))).startsWith("0:2/2", "1:1/2");
    }

    @Test
    void theChannelOfAcquisitionIsTheChannelOfTheFirstTouch() {
        CohortTable t = run(threeCustomers(), CohortQuery.by(CohortQuery.By.CHANNEL));
        assertThat(t.cohorts()).extracting(CohortTable.Cohort::cohort).containsExactly("web", "store");
        assertThat(cohort(t, "web").customers()).isEqualTo(2);
        // a: months 0, 1 and 3 after January; c: months 0 and 1 after February, the data ending in c's month 2.
        assertThat(cells(cohort(t, "web"))).containsExactly("0:2/2", "1:2/2", "2:0/2*", "3:1/1*");
    }

    @Test
    void aProductCohortStartsAtTheFirstPurchaseNamingAProductAndCountsOnlyWhatFollows() {
        Tables t = Tables.of()
                .add("a", JAN_5, "web", "page_view")
                .add("a", JAN_20, "web", "account_opened")          // a decision naming no product
                .add("a", FEB_3, "store", "purchase", "P2", "P1")
                .add("a", MAR_5, "web", "page_view")
                .add("b", FEB_3, "web", "page_view")                // before b's purchase, in the same month
                .add("b", FEB_10, "web", "order_placed", "P1")
                .add("c", JAN_5, "web", "page_view")                // never buys: in no product cohort
                .add("c", APR_2, "web", "page_view");
        CohortTable r = run(t, CohortQuery.by(CohortQuery.By.PRODUCT));
        assertThat(r.cohorts()).extracting(CohortTable.Cohort::cohort).containsExactly("P1", "P2");
        assertThat(cells(cohort(r, "P2"))).containsExactly("0:1/1", "1:1/1", "2:0/1*");
        assertThat(cells(cohort(r, "P1"))).containsExactly("0:1/1", "1:0/1", "2:0/1*");
        assertThat(r.overall().customers()).isEqualTo(2);
    }

    @Test
    void withPurchasesAsTheActivityOnlyDecisionsCountAsComingBack() {
        CohortQuery q = CohortQuery.by(CohortQuery.By.FIRST_MONTH).with(CohortQuery.Period.MONTH, CohortQuery.Activity.PURCHASE);
        CohortTable r = run(threeCustomers(), q);
        // Only b's purchase in March counts; nobody bought in their first month.
        assertThat(cells(cohort(r, "2026-01"))).containsExactly("0:0/2", "1:0/2", "2:1/2", "3:0/2*");
    }

    @Test
    void weeksRunFromMondayToSundayAndAreNamedByTheirMonday() {
        Tables t = Tables.of().add("a", Tables.days(3), "web", "page_view").add("a", JAN_5, "web", "page_view")
                .add("b", JAN_5 + 3600, "web", "page_view").add("b", JAN_5 + Tables.days(7), "web", "page_view");
        CohortTable r = run(t, CohortQuery.by(CohortQuery.By.FIRST_MONTH).with(CohortQuery.Period.WEEK, null));
        assertThat(r.cohorts()).extracting(CohortTable.Cohort::cohort).containsExactly("2025-12-29", "2026-01-05");
        assertThat(cells(cohort(r, "2025-12-29"))).containsExactly("0:1/1", "1:1/1", "2:0/1*");
        assertThat(cells(cohort(r, "2026-01-05"))).containsExactly("0:1/1", "1:1/1*");
    }

    @Test
    void fromAndToChooseTheCustomersByWhenTheyStartedAndLaterActivityStillCounts() {
        CohortQuery q = new CohortQuery(CohortQuery.By.FIRST_MONTH, null, null, Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), null, null);
        CohortTable r = run(threeCustomers(), q);
        assertThat(r.cohorts()).extracting(CohortTable.Cohort::cohort).containsExactly("2026-01");
        assertThat(cells(r.cohorts().get(0))).containsExactly("0:1/1", "1:0/1", "2:1/1", "3:0/1*");
    }

    @Test
    void anEmptyTableHasNoCohorts() {
        CohortTable r = run(Tables.of(), CohortQuery.by(CohortQuery.By.PRODUCT));
        assertThat(r.cohorts()).isEmpty();
        assertThat(r.overall().customers()).isZero();
        assertThat(r.overall().cells()).isEmpty();
        assertThat(r.dataEnd()).isNull();
    }

    @Test
    void aBadQueryIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new CohortQuery(null, null, null, null, null, 0, null)).hasMessageContaining("cohorts.periods: must be 1 to 120, got 0");
        assertThatThrownBy(() -> new CohortQuery(null, null, null, Tables.T0, Tables.T0, null, null)).hasMessageContaining("cohorts.to: must be after 'from'");
        assertThatThrownBy(() -> QueryJson.cohorts(json("{\"by\": \"month\"}"))).hasMessageContaining("cohorts.by: 'month' is not one of");
        assertThatThrownBy(() -> QueryJson.cohorts(json("{\"periods\": \"many\"}"))).hasMessageContaining("cohorts.periods: must be a whole number");
        assertThatThrownBy(() -> QueryJson.cohorts(json("{\"activty\": \"any\"}"))).hasMessageContaining("unknown field 'activty'");
    }

    @Test
    void theApiSpellingsAreRead() {
        CohortQuery q = QueryJson.cohorts(json("{\"by\": \"first-month\", \"period\": \"week\", \"activity\": \"purchase\", "
                + "\"from\": \"2026-01-01\", \"to\": \"2026-07-01\", \"periods\": \"8\", \"minimumCount\": \"10\"}"));
        assertThat(q).isEqualTo(new CohortQuery(CohortQuery.By.FIRST_MONTH, CohortQuery.Period.WEEK, CohortQuery.Activity.PURCHASE,
                Tables.T0, Instant.parse("2026-07-01T00:00:00Z"), 8, 10));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theAnswerDoesNotDependOnTheOrderTouchesArriveIn(long seed) {
        List<Touch> touches = new ArrayList<>(RandomTables.touches(seed, 200, 4_000));
        TouchTable.Builder b = TouchTable.builder(StageMap.defaults());
        touches.forEach(b::add);
        Collections.shuffle(touches, new Random(seed));
        TouchTable.Builder shuffled = TouchTable.builder(StageMap.defaults());
        touches.forEach(shuffled::add);
        for (CohortQuery.By by : CohortQuery.By.values()) {
            CohortQuery q = CohortQuery.by(by).with(CohortQuery.Period.WEEK, CohortQuery.Activity.ANY).withMinimumCount(1);
            assertThat(new Cohorts(shuffled.build()).run(q)).as("%s", by).isEqualTo(new Cohorts(b.build()).run(q));
        }
    }
}
