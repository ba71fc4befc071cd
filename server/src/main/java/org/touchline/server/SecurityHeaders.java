package org.touchline.server;

import io.javalin.http.Context;

/**
 * Headers on every answer, pages and API alike: a Content Security Policy that runs only the node's own script files
 * and styles (no inline script, no eval, no style attribute: the pages style elements through the CSSOM), no framing
 * (CSP Level 3 {@code frame-ancestors}, with the older
 * {@code X-Frame-Options} for browsers without it), no MIME sniffing, no referrer leaving the page, and no caching of
 * the API's answers, which hold personal data (a handler whose answer is public and immutable, a tile, says so itself).
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    static void add(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (ctx.path().startsWith("/v1/")) ctx.header("Cache-Control", "no-store");
    }
}
