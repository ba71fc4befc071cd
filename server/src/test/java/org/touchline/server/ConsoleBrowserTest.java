package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Identifier;
import org.touchline.domain.Progress;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.AccessTokens;
import org.touchline.node.Consents;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.Customers;
import org.touchline.node.IdentityExplanation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console (docs/pages.md) in Debian's Chromium against a node holding the demo company, signed in with an
 * agent token of the call centre: search by any identifier, name or account; the whole timeline with its channels;
 * why each record is there; household links; consents and tokens as the API has them; recording an interaction and
 * its field errors; the agent's channel enforced; the review queue decided; keyboard use; a tablet's width.
 * Screenshots go to target/screenshots/console-*.png.
 *
 * <p>Skipped when /usr/bin/chromium is missing, unless TOUCHLINE_REQUIRE_CHROMIUM=1 (CI), when it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static Path dir;
    static ServerFixture f;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static String agentToken;
    /** The customer most tests look at, two household members, a proxy, and two customers who share the number DUP-7. */
    static String ann, hh1, hh2, proxy, dupA, dupB;

    @BeforeAll
    static void demoCompanyAnAgentTokenAndBrowser() throws Exception {
        DebianChromium.orSkip();
        dir = Files.createTempDirectory("touchline-console");
        Path data = dir.resolve("node");
        f = new ServerFixture(data);
        for (SourceFile s : new DemoCompany(new DemoSize(80, 2_500, 6), 11).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        uncertainMatches();
        assertThat(f.node.projections().reviews("open", 0, 10)).as("open reviews").hasSizeGreaterThanOrEqualTo(3);
        // Rewards: the example catalogue, and the example contract that thanks a first consent with tokens.
        Path examples = Files.isDirectory(Path.of("..", "examples")) ? Path.of("..", "examples") : Path.of("examples");
        Files.copy(examples.resolve("catalogue.yaml"), data.resolve("catalogue.yaml"));
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Files.writeString(data.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
        f.node.contracts().deploy(SignedContract.sign(ContractDefinition.read(examples.resolve("contracts/reward-consent.yaml")),
                NoteSigner.parse(admin.signerKey())).encode(), "alice");

        Set<String> inReview = new TreeSet<>();
        f.node.projections().reviews("open", 0, 100).forEach(r -> {
            inReview.add(r.decision().customerId());
            inReview.add(r.decision().otherCustomerId());
        });
        List<String> eligible = new ArrayList<>();
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id()))
                .filter(x -> eligible.size() < 4 && !inReview.contains(x) && hasEveryKind(x) && channelsIn(x).size() >= 2).ifPresent(eligible::add));
        assertThat(eligible).as("demo customers with an email, phone, account and name on two channels").hasSizeGreaterThanOrEqualTo(4);
        ann = eligible.get(0);
        hh1 = eligible.get(1);
        hh2 = eligible.get(2);
        proxy = eligible.get(3);
        f.node.identityCommands().relate("household", ann, hh1, null, null, "crm");
        f.node.identityCommands().relate("household", ann, hh2, null, null, "crm");
        f.node.identityCommands().relate("proxy", proxy, ann, null, null, "crm");
        f.node.customerEvents().consents(List.of(new CustomerEvents.ConsentChange(ann, "analytics", "granted", "web", "sign-up form"),
                new CustomerEvents.ConsentChange(ann, "marketing", "refused", "web", "sign-up form")));
        // The same number in two systems: a customer id of one customer, a CRM id of another.
        f.node.ingestion().one(record("dup-a", "email", "dup-a@example.com", "customer_id", "DUP-7"), "test");
        f.node.ingestion().one(record("dup-b", "email", "dup-b@example.com", "crm_id", "DUP-7"), "test");
        dupA = f.node.customers().findByIdentifier(new Identifier("email", "dup-a@example.com")).orElseThrow();
        dupB = f.node.customers().findByIdentifier(new Identifier("email", "dup-b@example.com")).orElseThrow();

        namesakes();

        agentToken = new AccessTokens(data).grant("agent", "agent-7", "call_centre", null);
        f.close();
        f = new ServerFixture(data);   // the server reads the tokens when it starts

        playwright = DebianChromium.start();
        browser = DebianChromium.launch(playwright);
        context = DebianChromium.context(browser, 1280);
        context.addInitScript("sessionStorage.setItem('touchline.token', '" + agentToken + "')");
    }

    @AfterAll
    static void close() {
        if (playwright != null) playwright.close();
        if (f != null) f.close();
    }

    /**
     * Three people whose later store visit is an uncertain match (as in the node's ProbabilisticResolutionTest): Ann,
     * Anne with a new email (matched to Ann), and a loyalty card given with the name Anne and a date of birth one digit
     * off, no address: the matcher sends it to review.
     */
    static void uncertainMatches() {
        String[][] people = {{"Smithers", "1980-02-03", "1980-02-08", "LS1 4AB", "12 High Street, Leeds"},
                {"Okafor", "1975-07-14", "1975-07-19", "M4 6DE", "3 Canal Street, Manchester"},
                {"Novak", "1991-11-20", "1991-11-26", "BS8 1TH", "40 Park Row, Bristol"}};
        int n = 0;
        for (String[] x : people) {
            String surname = x[0], s = surname.toLowerCase(Locale.ROOT), address = x[4];
            n++;
            f.node.ingestion().one(person("rv-" + s + "-1", "2026-01-01T00:00:00Z", "crm", "web", List.of("email", "ann@" + s + ".example",
                    "name", "Ann " + surname, "date_of_birth", x[1], "postcode", x[3], "address", address)), "test");
            f.node.ingestion().one(person("rv-" + s + "-2", "2026-01-02T00:00:00Z", "crm", "web", List.of("email", "anne." + s + "@mail.example",
                    "name", "Anne " + surname, "date_of_birth", x[1], "postcode", x[3], "address", address.replace("Street", "St"))), "test");
            f.node.ingestion().one(person("rv-" + s + "-4", "2026-01-04T00:00:00Z", "pos", "store", List.of("loyalty_card", "LC-60000000000" + n,
                    "name", "Anne " + surname, "date_of_birth", x[2])), "test");
        }
    }

    /**
     * {@value #NAMESAKES} customers named Jo March, more than a page of search results: each with an email, and a date
     * of birth and postcode of their own, so the matcher takes none for another.
     */
    static void namesakes() {
        for (int k = 0; k < NAMESAKES; k++)
            f.node.ingestion().one(person("jo-" + k, "2026-02-01T00:00:00Z", "crm", "web", List.of("email", "jo" + k + "@march.example",
                    "name", k % 2 == 0 ? "Jo March" : "JO MARCH", "date_of_birth", (1950 + k) + "-0" + (1 + k % 9) + "-1" + (k % 10),
                    "postcode", "M" + (k + 1) + " 1AA")), "test");
    }

    static final int NAMESAKES = 25;

    static String person(String id, String at, String source, String channel, List<String> typeValues) {
        StringBuilder ids = new StringBuilder();
        for (int k = 0; k < typeValues.size(); k += 2)
            ids.append(k == 0 ? "" : ",").append("{\"type\":\"").append(typeValues.get(k)).append("\",\"value\":\"").append(typeValues.get(k + 1)).append("\"}");
        return "{\"source\":\"" + source + "\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"channel\":\"" + channel
                + "\",\"type\":\"details_updated\",\"identifiers\":[" + ids + "]}";
    }

    static String record(String id, String type1, String value1, String type2, String value2) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-06-01T10:00:00Z\",\"channel\":\"web\","
                + "\"type\":\"details_updated\",\"identifiers\":[{\"type\":\"" + type1 + "\",\"value\":\"" + value1 + "\"},{\"type\":\""
                + type2 + "\",\"value\":\"" + value2 + "\"}]}";
    }

    static boolean hasEveryKind(String customer) {
        var e = f.node.customers().explain(customer);
        if (e.isEmpty()) return false;
        Set<String> types = new TreeSet<>();
        e.get().identifiers().forEach(i -> types.add(i.type()));
        return types.containsAll(List.of("email", "phone", "account", "name"));
    }

    /** The channels of a customer's interactions, read from the node (the server is not started with its tokens yet). */
    static Set<String> channelsIn(String customer) {
        Set<String> out = new TreeSet<>();
        for (var r : f.node.customers().timeline(customer, null, Customers.MAX_PAGE).items())
            if (r.interaction() != null && r.decision() == null && r.event() == null) out.add(r.interaction().channel());
        return out;
    }

    static Set<String> channels(String customer) {
        Set<String> out = new TreeSet<>();
        for (JsonNode i : timeline(customer)) if (i.path("kind").asText().equals("interaction")) out.add(i.path("channel").asText());
        return out;
    }

    /** Every timeline item the API answers for a customer, newest first. */
    static List<JsonNode> timeline(String customer) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : get("/v1/customers/" + customer + "/timeline?limit=500").path("items")) out.add(i);
        return out;
    }

    static JsonNode get(String path) {
        var b = HttpRequest.newBuilder(URI.create(f.base + path)).GET();
        if (agentToken != null) b.header("Authorization", "Bearer " + agentToken);
        HttpResponse<String> r = f.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return ServerFixture.json(r);
    }

    static IdentityExplanation.LinkedIdentifier identifier(String customer, String type) {
        return f.node.customers().explain(customer).orElseThrow().identifiers().stream().filter(i -> i.type().equals(type)).findFirst().orElseThrow();
    }

    /** Script errors any page raised: a finished page raises none. */
    static final List<String> pageErrors = new CopyOnWriteArrayList<>();

    static Page open(String hash) {
        Page p = context.newPage();
        p.onPageError(e -> pageErrors.add(hash + ": " + e));
        p.navigate(f.base + "/" + hash);
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        return p;
    }

    /** A customer's page once the timeline and every side panel have answered. */
    static Page openCustomer(String customer) {
        Page p = open("#customer=" + customer);
        waitForCustomer(p, customer);
        return p;
    }

    static void waitForCustomer(Page p, String customer) {
        p.waitForFunction("id => document.getElementById('customer-id').textContent === id && !document.getElementById('customer').hidden"
                + " && [...document.querySelectorAll('.customer-side [aria-busy]')].every(e => e.getAttribute('aria-busy') === 'false')", customer);
    }

    static String titleCase(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.split(" ")) b.append(b.length() == 0 ? "" : " ").append(w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        return b.toString();
    }

    static void search(Page p, String text) {
        p.fill("[data-testid=search-input]", text);
        p.press("[data-testid=search-input]", "Enter");
    }

    // ---- search ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void search_by_email_phone_account_and_name_finds_the_customer() {
        Page p = open("");
        assertThat(p.isVisible("[data-testid=empty-state]")).isTrue();
        for (String type : List.of("email", "phone", "account", "name")) {
            var id = identifier(ann, type);
            // A phone as the customer says it, a name as an agent types it (lower case) when title case gives it back.
            String lower = id.value().toLowerCase(Locale.ROOT);
            String typed = type.equals("phone") ? "+" + id.value() : type.equals("name") && titleCase(lower).equals(id.value()) ? lower : id.value();
            search(p, typed);
            // A name others share too lists them all: the agent picks the customer from the list.
            if (get("/v1/customers?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8)).path("total").asLong() > 1) {
                Locator mine = p.locator("[data-testid=result][data-customer='" + ann + "']");
                mine.waitFor();
                mine.click();
            }
            // The match as the search found it: a name as the agent typed it.
            p.waitForCondition(() -> p.textContent("#found-by").toLowerCase(Locale.ROOT).contains(lower));
            waitForCustomer(p, ann);
            assertThat(p.textContent("#found-by")).as(type).startsWith("Found by ");
            if (type.equals("name")) assertThat(p.textContent("[data-testid=customer-name]")).isEqualTo(id.value());
        }
        shot(p, "console-search.png", false);
        p.close();
    }

    @Test
    @Order(2)
    void a_search_that_finds_nobody_says_what_to_try() {
        Page p = open("");
        search(p, "nobody-by-this-name");
        Locator error = p.locator("[data-testid=error-box]");
        error.waitFor();
        assertThat(error.textContent()).contains("No customer found").contains("Try an email, phone or account number");
        assertThat(p.isVisible("#customer")).isFalse();
        p.close();
    }

    @Test
    @Order(3)
    void keyboard_only_search_lists_every_match_with_why_and_the_arrow_keys_choose() {
        Page p = open("");
        assertThat(p.evaluate("document.activeElement.id")).as("the search box has the focus when the page opens").isEqualTo("search-input");
        p.keyboard().press("Tab");
        assertThat(p.evaluate("document.activeElement.id")).isEqualTo("search-button");
        p.keyboard().press("/");
        assertThat(p.evaluate("document.activeElement.id")).as("/ jumps back to the search box").isEqualTo("search-input");
        p.keyboard().type("DUP-7");
        p.keyboard().press("Enter");
        Locator results = p.locator("[data-testid=result]");
        results.first().waitFor();
        assertThat(results.count()).isEqualTo(2);
        assertThat(p.textContent("[data-testid=results]")).contains("Customer id DUP-7").contains("CRM id DUP-7");
        p.keyboard().press("ArrowDown");
        assertThat(p.evaluate("document.activeElement.dataset.position")).isEqualTo("0");
        p.keyboard().press("ArrowDown");
        String chosen = (String) p.evaluate("document.activeElement.dataset.customer");
        assertThat(chosen).isIn(dupA, dupB);
        shot(p, "console-results.png", false);
        p.keyboard().press("Enter");
        waitForCustomer(p, chosen);
        assertThat(p.evaluate("document.activeElement.id")).isEqualTo("customer-heading");
        p.close();
    }

    @Test
    @Order(3)
    void a_name_lists_every_customer_with_it_a_page_at_a_time() {
        Set<String> expected = new TreeSet<>();
        for (String next = "/v1/customers?q=jo%20march&limit=100"; next != null; ) {
            JsonNode page = get(next);
            page.path("results").forEach(r -> expected.add(r.path("customerId").asText()));
            next = page.path("next").isNull() ? null : page.path("next").asText();
        }
        assertThat(expected).hasSize(NAMESAKES);
        Page p = open("");
        search(p, "jo  MARCH");
        Locator results = p.locator("[data-testid=result]");
        results.first().waitFor();
        assertThat(results.count()).as("the first page").isEqualTo(20);
        assertThat(p.textContent("#results-title")).isEqualTo("25 customers match “jo  MARCH”: the first 20");
        Locator more = p.locator("[data-testid=more-results]");
        assertThat(more.textContent()).isEqualTo("Show more (5 not shown)");
        more.click();
        p.waitForCondition(() -> results.count() == NAMESAKES);
        assertThat(more.isVisible()).as("nothing more to show").isFalse();
        assertThat(p.textContent("#results-title")).isEqualTo("25 customers match “jo  MARCH”");
        Set<String> shown = new TreeSet<>();
        for (Locator r : results.all()) {
            shown.add(r.getAttribute("data-customer"));
            assertThat(r.locator("[data-testid=result-why]").textContent()).contains("Name").contains("a name this customer has");
        }
        assertThat(shown).isEqualTo(expected);
        p.close();
    }

    // ---- the customer ---------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void the_timeline_shows_every_channel_with_its_icon_and_the_apis_count() {
        Page p = openCustomer(ann);
        while (p.isVisible("[data-testid=load-more]")) {
            int before = p.locator("[data-testid=timeline-item]").count();
            p.click("[data-testid=load-more]");
            p.waitForCondition(() -> p.locator("[data-testid=timeline-item]").count() > before);
        }
        List<JsonNode> items = timeline(ann);
        JsonNode first = get("/v1/customers/" + ann + "/timeline?limit=1");
        assertThat(p.textContent("[data-testid=customer-total]")).isEqualTo(String.valueOf(first.path("total").asLong()));
        assertThat(p.locator("[data-testid=timeline-item]").count()).isEqualTo(items.size());
        Set<String> shown = new TreeSet<>();
        for (Locator chip : p.locator("[data-testid=channel-count]").all()) shown.add(chip.getAttribute("data-channel"));
        assertThat(shown).isEqualTo(channels(ann));
        for (Locator card : p.locator("[data-testid=timeline-item][data-kind=interaction]").all()) {
            assertThat(card.locator("[data-testid=channel-badge] svg").count()).isEqualTo(1);
            assertThat(card.locator("[data-testid=item-agent]").textContent()).isNotBlank();
        }
        JsonNode handled = items.stream().filter(i -> i.hasNonNull("agentId")).findFirst().orElse(null);
        if (handled != null)
            assertThat(p.textContent("[data-testid=timeline-item][data-index='" + handled.path("index").asLong() + "'] [data-testid=item-agent]"))
                    .isEqualTo(handled.path("agentId").asText());
        p.close();
    }

    @Test
    @Order(5)
    void why_is_this_here_shows_the_identifiers_that_placed_the_record_and_their_rule() {
        Page p = openCustomer(ann);
        Locator card = p.locator("[data-testid=timeline-item][data-kind=interaction]").first();
        long index = Long.parseLong(card.getAttribute("data-index"));
        card.locator("[data-testid=why] summary").click();
        Locator placed = card.locator("[data-testid=why-identifier]");
        placed.first().waitFor();
        JsonNode identity = get("/v1/customers/" + ann + "/identity");
        JsonNode item = timeline(ann).stream().filter(i -> i.path("index").asLong() == index).findFirst().orElseThrow();
        Set<String> linked = new TreeSet<>();
        for (JsonNode i : identity.path("identifiers")) linked.add(i.path("type").asText() + ":" + i.path("value").asText());
        Set<String> expected = new TreeSet<>();
        for (JsonNode i : item.path("identifiers")) if (linked.contains(i.path("type").asText() + ":" + i.path("value").asText()))
            expected.add(i.path("type").asText() + ":" + i.path("value").asText());
        Set<String> shown = new TreeSet<>();
        for (Locator l : placed.all()) shown.add(l.getAttribute("data-identifier"));
        assertThat(shown).isNotEmpty().isEqualTo(expected);
        String key = shown.iterator().next();
        JsonNode link = null;
        for (JsonNode i : identity.path("identifiers")) if ((i.path("type").asText() + ":" + i.path("value").asText()).equals(key)) { link = i; break; }
        String text = card.locator("[data-testid=why-identifier][data-identifier='" + key + "']").textContent();
        assertThat(text).contains(link.path("rule").asText());
        assertThat(text).contains(link.path("linkedAt").asLong() == index ? "this record brought it" : "linked at entry #" + link.path("linkedAt").asLong());
        p.close();
    }

    @Test
    @Order(6)
    void the_household_panel_links_to_each_member_and_the_proxy() {
        Page p = openCustomer(ann);
        Locator members = p.locator("[data-testid=household-members] a");
        Set<String> shown = new TreeSet<>();
        for (Locator a : members.all()) shown.add(a.getAttribute("data-customer"));
        assertThat(shown).containsExactlyInAnyOrder(hh1, hh2);
        assertThat(p.textContent("[data-testid=relations]")).contains("Acted for by").contains(proxy);
        p.click("[data-testid=household-members] a[data-customer='" + hh1 + "']");
        waitForCustomer(p, hh1);
        assertThat(p.locator("[data-testid=household-members] a[data-customer='" + ann + "']").count()).isEqualTo(1);
        p.close();
    }

    @Test
    @Order(7)
    void consents_and_tokens_show_what_the_api_holds() {
        Page p = openCustomer(ann);
        JsonNode consents = get("/v1/customers/" + ann + "/consents").path("current");
        for (String purpose : Consents.PURPOSES) {
            JsonNode c = consents.path(purpose);
            String expected = c.path("state").asText().equals("not needed") ? "Not needed" : c.path("allowed").asBoolean() ? "Allowed"
                    : c.path("state").asText().equals("never asked") ? "Never asked" : Character.toUpperCase(c.path("state").asText().charAt(0)) + c.path("state").asText().substring(1);
            assertThat(p.textContent("[data-testid=consent-state-" + purpose + "]")).as(purpose).isEqualTo(expected);
        }
        assertThat(p.textContent("[data-testid=consent-state-marketing]")).isEqualTo("Refused");
        JsonNode tokens = get("/v1/customers/" + ann + "/tokens");
        assertThat(p.textContent("[data-testid=token-balance]")).isEqualTo(String.format(Locale.UK, "%,d", tokens.path("balance").asLong()));
        assertThat(p.locator("[data-testid=token-movements] li").count()).isEqualTo(Math.min(5, tokens.path("movements").size()));
        p.close();
    }

    @Test
    @Order(8)
    void an_agent_records_a_consent_change_the_customer_asked_for() {
        Page p = openCustomer(ann);
        p.click("[data-testid=consent-change-marketing]");
        p.fill("[data-testid=confirm-reason]", "Customer asked on the phone");
        p.click("[data-testid=confirm-ok]");
        p.waitForCondition(() -> p.textContent("[data-testid=consent-status]").startsWith("Saved"));
        p.waitForCondition(() -> "Allowed".equals(p.textContent("[data-testid=consent-state-marketing]")));
        var row = f.node.consents().consents(ann).get("marketing");
        assertThat(row.event().field("state")).isEqualTo("granted");
        assertThat(row.event().field("channel")).isEqualTo("call_centre");
        assertThat(row.event().field("reason")).isEqualTo("Customer asked on the phone");
        p.close();
    }

    // ---- recording an interaction -----------------------------------------------------------------------------

    @Test
    @Order(9)
    void recording_an_interaction_puts_it_on_top_of_the_timeline_and_in_the_api() {
        Page p = openCustomer(ann);
        long before = get("/v1/customers/" + ann + "/timeline?limit=1").path("total").asLong();
        p.click("[data-testid=record-toggle]");
        assertThat(p.inputValue("[data-testid=rec-channel]")).isEqualTo("call_centre");
        assertThat(p.isDisabled("[data-testid=rec-channel]")).isTrue();
        assertThat(p.inputValue("[data-testid=rec-agent]")).isEqualTo("agent-7");
        assertThat(p.inputValue("[data-testid=rec-at]")).isNotBlank();
        assertThat(p.locator("[data-testid=rec-id]:checked").count()).isGreaterThanOrEqualTo(1);
        p.selectOption("[data-testid=rec-type]", "billing_enquiry");
        p.fill("[data-testid=rec-text]", "Asked why the bill went up; explained the price change and set up e-billing.");
        shot(p, "console-record.png", false);
        p.click("[data-testid=rec-submit]");
        Locator done = p.locator("[data-testid=rec-done]");
        done.waitFor();
        JsonNode newest = timeline(ann).get(0);
        long index = newest.path("index").asLong();
        assertThat(done.textContent()).contains("ledger entry #" + index);
        assertThat(newest.path("kind").asText()).isEqualTo("interaction");
        assertThat(newest.path("channel").asText()).isEqualTo("call_centre");
        assertThat(newest.path("type").asText()).isEqualTo("billing_enquiry");
        assertThat(newest.path("agentId").asText()).isEqualTo("agent-7");
        assertThat(newest.path("text").asText()).startsWith("Asked why the bill went up");
        assertThat(get("/v1/customers/" + ann + "/timeline?limit=1").path("total").asLong()).isEqualTo(before + 1);
        Locator top = p.locator("[data-testid=timeline-item]").first();
        assertThat(top.getAttribute("data-index")).isEqualTo(String.valueOf(index));
        assertThat(top.locator("[data-testid=item-type]").textContent()).isEqualTo("Billing enquiry");
        assertThat(p.textContent("[data-testid=customer-total]")).isEqualTo(String.valueOf(before + 1));
        p.close();
    }

    @Test
    @Order(10)
    void a_complaint_recorded_makes_a_follow_up_the_next_best_action_and_the_customers_answer_is_recorded() {
        Page p = openCustomer(ann);
        p.click("[data-testid=record-toggle]");
        p.selectOption("[data-testid=rec-type]", "complaint");
        p.fill("[data-testid=rec-text]", "Furious: the broadband was down for three days and nobody called back. Terrible service.");
        p.click("[data-testid=rec-submit]");
        p.locator("[data-testid=rec-done]").waitFor();
        p.waitForCondition(() -> "complaint-follow-up".equals(p.getAttribute("[data-testid=nba-action]", "data-action")));
        JsonNode nba = get("/v1/customers/" + ann + "/next-best-action");
        assertThat(nba.path("action").asText()).isEqualTo("complaint-follow-up");
        assertThat(p.textContent("[data-testid=nba-reason]")).isEqualTo(nba.path("reason").asText());
        assertThat(p.locator("[data-testid=timeline-item]").first().locator("[data-testid=item-sentiment]").getAttribute("data-sentiment")).isEqualTo("negative");
        p.click("[data-testid=nba-record]");
        p.waitForCondition(() -> !p.textContent("#nba-note").startsWith("Recording"));
        assertThat(p.textContent("#nba-note")).startsWith("Recorded on the ledger as entry #");
        p.click("[data-testid=nba-accepted]");
        p.waitForCondition(() -> p.textContent("#nba-note").startsWith("Outcome"));
        JsonNode outcome = timeline(ann).stream().filter(i -> i.path("kind").asText().equals("outcome")).findFirst().orElseThrow();
        assertThat(outcome.path("outcome").asText()).isEqualTo("accepted");
        assertThat(outcome.path("channel").asText()).isEqualTo("call_centre");
        assertThat(p.textContent("#nba-note")).contains("entry #" + outcome.path("index").asLong());
        p.close();
    }

    @Test
    @Order(10)
    void an_invalid_form_names_each_field_and_records_nothing() {
        Page p = openCustomer(ann);
        long before = f.node.ledger().size();
        p.click("[data-testid=record-toggle]");
        p.fill("[data-testid=rec-at]", "2099-01-01T10:00");
        p.click("[data-testid=rec-submit]");
        assertThat(p.textContent("[data-testid=rec-type-error]")).isEqualTo("Type: choose what kind of interaction this was");
        assertThat(p.textContent("[data-testid=rec-at-error]")).isEqualTo("Occurred at: cannot be in the future");
        assertThat(p.textContent("[data-testid=rec-text-error]")).startsWith("Summary and notes: write what");
        assertThat(p.getAttribute("[data-testid=rec-type]", "aria-invalid")).isEqualTo("true");
        assertThat(p.evaluate("document.activeElement.id")).isEqualTo("rec-type");
        for (Locator c : p.locator("[data-testid=rec-id]").all()) c.uncheck();
        p.selectOption("[data-testid=rec-type]", "complaint");
        p.fill("[data-testid=rec-text]", "Complained about the engineer being late.");
        p.fill("[data-testid=rec-at]", "2026-06-01T09:30");
        p.click("[data-testid=rec-submit]");
        assertThat(p.textContent("[data-testid=rec-ids-error]")).startsWith("Identifiers: tick at least one");
        assertThat(p.isVisible("[data-testid=rec-type-error]")).isFalse();
        shot(p, "console-record-errors.png", false);
        assertThat(f.node.ledger().size()).isEqualTo(before);
        p.close();
    }

    @Test
    @Order(11)
    void an_agent_of_one_channel_cannot_record_for_another() {
        Page p = openCustomer(ann);
        long before = f.node.ledger().size();
        p.click("[data-testid=record-toggle]");
        assertThat(p.locator("[data-testid=rec-channel] option").count()).isEqualTo(1);
        assertThat(p.textContent("#rec-channel-note")).isEqualTo("Your token records interactions for Call centre only.");
        // Whatever the page is made to send, the server refuses another channel, and the page says so in words.
        p.route("**/v1/interactions", route -> {
            try {
                ObjectNode body = (ObjectNode) ServerFixture.JSON.readTree(route.request().postData());
                body.put("channel", "web");
                route.resume(new Route.ResumeOptions().setPostData(body.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        p.selectOption("[data-testid=rec-type]", "general_enquiry");
        p.fill("[data-testid=rec-text]", "Asked about opening hours.");
        p.click("[data-testid=rec-submit]");
        Locator error = p.locator("[data-testid=rec-error]");
        error.waitFor();
        assertThat(error.textContent()).contains("You may not record this").contains("Your token records interactions for Call centre only")
                .contains("field 'channel'").contains("may not record interactions of channel 'web'");
        assertThat(f.node.ledger().size()).isEqualTo(before);
        p.close();
    }

    // ---- the review queue -------------------------------------------------------------------------------------

    static void waitForReviews(Page p) {
        p.locator("[data-testid=review]").first().waitFor();
        p.waitForFunction("() => ![...document.querySelectorAll('[data-testid=review-name]')].some(e => e.textContent.includes('Loading'))");
    }

    @Test
    @Order(11)
    void a_review_shows_the_new_record_even_when_later_records_push_it_off_the_first_page() {
        var review = f.node.projections().reviews("open", 0, 10).get(0);
        String card = f.node.customers().explain(review.decision().customerId()).orElseThrow().identifiers().stream()
                .filter(i -> i.type().equals("loyalty_card")).findFirst().orElseThrow().value();
        for (int k = 0; k < 230; k++)
            f.node.ingestion().one("{\"source\":\"pos\",\"sourceRecordId\":\"later-" + k + "\",\"occurredAt\":\"2026-03-01T10:00:00Z\",\"channel\":\"store\","
                    + "\"type\":\"purchase\",\"identifiers\":[{\"type\":\"loyalty_card\",\"value\":\"" + card + "\"}]}", "test");
        Page p = open("#reviews");
        waitForReviews(p);
        Locator side = p.locator("[data-testid=review][data-entry='" + review.entry() + "'] .review-side[data-customer='" + review.decision().customerId() + "']");
        assertThat(side.locator("[data-testid=review-name]").textContent()).doesNotContain("could not be loaded").isNotEqualTo("No name given");
        p.close();
    }

    @Test
    @Order(12)
    void a_review_another_agent_decided_meanwhile_is_refused_with_the_reason() {
        Page p = open("#reviews");
        waitForReviews(p);
        JsonNode items = get("/v1/identity/reviews").path("items");
        long last = items.get(items.size() - 1).path("entry").asLong();
        f.node.identityCommands().acceptReview(last, "agent:someone-else", "decided in another console");
        Locator card = p.locator("[data-testid=review][data-entry='" + last + "']");
        card.locator("[data-testid=review-reject]").click();
        p.click("[data-testid=confirm-ok]");
        p.waitForCondition(() -> card.getAttribute("data-outcome") != null);
        assertThat(card.getAttribute("data-outcome")).isEqualTo("refused");
        assertThat(card.locator("[data-testid=review-outcome]").textContent()).startsWith("Refused.").contains("already accepted");
        assertThat(f.node.projections().decision(last).orElseThrow().status()).isEqualTo("accepted");
        p.close();
    }

    @Test
    @Order(13)
    void accepting_and_rejecting_review_items_change_the_apis_state() {
        Page p = open("#reviews");
        JsonNode open = get("/v1/identity/reviews");
        waitForReviews(p);
        Locator cards = p.locator("[data-testid=review]");
        assertThat(cards.count()).isEqualTo(open.path("items").size());
        assertThat(p.textContent("[data-testid=review-count]")).isEqualTo(String.valueOf(open.path("items").size()));
        JsonNode first = open.path("items").get(0), second = open.path("items").get(1);
        Locator one = p.locator("[data-testid=review][data-entry='" + first.path("entry").asLong() + "']");
        assertThat(one.locator("[data-testid=review-compare] tbody tr").count()).isEqualTo(first.path("score").path("contributions").size());
        assertThat(one.textContent()).contains(first.path("customerId").asText()).contains(first.path("otherCustomerId").asText());
        shot(p, "console-reviews.png", true);

        one.locator("[data-testid=review-accept]").click();
        p.click("[data-testid=confirm-ok]");
        p.waitForCondition(() -> one.getAttribute("data-outcome") != null);
        assertThat(one.locator("[data-testid=review-outcome]").textContent()).startsWith("Merged.");
        assertThat(f.node.projections().decision(first.path("entry").asLong()).orElseThrow().status()).isEqualTo("accepted");
        assertThat(f.node.customers().current(first.path("customerId").asText()))
                .isEqualTo(f.node.customers().current(first.path("otherCustomerId").asText()));

        Locator two = p.locator("[data-testid=review][data-entry='" + second.path("entry").asLong() + "']");
        two.locator("[data-testid=review-reject]").click();
        p.fill("[data-testid=confirm-reason]", "Two different people at one address");
        p.click("[data-testid=confirm-ok]");
        p.waitForCondition(() -> two.getAttribute("data-outcome") != null);
        assertThat(two.locator("[data-testid=review-outcome]").textContent()).startsWith("Kept apart.");
        var rejected = f.node.projections().decision(second.path("entry").asLong()).orElseThrow();
        assertThat(rejected.status()).isEqualTo("rejected");
        assertThat(f.node.customers().current(second.path("customerId").asText()))
                .isNotEqualTo(f.node.customers().current(second.path("otherCustomerId").asText()));
        assertThat(get("/v1/identity/reviews").path("items").size()).isEqualTo(open.path("items").size() - 2);
        p.close();
    }

    // ---- every page: names, widths, screenshots ---------------------------------------------------------------

    @Test
    @Order(14)
    void every_control_has_a_name_for_screen_readers() {
        Page p = openCustomer(ann);
        p.click("[data-testid=record-toggle]");
        Object unnamed = p.evaluate("() => [...document.querySelectorAll('main button, main select, main input, main textarea, main a')]"
                + ".filter(e => e.offsetParent !== null)"
                + ".filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()))"
                + ".map(e => e.outerHTML.slice(0, 100))");
        assertThat((List<?>) unnamed).isEmpty();
        p.close();
    }

    @Test
    @Order(15)
    void at_a_tablets_width_nothing_overflows() {
        Page p = context.newPage();
        p.onPageError(e -> pageErrors.add("tablet: " + e));
        p.setViewportSize(820, 1180);
        for (String hash : List.of("#customer=" + ann, "#reviews", "#q=DUP-7")) {
            p.navigate(f.base + "/" + hash);
            p.waitForFunction("() => document.body.dataset.ready === 'true'");
            if (hash.startsWith("#customer")) waitForCustomer(p, ann);
            else if (hash.equals("#reviews")) p.waitForFunction("() => !document.getElementById('reviews-status').classList.contains('is-loading')"
                    + " && ![...document.querySelectorAll('[data-testid=review-name]')].some(e => e.textContent.includes('Loading'))");
            else p.locator("[data-testid=result]").first().waitFor();
            Object wide = p.evaluate("() => [...document.querySelectorAll('body *')].filter(e => e.offsetParent !== null"
                    + " && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)");
            assertThat((List<?>) wide).as(hash).isEmpty();
            assertThat((Boolean) p.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).as(hash).isTrue();
        }
        p.navigate(f.base + "/#customer=" + ann);
        waitForCustomer(p, ann);
        shot(p, "console-tablet.png", false);
        p.close();
    }

    @Test
    @Order(16)
    void screenshots_on_a_laptop() {
        Page p = open("");
        search(p, identifier(ann, "email").value());
        waitForCustomer(p, ann);
        p.locator("[data-testid=timeline-item][data-kind=interaction] [data-testid=why] summary").first().click();
        p.locator("[data-testid=why-identifier]").first().waitFor();
        p.evaluate("window.scrollTo(0, 0)");
        shot(p, "console-laptop.png", false);
        shot(p, "console-laptop-full.png", true);
        p.setViewportSize(1280, 1500);   // the README's picture: the summary, the timeline's first records and the panels
        p.evaluate("window.scrollTo(0, 0)");
        shot(p, "console-overview.png", false);
        p.close();
    }

    @Test
    @Order(16)
    void the_timeline_shows_the_interactions_first_and_the_bookkeeping_one_chip_away() {
        Page p = openCustomer(ann);
        Locator visible = p.locator("[data-testid=timeline-item]:visible");
        assertThat(visible.count()).isPositive();
        for (Locator item : visible.all()) assertThat(item.getAttribute("data-kind")).isEqualTo("interaction");
        p.click("[data-testid=bookkeeping-toggle]");
        assertThat(p.locator("[data-testid=timeline-item][data-kind=identity]:visible").count()).isPositive();
        p.close();
    }

    @Test
    @Order(16)
    void a_household_link_on_the_timeline_names_the_people_the_agent_may_see() {
        Page p = openCustomer(ann);
        p.click("[data-testid=bookkeeping-toggle]");
        Locator link = p.locator("[data-testid=timeline-item][data-decision=relationship]").first();
        p.waitForFunction("() => document.querySelector('[data-decision=relationship] .person-ref[data-named]') !== null");
        String title = link.locator("[data-testid=item-type]").textContent();
        assertThat(title).doesNotContain(ann).containsPattern("[A-Z][a-z]+ [A-Z][a-z]+");
        p.close();
    }

    @Test
    @Order(16)
    void a_sign_in_link_signs_in_and_sign_out_forgets_the_token() {
        try (BrowserContext fresh = DebianChromium.context(browser, 1280)) {
            Page p = fresh.newPage();
            p.onPageError(e -> pageErrors.add("sign-in link: " + e));
            p.navigate(f.base + "/#token=" + agentToken);
            p.waitForFunction("() => document.body.dataset.ready === 'true'");
            assertThat(p.url()).doesNotContain(agentToken);
            assertThat(p.textContent("[data-testid=who-chip]")).contains("agent-7");
            assertThat(p.textContent("[data-testid=sign-in-out]")).isEqualTo("Sign out");
            p.click("[data-testid=sign-in-out]");
            p.waitForSelector("[data-testid=sign-in]");   // the node is closed: without a token it asks for one
            assertThat((Object) p.evaluate("sessionStorage.getItem('touchline.token')")).isNull();
        }
    }

    @Test
    @Order(16)
    void the_audiences_panel_lists_the_audiences_the_customer_is_in_as_the_api_answers() throws InterruptedException {
        HttpResponse<String> made = f.postJson("/v1/audiences", "{\"name\":\"everyone\",\"rule\":\"customer.interactions >= 1\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        f.postJson("/v1/audiences", "{\"name\":\"nobody\",\"rule\":\"customer.interactions < 0\"}");
        long end = System.nanoTime() + 60_000_000_000L;
        while (f.okJson("/v1/audiences").findValues("evaluating").stream().anyMatch(JsonNode::asBoolean)) {
            assertThat(System.nanoTime()).as("every customer evaluated within a minute").isLessThan(end);
            Thread.sleep(100);
        }
        List<String> expected = new ArrayList<>();
        get("/v1/customers/" + ann + "/audiences").get("items").forEach(m -> expected.add(m.get("audience").asText()));
        assertThat(expected).containsExactly("everyone");
        Page p = openCustomer(ann);
        assertThat(p.locator("[data-testid=audiences-panel] [data-testid=audience-name]").allTextContents()).isEqualTo(expected);
        p.click("[data-testid=bookkeeping-toggle]");
        assertThat(p.locator("[data-testid=timeline-item][data-kind=membership]:visible").count()).as("entering is on the timeline, with the bookkeeping").isPositive();
        p.close();
    }

    @Test
    @Order(17)
    void no_page_raised_a_script_error() {
        assertThat(pageErrors).isEmpty();
    }

    static void shot(Page p, String name, boolean full) {
        PortalBrowserTest.shot(p, name, full);
    }

    @Test
    void the_page_breaks_no_rule_of_its_content_security_policy() {
        open("").close();
        assertThat(DebianChromium.CSP_VIOLATIONS).as("refused by the Content-Security-Policy").isEmpty();
    }
}
