package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.OfferResponses;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Progress;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.Intelligence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics page (docs/pages.md) in Debian's Chromium against a real node holding the demo company: what the
 * page draws is what the aggregate API answers, a bad query shows the server's words, and the page never asks for a
 * customer. Screenshots of every section go to target/screenshots/.
 *
 * <p>Skipped when /usr/bin/chromium is missing, unless TOUCHLINE_REQUIRE_CHROMIUM=1 (CI), when it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsPageBrowserTest {
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    /** The sticky top bar would cover the top of every section shot after the first. */
    static final String STATIC_TOPBAR = ".topbar { position: static !important; }";
    static final List<String> SECTIONS = List.of("funnel", "paths", "flow", "journeys", "cohorts", "product", "co-churn", "demand", "models");

    static Path dir;
    static ServerFixture f;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    /** The page as it first opens, shared by the tests that only read it. */
    static Page page;
    /** Every URL any page of the context asked for. */
    static final List<String> requested = new CopyOnWriteArrayList<>();
    static final List<String> customers = new ArrayList<>();

    @BeforeAll
    static void demoCompanyAndBrowser() throws Exception {
        DebianChromium.orSkip();
        dir = Files.createTempDirectory("touchline-analytics-page");
        f = ServerFixture.insecureOpen(dir.resolve("node"));   // the page as the demo serves it: open, on loopback
        for (SourceFile s : new DemoCompany(new DemoSize(300, 20_000, 12), 5).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(customers::add));
        List<CustomerEvents.ConsentChange> yes = new ArrayList<>();
        for (String c : customers)
            for (String purpose : List.of("analytics", "model_training"))
                yes.add(new CustomerEvents.ConsentChange(c, purpose, "granted", "web", "sign-up form"));
        f.node.customerEvents().consents(yes);

        playwright = DebianChromium.start();
        browser = DebianChromium.launch(playwright);
        context = DebianChromium.context(browser, 1366);
        context.onRequest(r -> requested.add(r.url()));
        page = open();
    }

    @AfterAll
    static void close() {
        if (playwright != null) playwright.close(); // closes the browser and its pages
        if (f != null) f.close();
    }

    /** A new tab on the analytics page, once every section has answered. */
    static Page open() {
        Page p = context.newPage();
        p.navigate(f.base + "/analytics.html");
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        return p;
    }

    /** The option an ECharts instance draws, as the chart itself reports it (functions left out). */
    static JsonNode option(Page p, String chartId) {
        Object json = p.evaluate("id => { const c = echarts.getInstanceByDom(document.getElementById(id));"
                + " return c ? JSON.stringify(c.getOption()) : null; }", chartId);
        assertThat(json).as("an ECharts instance on #%s", chartId).isNotNull();
        try {
            return ServerFixture.JSON.readTree((String) json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Long> longs(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? (n.isNull() ? null : n.asLong()) : (n.path(field).isNull() ? null : n.path(field).asLong())));
        return out;
    }

    static String digits(String s) { return s.replaceAll("\\D", ""); }

    static JsonNode funnel(String steps) {
        JsonNode snapshot = f.okJson("/v1/analytics/snapshot").path("snapshot");
        String from = snapshot.path("first").asText().substring(0, 10);
        String to = LocalDate.parse(snapshot.path("last").asText().substring(0, 10)).plusDays(1).toString();
        var r = f.postJson("/v1/analytics/funnel", "{\"steps\": " + steps + ", \"from\": \"" + from + "\", \"to\": \"" + to
                + "\", \"split\": \"channel\", \"unit\": \"customer\", \"minimumCount\": 10}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ServerFixture.json(r).path("result");
    }

    static Locator section(Page p, String id) { return p.locator("#" + id); }

    // ---- the tests ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void the_header_shows_the_snapshots_counts_and_period() {
        JsonNode s = f.okJson("/v1/analytics/snapshot").path("snapshot");
        assertThat(s.path("customers").asInt()).isGreaterThan(100);
        assertThat(digits(page.textContent("#snap-customers"))).isEqualTo(s.path("customers").asText());
        assertThat(digits(page.textContent("#snap-touches"))).isEqualTo(s.path("touches").asText());
        assertThat(digits(page.textContent("#snap-entries"))).isEqualTo(s.path("entries").asText());
        assertThat(page.textContent("#snap-period")).contains("2025").contains("2026");
        assertThat(page.isVisible("#no-audience")).isFalse();
    }

    @Test
    @Order(2)
    void the_funnel_draws_one_bar_per_default_step_with_the_servers_counts() {
        JsonNode expected = funnel("""
                [{"name": "Aware", "stages": ["awareness"]},
                 {"name": "Interested", "stages": ["interest"], "windowDays": 30},
                 {"name": "Considering", "stages": ["consideration"], "windowDays": 30},
                 {"name": "Decided", "stages": ["decision"], "windowDays": 30}]""");
        JsonNode o = option(page, "funnel-chart");
        assertThat(texts(o.at("/xAxis/0/data"))).containsExactly("Aware", "Interested", "Considering", "Decided");
        assertThat(longs(o.at("/series/0/data"), null)).isEqualTo(longs(expected.path("steps"), "entered"));
        assertThat(longs(o.at("/series/0/data"), null).get(0)).isPositive();
        assertThat(page.locator("#funnel-table tbody tr").count()).isEqualTo(4);
        JsonNode split = option(page, "funnel-split-chart");
        assertThat(split.path("series").size()).isEqualTo(Math.min(8, expected.path("groups").size())).isPositive();
        assertThat(page.locator("#funnel-split-table tbody tr").count()).isEqualTo(expected.path("groups").size());
    }

    @Test
    @Order(3)
    void changing_the_steps_and_running_again_redraws_the_funnel() {
        Page p = open();
        p.getByLabel("Remove step 1").click();
        p.getByLabel("Step 3 matched by").selectOption("types");
        p.getByLabel("Step 3 value").selectOption("purchase");
        p.getByLabel("Step 3 name").fill("Bought");
        p.click("[data-testid=funnel-run]");
        p.waitForFunction("() => echarts.getInstanceByDom(document.getElementById('funnel-chart')).getOption().xAxis[0].data.length === 3"
                + " && document.getElementById('funnel').dataset.state === 'ready'");
        JsonNode expected = funnel("""
                [{"name": "Interested", "stages": ["interest"]},
                 {"name": "Considering", "stages": ["consideration"], "windowDays": 30},
                 {"name": "Bought", "types": ["purchase"], "windowDays": 30}]""");
        JsonNode o = option(p, "funnel-chart");
        assertThat(texts(o.at("/xAxis/0/data"))).containsExactly("Interested", "Considering", "Bought");
        assertThat(longs(o.at("/series/0/data"), null)).isEqualTo(longs(expected.path("steps"), "entered"));
        assertThat(p.locator("#funnel-table tbody tr").count()).isEqualTo(3);
        p.close();
    }

    @Test
    @Order(4)
    void a_window_of_zero_days_shows_the_servers_message_and_marks_the_field() {
        Page p = open();
        Locator window = p.getByLabel("Step 2 within days of step 1");
        window.fill("0");
        window.press("Enter"); // submits the form from the keyboard
        Locator error = p.locator("#funnel [data-testid=error-box]");
        error.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        assertThat(error.textContent()).contains("funnel.steps[1].windowDays: must be 1 to 3660 days, got 0")
                .contains("The funnel could not be computed");
        assertThat(window.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(p.evaluate("document.activeElement === document.querySelector('#funnel-steps li:nth-child(2) .step-window')")).isEqualTo(true);
        assertThat(p.getAttribute("#funnel", "data-state")).isEqualTo("error");
        saveShot(p.locator("#funnel"), "funnel-error.png");
        p.close();
    }

    @Test
    @Order(5)
    void the_paths_sankey_draws_the_servers_nodes_and_links() {
        var r = f.postJson("/v1/analytics/paths", """
                {"anchor": {"stages": ["decision"]}, "by": "stage", "direction": "both", "windowDays": 90, "depth": 4, "minimumCount": 10}""");
        JsonNode expected = ServerFixture.json(r).path("result");
        assertThat(expected.at("/sankey/links").size()).isPositive();
        JsonNode series = option(page, "paths-chart").at("/series/0");
        assertThat(series.path("type").asText()).isEqualTo("sankey");
        List<String> names = new ArrayList<>();
        series.path("data").forEach(n -> names.add(n.path("name").asText()));
        List<String> expectedNames = new ArrayList<>();
        expected.at("/sankey/nodes").forEach(n -> expectedNames.add(n.path("name").asText()));
        assertThat(names).isEqualTo(expectedNames);
        assertThat(series.path("links").size()).isEqualTo(expected.at("/sankey/links").size());
        assertThat(page.locator("#paths-table tbody tr").count()).isEqualTo(Math.max(1, expected.path("top").size()));
    }

    @Test
    @Order(6)
    void lead_times_come_as_p50_and_p90_bars_by_channel_and_a_month_by_month_line_in_days() {
        JsonNode expected = f.okJson("/v1/analytics/flow?silenceDays=30&minimumCount=10").path("result");
        JsonNode byChannel = option(page, "flow-channel-chart");
        assertThat(byChannel.at("/xAxis/0/data").size()).isEqualTo(expected.path("leadTimeByChannel").size()).isPositive();
        assertThat(byChannel.path("series").size()).isEqualTo(2);
        JsonNode first = expected.at("/leadTimeByChannel/0/distribution");
        assertThat(byChannel.at("/series/0/data/0").asDouble()).isCloseTo(first.path("p50Seconds").asDouble() / 86_400, Offset.offset(0.05));
        assertThat(byChannel.at("/series/1/data/0").asDouble()).isCloseTo(first.path("p90Seconds").asDouble() / 86_400, Offset.offset(0.05));
        JsonNode months = option(page, "flow-month-chart");
        assertThat(months.at("/series/0/type").asText()).isEqualTo("line");
        assertThat(months.at("/series/0/data").size()).isEqualTo(expected.path("leadTimeByMonth").size());
        assertThat(option(page, "flow-cycle-chart").at("/yAxis/0/data").size()).isEqualTo(expected.path("cycleTimes").size());
        assertThat(option(page, "flow-product-chart").at("/yAxis/0/data").size()).isEqualTo(expected.path("leadTimeByProduct").size());
    }

    @Test
    @Order(7)
    void journeys_stack_in_progress_converted_and_abandoned_per_product() {
        JsonNode expected = f.okJson("/v1/analytics/journeys?silenceDays=30&minimumCount=10").path("result");
        JsonNode o = option(page, "journeys-chart");
        assertThat(o.at("/yAxis/0/data").size()).isEqualTo(expected.path("byProduct").size());
        List<String> stacks = new ArrayList<>();
        o.path("series").forEach(s -> stacks.add(s.path("name").asText() + "/" + s.path("stack").asText()));
        assertThat(stacks).containsExactly("In progress/journeys", "Converted/journeys", "Abandoned/journeys");
        assertThat(o.at("/series/1/data/1").asLong()).isEqualTo(expected.at("/byProduct/1/counts/converted").asLong());
        assertThat(digits(page.locator("#journeys-tiles .tile").first().textContent())).isEqualTo(expected.at("/all/started").asText());
    }

    /** The cells of the page's retention triangle against the API's cohorts: each suppressed one reads "< N" as hidden counts do. */
    static int assertTriangleShows(Page p, JsonNode expected) {
        int min = expected.path("minimumCount").asInt(), suppressed = 0;
        assertThat(p.locator("#cohorts-table tbody tr").count()).isEqualTo(expected.path("cohorts").size() + 1);
        List<JsonNode> rows = new ArrayList<>();
        rows.add(expected.path("overall"));
        expected.path("cohorts").forEach(rows::add);
        for (JsonNode c : rows) {
            Locator cells = p.locator("#cohorts-table tr[data-cohort='" + c.path("cohort").asText() + "'] td");
            for (int k = 0; k < c.path("cells").size(); k++) {
                JsonNode x = c.path("cells").get(k);
                Locator td = cells.nth(k + 1);                  // after the cohort's size
                if (x.path("suppressed").asBoolean()) {
                    suppressed++;
                    assertThat(td.textContent()).isEqualTo("< " + min);
                    assertThat(td.getAttribute("class")).isEqualTo("hidden-count");
                } else {
                    assertThat(td.getAttribute("title")).as(x.toString())
                            .startsWith(x.path("retained").asText() + " of " + x.path("customers").asText() + " customers");
                    // A running period is marked in the cohorts' rows; in the overall row the latest cohort makes nearly all of them so.
                    assertThat(td.textContent().endsWith("*")).isEqualTo(x.path("partial").asBoolean() && c != expected.path("overall"));
                }
            }
        }
        return suppressed;
    }

    @Test
    @Order(7)
    void retention_shows_a_triangle_of_cohorts_and_their_curves_with_the_servers_shares() {
        JsonNode expected = f.okJson("/v1/analytics/cohorts?by=first-month&period=month&activity=any&periods=12&minimumCount=10").path("result");
        assertThat(expected.path("cohorts").size()).isGreaterThan(3);
        assertThat(page.getAttribute("#cohorts", "data-state")).isEqualTo("ready");
        assertTriangleShows(page, expected);
        JsonNode o = option(page, "cohorts-chart");
        assertThat(o.path("series").size()).isEqualTo(1 + Math.min(8, expected.path("cohorts").size()));
        assertThat(o.at("/series/0/name").asText()).isEqualTo("All cohorts");
        List<Double> overall = new ArrayList<>();
        expected.at("/overall/cells").forEach(x -> overall.add(x.path("rate").isNull() ? null : Math.round(x.path("rate").asDouble() * 1000) / 10.0));
        List<Double> drawn = new ArrayList<>();
        o.at("/series/0/data").forEach(x -> drawn.add(x.isNull() ? null : x.asDouble()));
        assertThat(drawn).isEqualTo(overall);
        assertThat(drawn.get(0)).isEqualTo(100.0);   // everyone is active in the month they start
    }

    @Test
    @Order(7)
    void small_retention_cells_are_shown_as_suppressed() {
        Page p = open();
        p.selectOption("#cohorts-by", "channel");
        p.selectOption("#cohorts-period", "week");
        p.selectOption("#cohorts-activity", "purchase");
        p.click("[data-testid=cohorts-run]");
        p.waitForFunction("() => document.getElementById('cohorts').dataset.state === 'ready'"
                + " && document.querySelector('#cohorts-table thead th:nth-child(3)').textContent === 'Week 0'");
        JsonNode expected = f.okJson("/v1/analytics/cohorts?by=channel&period=week&activity=purchase&periods=12&minimumCount=10").path("result");
        assertThat(assertTriangleShows(p, expected)).as("weekly purchases by channel on 300 customers leave small cells").isPositive();
        saveShot(p.locator("#cohorts"), "cohorts-suppressed.png");
        p.close();
    }

    @Test
    @Order(8)
    void the_product_view_shows_buyers_channels_before_and_after_and_support_load() {
        String sku = page.inputValue("#product-sku");
        assertThat(sku).isNotBlank();
        JsonNode expected = f.okJson("/v1/analytics/products/" + sku + "?windowDays=90&minimumCount=10").path("result");
        assertThat(page.locator("#product-tiles .tile").first().textContent()).contains(expected.path("buyers").asText());
        JsonNode channels = option(page, "product-channels-chart");
        assertThat(channels.path("series").size()).isEqualTo(2);
        assertThat(channels.at("/series/0/name").asText()).isEqualTo("Before buying");
        JsonNode support = option(page, "product-support-chart");
        assertThat(support.at("/series/0/data/0/value").asDouble()).isEqualTo(expected.path("supportPer30DaysBefore").asDouble());
        assertThat(support.at("/series/0/data/1/value").asDouble()).isEqualTo(expected.path("supportPer30DaysAfter").asDouble());
    }

    @Test
    @Order(9)
    void groups_who_churn_together_are_listed_per_kind_with_their_lift() {
        assertThat(page.locator("#co-churn-table tbody tr").count()).isEqualTo(3);
        assertThat(page.locator("#co-churn-table tbody tr[data-kind=HOUSEHOLD] th").textContent()).isEqualTo("Households");
        assertThat(page.locator("#co-churn-table thead").textContent()).contains("Base rate").contains("Lift");
    }

    @Test
    @Order(10)
    void the_demand_forecast_has_80_and_95_percent_bands_and_staffing_bars() {
        JsonNode expected = f.okJson("/v1/demand/call_centre?interval=1h&days=7&serviceLevel=0.8&answerSeconds=20&shrinkage=0.3");
        int intervals = expected.at("/forecast/intervals").size();
        JsonNode o = option(page, "demand-chart");
        List<String> bands = new ArrayList<>();
        for (JsonNode s : o.path("series")) {
            if (s.has("areaStyle") && !s.path("areaStyle").isNull()) {
                bands.add(s.path("name").asText() + "/" + s.path("stack").asText());
                assertThat(s.path("data").size()).isEqualTo(intervals);
            }
        }
        assertThat(bands).containsExactly("95 % band/band95", "80 % band/band80");
        JsonNode expectedLine = o.at("/series/4");
        assertThat(expectedLine.path("name").asText()).isEqualTo("Expected");
        assertThat(expectedLine.at("/data/0").asDouble()).isCloseTo(expected.at("/forecast/intervals/0/expected").asDouble(), Offset.offset(0.01));
        JsonNode staffing = option(page, "staffing-chart");
        assertThat(staffing.at("/series/0/type").asText()).isEqualTo("bar");
        assertThat(longs(staffing.at("/series/0/data"), null)).isEqualTo(longs(expected.at("/staffing/intervals"), "agents"));
        assertThat(longs(staffing.at("/series/1/data"), null)).isEqualTo(longs(expected.at("/staffing/intervals"), "scheduledStaff"));
        assertThat(page.locator("#demand-tiles").textContent()).contains("MASE").contains("Four-week mean")
                .contains(String.format("%.2f", expected.at("/backtest/mase").asDouble()));
    }

    @Test
    @Order(11)
    void a_daily_forecast_says_staff_are_planned_per_hour_instead_of_drawing_bars() {
        Page p = open();
        p.selectOption("#demand-interval", "1d");
        p.click("[data-testid=demand-run]");
        p.waitForFunction("() => echarts.getInstanceByDom(document.getElementById('demand-chart')).getOption().xAxis[0].data.length === 7"
                + " && document.getElementById('demand').dataset.state === 'ready'");
        assertThat(p.isVisible("#staffing-chart")).isFalse();
        assertThat(p.textContent("#staffing-note")).contains("per 15 minutes or per hour");
        p.close();
    }

    @Test
    @Order(12)
    void without_a_trained_model_the_models_section_says_how_to_train_one() {
        assertThat(page.getAttribute("#models", "data-state")).isEqualTo("empty");
        assertThat(page.textContent("#models [data-testid=empty-state]")).contains("touchline intelligence train churn");
        assertThat(page.isVisible("#models [data-testid=error-box]")).isFalse();
    }

    @Test
    @Order(13)
    void a_trained_model_shows_its_roc_curves_and_calibration_on_both_held_out_sets() {
        var trained = f.post("/v1/models/upsell/train?from=2026-05-01&to=2026-11-01", "", "application/json");
        assertThat(trained.statusCode()).as(trained.body()).isEqualTo(201);
        JsonNode latest = f.okJson("/v1/models/upsell").path("latest");
        Page p = open();
        assertThat(p.getAttribute("#models", "data-state")).isEqualTo("ready");
        assertThat(p.textContent("#models [data-model=upsell] .tiles")).contains(String.format("%.3f", latest.at("/byCustomer/auc").asDouble()));
        assertThat(p.textContent("#models [data-testid=model-untrained]")).contains("touchline intelligence train churn");
        JsonNode roc = option(p, "model-upsell-roc").path("series");
        assertThat(roc.size()).isEqualTo(3); // customers held out, later period held out, chance
        JsonNode lastPoint = latest.at("/byTime/roc").get(latest.at("/byTime/roc").size() - 1);
        JsonNode drawn = roc.get(1).path("data");
        assertThat(drawn.get(drawn.size() - 1).get(0).asDouble()).isEqualTo(lastPoint.path("falsePositiveRate").asDouble());
        JsonNode calibration = option(p, "model-upsell-calibration").path("series");
        long bins = 0;
        for (JsonNode b : latest.at("/byCustomer/calibration")) if (b.path("count").asInt() > 0) bins++;
        assertThat(calibration.get(0).path("data").size()).isEqualTo(bins).isPositive();
        p.close();
    }

    @Test
    @Order(14)
    void every_form_control_has_a_name_for_screen_readers() {
        Object unnamed = page.evaluate("""
                () => [...document.querySelectorAll('input, select, button, textarea')].filter((c) =>
                  !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')
                  && !(c.tagName === 'BUTTON' && c.textContent.trim())).map((c) => c.outerHTML.slice(0, 80))""");
        assertThat((List<?>) unnamed).isEmpty();
        assertThat(page.locator("#funnel-steps select, #funnel-steps input").count()).isEqualTo(4 * 4);
    }

    @Test
    @Order(15)
    void refreshing_after_the_ledger_grew_shows_the_new_snapshot_and_says_when_it_is_done() {
        Page p = open();
        long before = Long.parseLong(digits(p.textContent("#snap-entries")));
        f.appendBatch(0, 3);
        p.click("[data-testid=refresh-button]");
        p.waitForFunction("() => document.getElementById('refresh-status').textContent.startsWith('Up to date')");
        JsonNode after = f.okJson("/v1/analytics/snapshot").path("snapshot");
        assertThat(after.path("entries").asLong()).isGreaterThanOrEqualTo(before + 3);
        assertThat(digits(p.textContent("#snap-entries"))).isEqualTo(after.path("entries").asText());
        assertThat(p.isEnabled("[data-testid=refresh-button]")).isTrue();
        for (String id : SECTIONS) assertThat(p.getAttribute("#" + id, "aria-busy")).as(id).isEqualTo("false");
        p.close();
    }

    @Test
    @Order(16)
    void screenshots_of_every_section_on_a_laptop_and_a_tablet() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        page.reload(); // with the model trained above
        page.waitForFunction("() => document.body.dataset.ready === 'true'");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("analytics-laptop-top.png")));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("analytics-laptop.png")).setFullPage(true).setStyle(STATIC_TOPBAR));
        page.setViewportSize(1366, 1600); // a section taller than the window would be cut off at its bottom edge
        for (String id : SECTIONS) {
            Path shot = SCREENSHOTS.resolve("section-" + id + ".png");
            section(page, id).screenshot(new Locator.ScreenshotOptions().setPath(shot).setStyle(STATIC_TOPBAR));
            assertThat(Files.size(shot)).as(id).isGreaterThan(10_000);
        }
        Page tablet = context.newPage();
        tablet.setViewportSize(820, 1180);
        tablet.navigate(f.base + "/analytics.html");
        tablet.waitForFunction("() => document.body.dataset.ready === 'true'");
        assertThat(tablet.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling on a tablet").isEqualTo(true);
        tablet.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("analytics-tablet-top.png")));
        tablet.locator("#funnel").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tablet-funnel.png")).setStyle(STATIC_TOPBAR));
        tablet.locator("#demand").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tablet-demand.png")).setStyle(STATIC_TOPBAR));
        tablet.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("analytics-tablet.png")).setFullPage(true).setStyle(STATIC_TOPBAR));
        tablet.close();
        Page dark = context.newPage();
        dark.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        dark.setViewportSize(1366, 1600);
        dark.navigate(f.base + "/analytics.html#flow");
        dark.waitForFunction("() => document.body.dataset.ready === 'true'");
        dark.locator("#flow").screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dark-flow.png")).setStyle(STATIC_TOPBAR));
        dark.close();
    }

    /** The uplift section (uplift.js) has answered: its own state, beside the sections analytics.js runs. */
    static void upliftAnswered(Page p) {
        p.waitForFunction("() => ['ready', 'empty', 'error'].includes(document.getElementById('uplift').dataset.state)");
    }

    @Test
    @Order(12)
    void before_any_outcome_the_uplift_section_says_how_outcomes_are_recorded() {
        upliftAnswered(page);
        assertThat(page.getAttribute("#uplift", "data-state")).isEqualTo("empty");
        assertThat(page.textContent("#uplift [data-testid=empty-state]")).contains("POST /v1/recommendations/{entry}/outcome");
        assertThat(page.textContent("#uplift-note")).contains("propensity × value × weight × acceptance");
    }

    @Test
    @Order(17)
    void the_uplift_of_each_action_and_segment_shows_with_the_servers_interval() {
        List<CustomerEvents.ConsentChange> yes = new ArrayList<>();
        for (String c : customers) for (String purpose : List.of("personalisation", "marketing"))
            yes.add(new CustomerEvents.ConsentChange(c, purpose, "granted", "web", "sign-up form"));
        f.node.customerEvents().consents(yes);
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        List<Intelligence.SentOffer> sent = OfferResponses.campaigns(customers, end, 12, 5).stream()
                .map(o -> new Intelligence.SentOffer(o.customer(), o.action(), o.at())).toList();
        f.node.intelligence().recordOffers(sent, o -> new Intelligence.Answer(OfferResponses.answer(
                new OfferResponses.Sent(o.sent().customer(), o.sent().action(), o.sent().at()), o.segment(), o.heldOut(), 5),
                o.sent().at().plus(OfferResponses.ANSWER_AFTER)), "campaigns", Progress.NONE);
        JsonNode rows = f.okJson("/v1/next-best-actions/uplift").path("uplift");
        Page p = open();
        upliftAnswered(p);
        assertThat(p.getAttribute("#uplift", "data-state")).isEqualTo("ready");
        assertThat(p.locator("#uplift-table tbody tr").count()).isEqualTo(rows.size()).isPositive();
        for (JsonNode r : rows) {
            if (r.path("uplift").isNull()) continue;
            Locator row = p.locator("#uplift-table tr[data-action='" + r.path("action").asText() + "'][data-segment='" + r.path("segment").asText() + "']");
            String interval = row.locator("[data-testid=uplift-interval]").textContent();
            assertThat(interval).as(r.toString()).isEqualTo(points(r.path("low").asDouble()) + " to " + points(r.path("high").asDouble()));
            assertThat(row.locator("svg.uplift-bar").getAttribute("aria-label")).contains(points(r.path("low").asDouble()));
        }
        saveShot(p.locator("#uplift"), "section-uplift.png");
        p.close();
    }

    /** The audiences section (audiences.js) has answered: its own state, beside the sections analytics.js runs. */
    static void audiencesAnswered(Page p) {
        p.waitForFunction("() => ['ready', 'empty', 'error'].includes(document.getElementById('audiences').dataset.state)");
    }

    @Test
    @Order(13)
    void before_any_audience_the_audiences_section_says_how_to_define_one() {
        audiencesAnswered(page);
        assertThat(page.getAttribute("#audiences", "data-state")).isEqualTo("empty");
        assertThat(page.textContent("#audiences [data-testid=empty-state]")).contains("touchline audiences define");
    }

    @Test
    @Order(18)
    void each_audience_shows_its_size_and_its_size_over_the_last_30_days_as_the_api_answers() throws InterruptedException {
        for (String[] a : List.of(new String[] {"everyone", "customer.interactions >= 1"}, new String[] {"busy", "customer.interactions >= 60"})) {
            var made = f.postJson("/v1/audiences", "{\"name\":\"" + a[0] + "\",\"rule\":\"" + a[1] + "\",\"actor\":\"analyst\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        }
        long end = System.nanoTime() + 60_000_000_000L;
        while (f.okJson("/v1/audiences").findValues("evaluating").stream().anyMatch(JsonNode::asBoolean)) {
            assertThat(System.nanoTime()).as("every customer evaluated within a minute").isLessThan(end);
            Thread.sleep(100);
        }
        Page p = open();
        audiencesAnswered(p);
        assertThat(p.getAttribute("#audiences", "data-state")).isEqualTo("ready");
        JsonNode chart = option(p, "audiences-chart");
        for (JsonNode a : f.okJson("/v1/audiences").get("items")) {
            String name = a.get("name").asText();
            Locator row = p.locator("#audiences-table tr[data-audience='" + name + "']");
            assertThat(row.locator("[data-testid=audience-size]").textContent()).isEqualTo(String.format(Locale.UK, "%,d", a.get("size").asLong()));
            JsonNode days = f.okJson("/v1/audiences/" + name + "/sizes").get("items");
            JsonNode series = null;
            for (JsonNode s : chart.get("series")) if (s.get("name").asText().equals(name)) series = s;
            assertThat(series).as("a line for %s", name).isNotNull();
            assertThat(longs(series.get("data"), null)).isEqualTo(longs(days, "size"));
        }
        // Every customer with an interaction of their own (a party to others' only has none).
        List<String> now = new ArrayList<>();
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(now::add));
        assertThat(f.okJson("/v1/audiences/everyone").get("size").asLong()).isBetween(now.size() * 9L / 10, (long) now.size());
        saveShot(p.locator("#audiences"), "section-audiences.png");
        p.close();
    }

    /** An uplift in percentage points as the page writes it: sign, one decimal. */
    static String points(double x) {
        return (x >= 0 ? "+" : "\u2212") + String.format(Locale.ROOT, "%.1f", Math.abs(100 * x));
    }

    @Test
    @Order(98)
    void when_every_customer_withdraws_analytics_consent_each_section_says_how_consent_is_recorded() {
        List<CustomerEvents.ConsentChange> no = new ArrayList<>();
        for (String c : customers) no.add(new CustomerEvents.ConsentChange(c, "analytics", "withdrawn", "web", "changed my mind"));
        f.node.customerEvents().consents(no);
        Page p = open();
        p.click("[data-testid=refresh-button]");
        p.waitForFunction("() => document.getElementById('refresh-status').textContent.startsWith('Up to date')");
        assertThat(p.textContent("#snap-customers")).isEqualTo("0");
        assertThat(p.isVisible("#no-audience")).isTrue();
        for (String id : List.of("funnel", "paths", "flow", "journeys", "cohorts", "product", "co-churn")) {
            assertThat(p.getAttribute("#" + id, "data-state")).as(id).isEqualTo("empty");
            assertThat(p.textContent("#" + id + " [data-testid=empty-state]")).as(id).startsWith("No customer allows analytics yet").contains("touchline consent");
        }
        saveShot(p.locator("#snapshot"), "no-audience-header.png");
        saveShot(p.locator("#funnel"), "no-audience-funnel.png");
        p.close();
    }

    static void saveShot(Locator what, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        what.screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setStyle(STATIC_TOPBAR));
    }

    @Test
    @Order(99)
    void no_request_of_the_page_goes_to_a_customer_endpoint() {
        assertThat(requested).anyMatch(u -> u.contains("/v1/analytics/funnel")).anyMatch(u -> u.contains("/v1/demand/"));
        assertThat(requested).noneMatch(u -> u.contains("/v1/customers"));
        assertThat(requested).allMatch(u -> u.startsWith(f.base) || u.startsWith("data:")); // no CDN, nothing from elsewhere
    }

    @Test
    void the_page_breaks_no_rule_of_its_content_security_policy() {
        open().close();
        assertThat(DebianChromium.CSP_VIOLATIONS).as("refused by the Content-Security-Policy").isEmpty();
    }
}
