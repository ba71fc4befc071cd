package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Progress;
import org.touchline.domain.store.TimelineRow;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.AccessTokens;
import org.touchline.node.BundleVerifier;
import org.touchline.node.Consents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal (docs/pages.md) in Debian's Chromium against a node holding the demo company, with customer
 * tokens granted for two of its customers: the personal link signs in, the customer sees and changes only their own
 * data, each record verifies in the browser against the signed checkpoint, a tampered proof or checkpoint does not,
 * and customer A's token never opens customer B's data. Screenshots go to target/screenshots/portal-*.png.
 *
 * <p>Skipped when /usr/bin/chromium is missing, unless TOUCHLINE_REQUIRE_CHROMIUM=1 (CI), when it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    static Path dir;
    static ServerFixture f;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static String ann, bob, annToken;

    @BeforeAll
    static void demoCompanyTwoCustomerTokensAndBrowser() throws Exception {
        DebianChromium.orSkip();
        dir = Files.createTempDirectory("touchline-portal");
        Path data = dir.resolve("node");
        f = new ServerFixture(data);
        for (SourceFile s : new DemoCompany(new DemoSize(40, 1_500, 6), 7).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        // Rewards: the example catalogue, and the example contract that thanks a first consent with tokens.
        Path examples = Files.isDirectory(Path.of("..", "examples")) ? Path.of("..", "examples") : Path.of("examples");
        Files.copy(examples.resolve("catalogue.yaml"), data.resolve("catalogue.yaml"));
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Files.writeString(data.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
        f.node.contracts().deploy(SignedContract.sign(ContractDefinition.read(examples.resolve("contracts/reward-consent.yaml")),
                NoteSigner.parse(admin.signerKey())).encode(), "alice");

        List<String> eligible = new ArrayList<>();
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id()))
                .filter(x -> interactions(x).size() >= 3 && !Consents.allowedBy("marketing", f.node.consents().consents(x).get("marketing")))
                .ifPresent(eligible::add));
        assertThat(eligible).as("demo customers with interactions and no marketing consent").hasSizeGreaterThanOrEqualTo(2);
        ann = eligible.get(0);
        bob = eligible.get(1);
        AccessTokens tokens = new AccessTokens(data);
        annToken = tokens.grant("customer", "ann", null, ann);
        tokens.grant("customer", "bob", null, bob);
        f.close();
        f = new ServerFixture(data);   // the server reads the tokens when it starts

        playwright = DebianChromium.start();
        browser = DebianChromium.launch(playwright);
        context = DebianChromium.context(browser, 1366);
    }

    @AfterAll
    static void close() {
        if (playwright != null) playwright.close();
        if (f != null) f.close();
    }

    static List<Long> interactions(String customer) {
        return f.node.projections().timeline(customer, null, null, Integer.MAX_VALUE).stream().map(TimelineRow::index)
                .filter(i -> EntryKind.of(f.node.ledger().leaf(i)) == EntryKind.INTERACTION).toList();
    }

    /** A new tab opened by the customer's personal link, once the page has loaded what it shows. */
    static Page openLink(String customer, String token) {
        Page p = context.newPage();
        p.navigate(f.base + "/portal.html#customer=" + customer + "&token=" + token);
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        return p;
    }

    static Set<Long> shownIndexes(Page p) {
        return p.locator("#timeline > .record").all().stream().map(l -> Long.parseLong(l.getAttribute("data-index"))).collect(Collectors.toCollection(TreeSet::new));
    }

    static Locator interaction(Page p, long index) { return p.locator("#timeline > .record[data-index='" + index + "']"); }

    static String verifyFirstInteraction(Page p) {
        Locator record = p.locator("#timeline > .record.kind-interaction").first();
        record.locator("[data-testid=verify]").click();
        Locator result = record.locator("[data-testid=verify-result]");
        p.waitForCondition(() -> result.getAttribute("data-outcome") != null);
        return result.textContent();
    }

    // ---- the tests ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void the_portal_greets_the_customer_by_the_name_their_records_give() {
        // A customer whose records give a name (the CRM's full_name); not every demo customer's do.
        String[] named = new String[2];
        f.node.projections().loadCustomers(c -> {
            if (named[0] != null) return;
            f.node.customers().explain(c.id()).flatMap(e -> e.identifiers().stream().filter(i -> i.type().equals("name")).findFirst())
                    .ifPresent(n -> { named[0] = c.id(); named[1] = n.value(); });
        });
        assertThat(named[0]).as("a demo customer with a name").isNotNull();
        String name = named[1];
        Page p = openLink(named[0], new AccessTokens(f.dir).grant("customer", "named", null, named[0]));
        assertThat(p.textContent("#who-title")).isEqualTo("Hello, " + name);
        assertThat(p.textContent("[data-testid=who-name]")).isEqualTo(name + ", customer");
        p.close();
    }

    @Test
    @Order(1)
    void the_personal_link_signs_in_and_the_token_leaves_the_address_bar() {
        Page p = openLink(ann, annToken);
        assertThat(p.url()).doesNotContain("token").doesNotContain(annToken).endsWith("#customer=" + ann);
        assertThat(p.evaluate("sessionStorage.getItem('touchline.token')")).isEqualTo(annToken);
        assertThat(p.textContent("[data-testid=who-id]")).isEqualTo(ann);
        assertThat(p.isVisible("#sign-in")).isFalse();
        assertThat(p.isVisible("[data-testid=portal-error]")).isFalse();
        assertThat(p.textContent("[data-testid=key-fingerprint]")).startsWith(ServerFixture.ORIGIN + "+").contains("SHA-256");
        p.close();
    }

    @Test
    @Order(2)
    void the_timeline_shows_every_one_of_the_customers_records_and_none_of_anothers() {
        Page p = openLink(ann, annToken);
        Set<Long> own = new TreeSet<>();
        for (TimelineRow r : f.node.projections().timeline(ann, null, null, Integer.MAX_VALUE))
            if (!isRating(r.index())) own.add(r.index());
        Set<Long> bobs = new TreeSet<>();
        f.node.projections().timeline(bob, null, null, Integer.MAX_VALUE).forEach(r -> bobs.add(r.index()));
        Set<Long> shown = shownIndexes(p);
        assertThat(shown).isEqualTo(own).doesNotContainAnyElementsOf(bobs);
        long first = interactions(ann).get(0);
        JsonNode item = item(ann, first);
        Locator card = interaction(p, first);
        assertThat(card.locator(".badge").textContent()).isEqualTo(item.path("channel").asText().replace('_', ' '));
        assertThat(card.locator(".record-who").textContent()).isEqualTo(item.hasNonNull("agentId")
                ? "Handled by " + item.get("agentId").asText() : "Self-service: no agent involved");
        assertThat(p.textContent("#stat-interactions")).isEqualTo(String.valueOf(interactions(ann).size()));
        p.close();
    }

    static boolean isRating(long index) {
        return EntryKind.of(f.node.ledger().leaf(index)) == EntryKind.EVENT
                && EventEntry.parse(f.node.ledger().leaf(index)).kind().equals(EventEntry.RATING);
    }

    /** The timeline item the API answers for an entry (as the page received it). */
    static JsonNode item(String customer, long index) {
        var r = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/customers/" + customer + "/timeline?limit=1000"))
                .header("Authorization", "Bearer " + annToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode i : ServerFixture.json(r).path("items"))
            if (i.path("index").asLong() == index) return i;
        throw new AssertionError("entry " + index + " is not on " + customer + "'s timeline");
    }

    @Test
    @Order(3)
    void granting_a_consent_persists_and_its_contract_reward_shows_in_the_balance() {
        Page p = openLink(ann, annToken);
        assertThat(p.textContent("[data-testid=consent-state-marketing]")).doesNotContain("Allowed");
        assertThat(p.textContent("[data-testid=balance]")).isEqualTo("0");
        p.click("[data-testid=consent-marketing]");
        p.waitForCondition(() -> p.textContent("#consent-status").startsWith("Saved"));
        p.reload();
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        assertThat(p.textContent("[data-testid=consent-state-marketing]")).isEqualTo("Allowed");
        assertThat(p.getAttribute("[data-testid=consent-marketing]", "aria-label")).isEqualTo("Withdraw consent for Marketing");
        var row = f.node.consents().consents(ann).get("marketing");
        assertThat(row.event().field("state")).isEqualTo("granted");
        assertThat(row.event().field("channel")).isEqualTo("portal");
        // reward-consent thanks a first marketing grant with 100 tokens.
        assertThat(p.textContent("[data-testid=balance]")).isEqualTo("100");
        assertThat(p.locator("#movements > .record").count()).isEqualTo(1);
        p.close();
    }

    @Test
    @Order(4)
    void a_benefit_the_balance_allows_is_redeemed_and_one_it_does_not_is_disabled_with_the_reason() {
        Page p = openLink(ann, annToken);
        assertThat(p.isDisabled("[data-testid=redeem-cinema-pair]")).isTrue();
        assertThat(p.textContent("[data-testid=reason-cinema-pair]")).isEqualTo("You need 300 more tokens.");
        assertThat(p.isEnabled("[data-testid=redeem-charity-gift]")).isTrue();
        p.click("[data-testid=redeem-charity-gift]");
        p.waitForCondition(() -> p.textContent("#redeem-status").startsWith("Redeemed"));
        assertThat(p.textContent("#redeem-status")).isEqualTo("Redeemed A donation to the customer's charity. Your balance is now 50 tokens.");
        assertThat(p.textContent("[data-testid=balance]")).isEqualTo("50");
        assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(50);
        assertThat(f.node.tokens().customerHistory(ann)).extracting(r -> r.movement()).containsExactly("mint", "burn");
        assertThat(p.locator("#movements > .record").count()).isEqualTo(2);
        assertThat(p.isDisabled("[data-testid=redeem-upgrade-month]")).isTrue();
        p.close();
    }

    @Test
    @Order(5)
    void an_unrated_interaction_is_rated_with_stars_and_a_comment() {
        Page p = openLink(ann, annToken);
        Locator details = p.locator("#timeline details.rate").first();
        details.locator("summary").click();
        Locator form = details.locator("[data-testid=rate-form]");
        long index = Long.parseLong((String) form.evaluate("f => f.closest('.record').dataset.index"));
        form.locator("select").selectOption("4");
        form.locator("input").fill("Quick and kind");
        form.locator("button").click();
        Locator given = interaction(p, index).locator("[data-testid=rating-given]");
        given.waitFor();
        assertThat(given.textContent()).contains("★★★★☆").contains("Quick and kind");
        assertThat(interaction(p, index).locator("[data-testid=rate-form]").count()).isZero();
        var ratings = f.node.projections().eventsAbout(index, EventEntry.RATING);
        assertThat(ratings).singleElement().satisfies(r -> {
            assertThat(r.event().field("rating")).isEqualTo("4");
            assertThat(r.event().field("channel")).isEqualTo("portal");
        });
        p.close();
    }

    @Test
    @Order(6)
    void a_record_verifies_in_the_browser_against_the_signed_checkpoint() {
        Page p = openLink(ann, annToken);
        String result = verifyFirstInteraction(p);
        long signed = f.node.reader().signedSize();
        String key = f.node.identity().verifierKey();
        assertThat(result).isEqualTo("Verified: included in the log of size " + String.format(Locale.UK, "%,d", signed) + " signed by "
                + key.split("\\+", 3)[0] + "+" + key.split("\\+", 3)[1]);
        p.close();
    }

    @Test
    @Order(7)
    void a_tampered_proof_fails_verification_with_the_reason() {
        Page p = openLink(ann, annToken);
        p.route("**/v1/customers/*/entries/**", route -> {
            var answer = route.fetch();
            try {
                ObjectNode body = (ObjectNode) ServerFixture.JSON.readTree(answer.text());
                ArrayNode proof = (ArrayNode) body.get("proof");
                byte[] h = Base64.getDecoder().decode(proof.get(0).asText());
                h[0] ^= 0x01;
                proof.set(0, Base64.getEncoder().encodeToString(h));
                route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(body.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String result = verifyFirstInteraction(p);
        assertThat(result).startsWith("Not verified: the inclusion proof leads to root ").contains("but the signed checkpoint's root is");
        assertThat(p.locator("[data-outcome=failed]").count()).isEqualTo(1);
        p.close();
    }

    @Test
    @Order(8)
    void a_checkpoint_with_a_forged_root_fails_the_signature_check() {
        Page p = openLink(ann, annToken);
        p.route("**/v1/ledger/checkpoint", route -> {
            var answer = route.fetch();
            String[] lines = answer.text().split("\n", -1);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            root[31] ^= 0x01;
            lines[2] = Base64.getEncoder().encodeToString(root);
            route.fulfill(new Route.FulfillOptions().setResponse(answer).setBody(String.join("\n", lines)));
        });
        String result = verifyFirstInteraction(p);
        assertThat(result).startsWith("Not verified: the checkpoint's signature does not verify with the pinned key " + ServerFixture.ORIGIN + "+");
        p.close();
    }

    @Test
    @Order(9)
    void customer_a_cannot_open_customer_bs_data() {
        Page p = openLink(bob, annToken);
        Locator error = p.locator("[data-testid=portal-error]");
        assertThat(error.isVisible()).isTrue();
        assertThat(error.textContent()).contains("You may not see this page").contains("a customer may only see their own data");
        assertThat(p.isVisible("#portal")).isFalse();
        assertThat(p.locator("#timeline > .record").count()).isZero();
        shot(p, "portal-refused.png", true);
        Object status = p.evaluate("id => fetch('/v1/customers/' + id + '/timeline', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('touchline.token')}})"
                + ".then(r => r.status)", bob);
        assertThat(status).isEqualTo(403);
        long bobs = interactions(bob).get(0);
        Object proof = p.evaluate("([a, i]) => fetch('/v1/customers/' + a + '/entries/' + i, {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('touchline.token')}})"
                + ".then(r => r.status)", List.of(ann, String.valueOf(bobs)));
        assertThat(proof).as("B's entry asked for under A's own id").isEqualTo(404);
        p.close();
    }

    @Test
    @Order(10)
    void download_my_data_saves_an_export_bundle_that_verifies_offline() throws Exception {
        Page p = openLink(ann, annToken);
        var download = p.waitForDownload(() -> p.click("[data-testid=download]"));
        assertThat(download.suggestedFilename()).isEqualTo("touchline-" + ann + ".json");
        byte[] bundle = Files.readAllBytes(download.path());
        var report = BundleVerifier.verify(bundle, f.node.identity().verifierKey());
        assertThat(report.problems()).isEmpty();
        assertThat(report.customerId()).isEqualTo(ann);
        assertThat(report.entries()).isGreaterThanOrEqualTo(interactions(ann).size());
        p.waitForCondition(() -> p.textContent("#download-status").startsWith("Downloaded"));
        p.close();
    }

    @Test
    @Order(11)
    void every_control_has_a_name_for_screen_readers() {
        Page p = openLink(ann, annToken);
        Object unnamed = p.evaluate("() => [...document.querySelectorAll('#portal button, #portal select, #portal input')]"
                + ".filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()))"
                + ".map(e => e.outerHTML.slice(0, 80))");
        assertThat((List<?>) unnamed).isEmpty();
        p.close();
    }

    @Test
    @Order(12)
    void screenshots_on_a_laptop_and_a_tablet() {
        Page p = openLink(ann, annToken);
        verifyFirstInteraction(p);
        shot(p, "portal-laptop.png", true);
        p.locator("#timeline > .record.kind-interaction").first().screenshot(new Locator.ScreenshotOptions()
                .setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve("portal-verified.png")));
        p.close();
        Page tablet = context.newPage();
        tablet.setViewportSize(820, 1180);
        tablet.navigate(f.base + "/portal.html#customer=" + ann + "&token=" + annToken);
        tablet.waitForFunction("() => document.body.dataset.ready === 'true'");
        shot(tablet, "portal-tablet.png", false);
        tablet.close();
        Page signIn = context.newPage();
        signIn.navigate(f.base + "/portal.html");
        signIn.waitForFunction("() => document.body.dataset.ready === 'true'");
        assertThat(signIn.isVisible("#sign-in")).isTrue();
        shot(signIn, "portal-sign-in.png", false);
        signIn.close();
    }

    static void shot(Page p, String name, boolean full) {
        try {
            Files.createDirectories(AnalyticsPageBrowserTest.SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.screenshot(new Page.ScreenshotOptions().setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve(name)).setFullPage(full)
                .setStyle(AnalyticsPageBrowserTest.STATIC_TOPBAR));
    }

    @Test
    void the_page_breaks_no_rule_of_its_content_security_policy() {
        openLink(ann, annToken).close();
        assertThat(DebianChromium.CSP_VIOLATIONS).as("refused by the Content-Security-Policy").isEmpty();
    }
}
