package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TouchTableTest {
    @Test
    void rowsAreSortedByCustomerThenTimeWithTiesInTheOrderAdded() {
        TouchTable t = Tables.of()
                .add("b", 50, "web", "page_view")
                .add("a", 20, "web", "search")
                .add("a", 10, "web", "page_view")
                .add("a", 20, "store", "purchase")
                .build();
        int a = t.customers.code("a");
        int from = t.start[a];
        assertThat(t.start[a + 1] - from).isEqualTo(3);
        assertThat(new int[] {t.time[from], t.time[from + 1], t.time[from + 2]})
                .containsExactly(t.time[from], t.time[from] + 10, t.time[from] + 10);
        assertThat(t.types.value(t.type[from + 1])).isEqualTo("search");
        assertThat(t.types.value(t.type[from + 2])).isEqualTo("purchase");
        assertThat(t.customerOf(t.start[t.customers.code("b")])).isEqualTo(t.customers.code("b"));
    }

    @Test
    void eachTouchGetsItsStageFromTheMap() {
        TouchTable t = Tables.of().add("a", 0, "web", "order_placed").build();
        assertThat(Stage.at(t.stage[0])).isEqualTo(Stage.DECISION);
    }

    @Test
    void aTouchWithSeveralProductsKeepsThemAllInOrder() {
        TouchTable t = Tables.of().add("a", 0, "store", "purchase", "DEV-PH", "ACC-CASE", "DEV-PH").add("b", 0, "web", "product_view", "X").build();
        int row = t.start[t.customers.code("a")];
        assertThat(t.productCount(row)).isEqualTo(2);
        assertThat(t.products.value(t.productAt(row, 0))).isEqualTo("DEV-PH");
        assertThat(t.products.value(t.productAt(row, 1))).isEqualTo("ACC-CASE");
        assertThat(t.products.value(t.firstProduct(t.start[t.customers.code("b")]))).isEqualTo("X");
    }

    @Test
    void aCustomersHouseholdIsTheOneTheirLatestTouchNames() {
        TouchTable t = Tables.of().household("h2").add("a", 100, "web", "login")
                .household("h1").add("a", 10, "web", "login")
                .household(null).add("a", 200, "web", "login").build();
        assertThat(t.households.value(t.household[t.customers.code("a")])).isEqualTo("h2");
    }

    @Test
    void aHouseholdsRowsMergeItsMembersTouchesInTimeOrder() {
        TouchTable t = Tables.of().household("h").add("a", 30, "web", "login").add("a", 10, "web", "login")
                .add("b", 20, "web", "login").household(null).add("c", 0, "web", "login").build();
        assertThat(t.unitCount(Unit.HOUSEHOLD)).isEqualTo(2);
        int[] n = new int[1];
        int[] rows = t.rowsOf(Unit.HOUSEHOLD, 0, new int[1], n);
        assertThat(n[0]).isEqualTo(3);
        assertThat(new int[] {t.time[rows[0]], t.time[rows[1]], t.time[rows[2]]}).isSorted();
        rows = t.rowsOf(Unit.HOUSEHOLD, 1, rows, n);
        assertThat(n[0]).isEqualTo(1);
        assertThat(t.customerOf(rows[0])).isEqualTo(t.customers.code("c"));
    }

    @Test
    void aBuilderFromATableAppendsToIt() {
        TouchTable first = Tables.of().add("a", 10, "web", "page_view").add("b", 5, "store", "purchase", "P1", "P2").build();
        TouchTable.Builder b = TouchTable.Builder.from(first);
        b.add(new Touch("a", null, Tables.T0, "email", "email_sent", "engage", List.of()));
        b.add(new Touch("c", "h", Tables.T0, "web", "page_view", "digital", List.of("P2")));
        TouchTable t = b.build();
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.customerCount()).isEqualTo(3);
        int a = t.customers.code("a");
        assertThat(t.types.value(t.type[t.start[a]])).isEqualTo("email_sent");
        assertThat(t.productCount(t.start[t.customers.code("b")])).isEqualTo(2);
        assertThat(t.households.value(t.household[t.customers.code("c")])).isEqualTo("h");
        assertThat(first.size()).isEqualTo(2);
    }

    @Test
    void aTouchOutsideTheYearsATableHoldsIsRefusedWithItsNumber() {
        TouchTable.Builder b = TouchTable.builder(StageMap.defaults());
        b.add(new Touch("a", null, Tables.T0, "web", "login", "d", List.of()));
        assertThatThrownBy(() -> b.add(new Touch("a", null, Instant.parse("2100-01-01T00:00:00Z"), "web", "login", "d", List.of())))
                .hasMessageContaining("touch 2").hasMessageContaining("'at'");
    }

    @Test
    void theVocabularyListsWhatCanBeFilteredOnButNoCustomers() {
        TouchTable t = Tables.of().add("secret-id", 0, "web", "page_view", "P").build();
        assertThat(t.vocabulary().channels()).containsExactly("web");
        assertThat(t.vocabulary().products()).containsExactly("P");
        assertThat(t.vocabulary().toString()).doesNotContain("secret-id");
    }
}
