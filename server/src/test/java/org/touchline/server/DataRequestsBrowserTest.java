package org.touchline.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.domain.Identifier;
import org.touchline.node.AccessTokens;
import org.touchline.node.RequestEntries;
import org.touchline.node.command.DataRequests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-subject request pages (docs/pages.md) in Debian's Chromium: the privacy team's list with the overdue first
 * and flagged, narrowed by type, and a request verified from its detail; the portal's section where a signed-in
 * customer files an objection and sees it listed. Screenshots go to target/screenshots/requests*.png.
 *
 * <p>Skipped when /usr/bin/chromium is missing, unless TOUCHLINE_REQUIRE_CHROMIUM=1 (CI), when it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataRequestsBrowserTest {
    static ServerFixture f;
    static Playwright playwright;
    static Browser browser;
    static BrowserContext context;
    static String ann, annToken;
    static long overdue, fresh;

    static String record(String id, String email) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"web\","
                + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"}],\"text\":\"hello\"}";
    }

    @BeforeAll
    static void nodeWithRequestsAndBrowser() throws Exception {
        DebianChromium.orSkip();
        Path dir = Files.createTempDirectory("touchline-request-pages");
        f = new ServerFixture(dir);
        f.node.ingestion().one(record("1", "ann@example.com"), "test");
        ann = f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        Instant now = Instant.now();
        // Received six weeks ago by letter: past its month. Another a day ago, by email.
        DataRequests sixWeeksAgo = f.node.dataRequests(Clock.fixed(now.minus(Duration.ofDays(42)), ZoneOffset.UTC), true);
        overdue = sixWeeksAgo.file(new DataRequests.Filing(RequestEntries.ACCESS, ann, List.of(), "letter", null, List.of(), null, "dpo"), null);
        DataRequests yesterday = f.node.dataRequests(Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC), true);
        fresh = yesterday.file(new DataRequests.Filing(RequestEntries.ERASURE, null, List.of(new Identifier("email", "someone@example.net")), "email",
                null, List.of(), null, "dpo"), null);
        annToken = new AccessTokens(dir).grant("customer", "ann", null, ann);
        f.close();
        f = new ServerFixture(dir);
        playwright = DebianChromium.start();
        browser = DebianChromium.launch(playwright);
        context = DebianChromium.context(browser, 1366);
    }

    @AfterAll
    static void close() {
        if (playwright != null) playwright.close();
        if (f != null) f.close();
    }

    static Page privacyTeamPage() {
        Page p = context.newPage();
        p.navigate(f.base + "/requests.html#token=" + f.adminToken);
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        return p;
    }

    static void screenshot(Page p, String name) throws Exception {
        Files.createDirectories(AnalyticsPageBrowserTest.SCREENSHOTS);
        p.screenshot(new Page.ScreenshotOptions().setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    @Test
    @Order(1)
    void thePrivacyTeamSeesTheOverdueRequestFirstAndFlagged() throws Exception {
        Page p = privacyTeamPage();
        List<String> entries = p.locator("[data-testid=request-row]").all().stream().map(l -> l.getAttribute("data-entry")).toList();
        assertThat(entries).containsExactly(Long.toString(overdue), Long.toString(fresh));
        assertThat(p.locator("[data-testid=request-row]").first().locator("[data-testid=overdue]").isVisible()).isTrue();
        assertThat(p.locator("[data-testid=request-row]").nth(1).locator("[data-testid=overdue]").count()).isZero();
        assertThat(p.textContent("#list-title")).isEqualTo("2 request(s), 1 overdue");
        screenshot(p, "requests.png");
        p.selectOption("#type-filter", "erasure");
        p.waitForCondition(() -> p.locator("[data-testid=request-row]").count() == 1);
        assertThat(p.locator("[data-testid=request-row]").first().getAttribute("data-entry")).isEqualTo(Long.toString(fresh));
        assertThat(DebianChromium.CSP_VIOLATIONS).isEmpty();
        p.close();
    }

    @Test
    @Order(2)
    void aRequestIsVerifiedFromItsDetailAndItsStepsAreShown() {
        Page p = privacyTeamPage();
        p.locator("[data-testid=request-row][data-entry='" + fresh + "'] a").first().click();
        p.waitForCondition(() -> p.isVisible("[data-testid=request-detail]"));
        assertThat(p.locator("[data-testid=request-step]").count()).isEqualTo(1);
        p.fill("[data-testid=verification-method]", "called back on the number on file");
        p.fill("[data-testid=verification-customer]", ann);
        p.click("[data-testid=verification-button]");
        p.waitForCondition(() -> p.locator("[data-testid=request-step]").count() == 2);
        assertThat(p.textContent("#detail-title")).contains("Verified");
        assertThat(f.node.requests(Clock.systemUTC()).get(fresh).status()).isEqualTo(RequestEntries.VERIFIED);
        assertThat(DebianChromium.CSP_VIOLATIONS).isEmpty();
        p.close();
    }

    @Test
    @Order(3)
    void aCustomerFilesAnObjectionFromThePortalAndSeesItListed() throws Exception {
        Page p = context.newPage();
        p.navigate(f.base + "/portal.html#customer=" + ann + "&token=" + annToken);
        p.waitForFunction("() => document.body.dataset.ready === 'true'");
        int before = p.locator("[data-testid=own-request]").count();
        assertThat(before).as("the requests filed for Ann by the privacy team").isGreaterThanOrEqualTo(1);
        p.selectOption("[data-testid=request-type]", "objection");
        p.check("[data-testid=request-purpose-marketing]");
        p.click("[data-testid=request-submit]");
        p.waitForCondition(() -> p.locator("[data-testid=own-request]").count() == before + 1);
        assertThat(p.textContent("[data-testid=request-status]")).startsWith("Request received.");
        assertThat(p.locator("[data-testid=own-request]").first().locator("[data-testid=own-request-status]").textContent()).isEqualTo("In progress");
        assertThat(f.node.requests(Clock.systemUTC()).of(ann)).anyMatch(r -> r.type().equals(RequestEntries.OBJECTION) && r.channel().equals("portal"));
        p.locator("#requests").screenshot(new Locator.ScreenshotOptions().setPath(AnalyticsPageBrowserTest.SCREENSHOTS.resolve("requests-portal.png")));
        assertThat(DebianChromium.CSP_VIOLATIONS).isEmpty();
        p.close();
    }
}
