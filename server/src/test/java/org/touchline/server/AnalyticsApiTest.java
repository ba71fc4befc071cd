package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Progress;
import org.touchline.node.command.CustomerEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Journey analytics over HTTP, on the demo company: aggregates only, consent-gated, bad queries named. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsApiTest {
    static Path dir;
    static ServerFixture f;
    static final List<String> customers = new ArrayList<>();

    @BeforeAll
    static void demoCompany() throws Exception {
        dir = Files.createTempDirectory("touchline-analytics");
        f = new ServerFixture(dir.resolve("node"));
        for (SourceFile s : new DemoCompany(new DemoSize(300, 20_000, 12), 5).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(customers::add));
        List<CustomerEvents.ConsentChange> yes = new ArrayList<>();
        for (String c : customers) yes.add(new CustomerEvents.ConsentChange(c, "analytics", "granted", "web", "sign-up form"));
        f.node.customerEvents().consents(yes);
    }

    @AfterAll
    static void close() throws Exception { f.close(); }

    static final String FUNNEL = """
            {"steps": [{"name": "looked", "stages": ["interest"]},
                       {"name": "asked", "stages": ["consideration"], "windowDays": 30},
                       {"name": "bought", "stages": ["decision"], "windowDays": 30}],
             "split": "channel", "minimumCount": 10}""";

    @Test
    @Order(1)
    void a_funnel_counts_customers_step_by_step_and_never_names_one() {
        var r = f.postJson("/v1/analytics/funnel", FUNNEL);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ServerFixture.json(r);
        assertThat(body.at("/snapshot/customers").asInt()).isGreaterThan(100);
        JsonNode steps = body.at("/result/steps");
        assertThat(steps).hasSize(3);
        long previous = Long.MAX_VALUE;
        for (JsonNode s : steps) {
            long entered = s.path("entered").asLong();
            assertThat(entered).isLessThanOrEqualTo(previous);
            previous = entered;
        }
        assertThat(steps.get(0).path("entered").asLong()).isPositive();
        for (String c : customers) assertThat(r.body()).doesNotContain(c);
    }

    @Test
    @Order(1)
    void a_funnel_splits_by_the_customers_tenure_segment() {
        var r = f.postJson("/v1/analytics/funnel", FUNNEL.replace("\"split\": \"channel\"", "\"split\": \"segment\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> segments = new ArrayList<>();
        ServerFixture.json(r).at("/result/groups").forEach(g -> segments.add(g.path("value").asText()));
        assertThat(segments).isNotEmpty().allSatisfy(s -> assertThat(s).isIn("new (< 90 days)", "established (90 days - 2 years)",
                "long-standing (2 years +)", "unknown"));
    }

    @Test
    @Order(2)
    void paths_come_with_a_sankey_of_nodes_and_links() {
        var r = f.postJson("/v1/analytics/paths", "{\"anchor\": {\"stages\": [\"decision\"]}, \"by\": \"channel\", \"minimumCount\": 10}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = ServerFixture.json(r).path("result");
        assertThat(result.at("/sankey/nodes").size()).isPositive();
        assertThat(result.at("/sankey/links").size()).isPositive();
    }

    @Test
    @Order(3)
    void lead_times_journeys_a_product_and_co_churn_answer_on_the_same_snapshot() {
        for (String path : List.of("/v1/analytics/flow?minimumCount=10", "/v1/analytics/journeys?silenceDays=21",
                "/v1/analytics/products/PLN-FIB500?minimumCount=10", "/v1/analytics/co-churn?windowDays=30", "/v1/analytics/vocabulary")) {
            var r = f.get(path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(ServerFixture.json(r).path("result").isObject()).as(path).isTrue();
            for (String c : customers) assertThat(r.body()).as(path).doesNotContain(c);
        }
    }

    @Test
    @Order(3)
    void retention_cohorts_answer_by_first_month_product_and_channel_without_naming_a_customer() {
        for (String by : List.of("first-month", "product", "channel")) {
            var r = f.get("/v1/analytics/cohorts?by=" + by + "&period=month&activity=any");
            assertThat(r.statusCode()).as(by + ": " + r.body()).isEqualTo(200);
            JsonNode result = ServerFixture.json(r).path("result");
            assertThat(result.path("cohorts").size()).as(by).isPositive();
            assertThat(result.at("/overall/customers").asLong()).as(by).isPositive();
            for (String c : customers) assertThat(r.body()).as(by).doesNotContain(c);
        }
        JsonNode months = ServerFixture.json(f.get("/v1/analytics/cohorts?by=first-month")).path("result");
        List<String> names = new ArrayList<>();
        months.path("cohorts").forEach(c -> names.add(c.path("cohort").asText()));
        assertThat(names).isSorted().allMatch(n -> n.matches("\\d{4}-\\d{2}"));
        // Everyone is active in the month they first came: period 0 of "any" is the whole cohort.
        assertThat(months.at("/overall/cells/0/retained").asLong()).isEqualTo(months.at("/overall/customers").asLong());
    }

    @Test
    @Order(3)
    void retention_cells_below_the_nodes_floor_are_null_and_flagged() {
        JsonNode result = ServerFixture.json(f.get("/v1/analytics/cohorts?by=channel&period=week&activity=purchase")).path("result");
        assertThat(result.path("minimumCount").asInt()).isEqualTo(AnalyticsRoutes.FLOOR);
        int suppressed = 0;
        for (JsonNode c : result.path("cohorts"))
            for (JsonNode cell : c.path("cells")) {
                if (cell.path("suppressed").asBoolean()) {
                    suppressed++;
                    assertThat(cell.path("rate").isNull()).isTrue();
                    assertThat(cell.path("retained").isNull() || cell.path("customers").isNull()).as(cell.toString()).isTrue();
                } else {
                    assertThat(cell.path("retained").asLong()).as(cell.toString()).satisfiesAnyOf(n -> assertThat(n).isZero(),
                            n -> assertThat(n).isGreaterThanOrEqualTo(AnalyticsRoutes.FLOOR));
                }
            }
        assertThat(suppressed).as("weekly purchases by channel on 300 customers leave small cells").isPositive();
        var lower = f.get("/v1/analytics/cohorts?minimumCount=3");
        assertThat(lower.statusCode()).isEqualTo(400);
        assertThat(lower.body()).contains("'minimumCount' must be at least " + AnalyticsRoutes.FLOOR);
    }

    @Test
    @Order(4)
    void a_bad_cohort_query_is_refused_naming_the_field() {
        var r = f.get("/v1/analytics/cohorts?by=month");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cohorts.by: 'month' is not one of");
        var periods = f.get("/v1/analytics/cohorts?periods=0");
        assertThat(periods.statusCode()).isEqualTo(400);
        assertThat(periods.body()).contains("cohorts.periods: must be 1 to 120, got 0");
    }

    @Test
    @Order(4)
    void a_bad_query_is_refused_naming_the_field() {
        var r = f.postJson("/v1/analytics/funnel", "{\"steps\": [{\"stages\": [\"buying\"]}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("funnel.steps[0].stages").contains("unknown stage 'buying'");
        var typo = f.get("/v1/analytics/flow?silenceDay=3");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("unknown field 'silenceDay'");
    }

    @Test
    @Order(5)
    void a_daily_forecast_gives_one_interval_per_open_day() {
        var r = f.get("/v1/demand/call_centre?interval=1d&days=7");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ServerFixture.json(r).path("forecast").path("intervals").size()).as(r.body()).isEqualTo(7);
    }

    @Test
    @Order(5)
    void the_call_centre_forecast_plans_staff_per_hour() {
        var r = f.get("/v1/demand/call_centre?interval=1h&days=5");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = ServerFixture.json(r);
        assertThat(body.path("forecast").path("intervals").size()).isEqualTo(5 * 12);
        assertThat(body.path("staffing").path("intervals").get(0).has("agents")).isTrue();
        assertThat(body.path("backtest").path("mase").asDouble()).isPositive();
    }

    @Test
    @Order(9)
    void customers_who_withdraw_analytics_consent_leave_the_next_snapshot() {
        List<CustomerEvents.ConsentChange> no = new ArrayList<>();
        for (String c : customers) no.add(new CustomerEvents.ConsentChange(c, "analytics", "withdrawn", "web", "changed my mind"));
        f.node.customerEvents().consents(no);
        assertThat(ServerFixture.json(f.post("/v1/analytics/refresh", "", "application/json")).at("/snapshot/customers").asInt()).isZero();
        var r = f.postJson("/v1/analytics/funnel", FUNNEL);
        assertThat(ServerFixture.json(r).at("/result/steps/0/entered").asLong()).isZero();
    }
}
