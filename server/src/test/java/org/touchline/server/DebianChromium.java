package org.touchline.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ReducedMotion;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The browser every page test drives: Debian's Chromium through Playwright, never a downloaded browser, headless,
 * with the same locale, time zone and reduced motion so that screenshots and formatted dates are stable.
 */
final class DebianChromium {
    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");

    private DebianChromium() {}

    /** Skips the calling test class when the browser is missing, unless CI requires it (TOUCHLINE_REQUIRE_CHROMIUM=1). */
    static void orSkip() {
        if (Files.isExecutable(EXECUTABLE)) return;
        String message = EXECUTABLE + " is missing: the web pages are tested in Debian's Chromium (apt-get install chromium; .ci/run does it)";
        if ("1".equals(System.getenv("TOUCHLINE_REQUIRE_CHROMIUM"))) fail(message + ", and TOUCHLINE_REQUIRE_CHROMIUM=1 requires the browser tests");
        Assumptions.assumeTrue(false, message);
    }

    static Playwright start() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    /** A window {@code width} pixels wide in en-GB, UTC, with reduced motion (variants add to these). */
    static Browser.NewContextOptions window(int width) {
        return new Browser.NewContextOptions().setViewportSize(width, 900).setLocale("en-GB").setTimezoneId("UTC")
                .setReducedMotion(ReducedMotion.REDUCE);
    }

    /**
     * What the browser reported as refused by the pages' Content Security Policy, in every context made here: from the
     * pages' own files (a location under http). Playwright's own style for screenshots (it hides the caret) has none.
     */
    static final List<String> CSP_VIOLATIONS = new CopyOnWriteArrayList<>();

    static BrowserContext context(Browser browser, int width) {
        BrowserContext context = browser.newContext(window(width));
        context.setDefaultTimeout(20_000);
        context.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") && m.location().startsWith("http")) CSP_VIOLATIONS.add(m.location() + ": " + m.text());
        });
        return context;
    }
}
