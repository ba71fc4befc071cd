package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CoChurnTest {
    /** 20 households of two; in 5 of them both close within a week, elsewhere nobody does, and 10 loners close at random. */
    private static Tables households() {
        Tables t = Tables.of();
        for (int h = 0; h < 20; h++) {
            t.household("h" + h).add("a" + h, 0, "web", "login").add("b" + h, 0, "web", "login");
            if (h < 5) t.add("a" + h, Tables.days(10 * h), "call_centre", "account_closed").add("b" + h, Tables.days(10 * h + 3), "call_centre", "account_closed");
        }
        t.household(null);
        for (int c = 0; c < 40; c++) {
            t.add("lone" + c, 0, "web", "login");
            if (c < 10) t.add("lone" + c, Tables.days(37 * c), "call_centre", "account_closed");
        }
        return t;
    }

    private static CoChurnResult.Kind household(CoChurnResult r) {
        return r.kinds().stream().filter(k -> k.kind() == CoChurnQuery.GroupKind.HOUSEHOLD).findFirst().orElseThrow();
    }

    @Test
    void householdsWhoCloseTogetherShowALiftOverTheBaseRate() {
        CoChurnResult r = new CoChurn(households().build()).run(new CoChurnQuery(null, Duration.ofDays(7), null, null, null, null, 1));
        CoChurnResult.Kind k = household(r);
        assertThat(k.groupCount()).isEqualTo(20);
        assertThat(k.pairs()).isEqualTo(10);          // each of the 10 leavers, with their partner
        assertThat(k.followed()).isEqualTo(10);
        assertThat(k.conditionalRate()).isEqualTo(1.0);
        assertThat(k.lift()).isGreaterThan(5);
    }

    @Test
    void theGroupsAreListedWithSizesAndDaysButNoIds() {
        CoChurnResult r = new CoChurn(households().build()).run(new CoChurnQuery(null, Duration.ofDays(7), null, null, null, 3, 1));
        List<CoChurnResult.Group> groups = household(r).groups();
        assertThat(groups).hasSize(3);
        assertThat(groups.get(0)).isEqualTo(new CoChurnResult.Group("household#1", 2, List.of(0.0, 3.0)));
        assertThat(r.toString()).doesNotContain("a1").doesNotContain("h1,");
    }

    @Test
    void eventsFurtherApartThanTheWindowAreNotClose() {
        CoChurnResult r = new CoChurn(households().build()).run(new CoChurnQuery(null, Duration.ofDays(2), null, null, null, null, 1));
        assertThat(household(r).followed()).isZero();
        assertThat(household(r).groups()).isEmpty();
    }

    @Test
    void customersWhoMeetAtAPlaceOnTwoDaysFormAGroup() {
        Tables t = Tables.of();
        for (String c : new String[] {"x", "y"}) {
            t.add(new Touch(c, null, null, Tables.T0, "store", "store_enquiry", "pos", List.of(), null, "S1"));
            t.add(new Touch(c, null, null, Tables.T0.plusSeconds(Tables.days(7)), "store", "store_enquiry", "pos", List.of(), null, "S1"));
        }
        t.add(new Touch("z", null, null, Tables.T0, "store", "store_enquiry", "pos", List.of(), null, "S1"));
        CoChurnResult r = new CoChurn(t.build()).run(new CoChurnQuery(null, null, Set.of(CoChurnQuery.GroupKind.MEETING), null, null, null, 1));
        assertThat(r.kinds()).singleElement().extracting(CoChurnResult.Kind::groupCount).isEqualTo(1L);
    }
}
