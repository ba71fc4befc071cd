package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductViewsTest {
    private static Tables buyers() {
        Tables t = Tables.of();
        for (int c = 0; c < 5; c++) {
            String id = "c" + c;
            t.add(id, 0, "email", "email_sent").add(id, Tables.days(1), "web", "product_view", "MESH")
                    .add(id, Tables.days(2), "store", "purchase", "MESH", "CASE")
                    .add(id, Tables.days(3), "call_centre", "technical_support")
                    .add(id, Tables.days(4), "call_centre", "technical_support");
        }
        // Not a buyer: looked only.
        return t.add("x", 0, "web", "product_view", "MESH").add("late", Tables.days(200), "web", "login");
    }

    @Test
    void buyersAreCountedWithTheChannelTheyBoughtThrough() {
        ProductView v = new ProductViews(buyers().build()).run(ProductQuery.of("MESH"));
        assertThat(v.buyers()).isEqualTo(5);
        assertThat(v.buyersByChannel()).containsExactly(new ProductView.Count("store", 5L));
    }

    @Test
    void theChannelsBeforeAndAfterCountBuyersWhoUsedThem() {
        ProductView v = new ProductViews(buyers().build()).run(ProductQuery.of("MESH"));
        assertThat(v.channelsBefore()).extracting(ProductView.Count::key).containsExactlyInAnyOrder("email", "web");
        assertThat(v.channelsAfter()).containsExactly(new ProductView.Count("call_centre", 5L));
    }

    @Test
    void supportLoadIsSupportTouchesPerBuyerPerThirtyDaysOfCoveredTime() {
        ProductView v = new ProductViews(buyers().build()).run(ProductQuery.of("MESH"));
        // Each buyer: 2 support touches after, within 90 days of which 90 are covered (the table runs to day 200).
        assertThat(v.supportPer30DaysAfter()).isEqualTo(2 * 30.0 / 90);
        // Before: none, over the 2 days the table covers before each purchase.
        assertThat(v.supportPer30DaysBefore()).isZero();
    }

    @Test
    void thePathsAroundThePurchaseAreIncluded() {
        ProductView v = new ProductViews(buyers().build()).run(ProductQuery.of("MESH"));
        assertThat(v.stagePaths().top().get(0).before()).containsExactly("awareness", "interest");
        assertThat(v.channelPaths().top().get(0).after()).containsExactly("call_centre");
    }

    @Test
    void aProductWithFewBuyersShowsNoFigures() {
        ProductView v = new ProductViews(buyers().build()).run(new ProductQuery("MESH", null, null, 6));
        assertThat(v.buyers()).isNull();
        assertThat(v.supportPer30DaysAfter()).isNull();
    }
}
