package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * No write from another site's page. A browser sends a "simple" cross-origin request (text/plain, a form) without
 * asking first (Fetch standard, CORS-safelisted request headers), so every state-changing route requires a JSON body
 * type, which no page can send cross-site without a preflight this server never grants (415 otherwise), and refuses a
 * browser's {@code Origin} or {@code Sec-Fetch-Site} that says the request comes from another site (403).
 */
final class CrossSiteWrites {
    /** The body types a write may carry: JSON, JSON lines for a batch of records, and CloudEvents' JSON formats. */
    static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-ndjson", "application/cloudevents+json",
            "application/cloudevents-batch+json");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteWrites() {}

    static void check(Context ctx) {
        if (!ctx.path().startsWith("/v1/") || READS.contains(ctx.method().name())) return;
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site"))
            throw new Access.Refused(HttpStatus.FORBIDDEN, "a write from another site's page is refused (Sec-Fetch-Site: cross-site)");
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx))
            throw new Access.Refused(HttpStatus.FORBIDDEN, "a write from another origin is refused: Origin " + origin
                    + " is not this node's own");
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        // A source file's bytes: no page sends this type cross-site without a preflight either.
        if (ctx.path().equals(SourceFileRoutes.PATH) && media.equals(SourceFileRoutes.BODY_TYPE)) return;
        // A platform's form-encoded webhook: its HMAC signature, which no other site's page can make, is its credential.
        if (ctx.path().startsWith(WebhookRoutes.PREFIX) && media.equals(WebhookRoutes.FORM)) return;
        if (!JSON_TYPES.contains(media))
            throw new Access.Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "a write must have Content-Type: application/json"
                    + " (or application/x-ndjson for a batch of records), not " + (type == null ? "none" : "'" + type + "'"));
    }

    /** The Origin names the host (and port) the request was sent to: the node's own pages. "null" is never ours. */
    private static boolean sameOrigin(String origin, Context ctx) {
        String host = ctx.header("Host");
        if (host == null) return false;
        try {
            URI o = URI.create(origin);
            if (o.getScheme() == null || o.getHost() == null) return false;
            String scheme = o.getScheme().toLowerCase(Locale.ROOT);
            int port = o.getPort() != -1 ? o.getPort() : scheme.equals("https") ? 443 : 80;
            URI h = URI.create(scheme + "://" + host);
            int hostPort = h.getPort() != -1 ? h.getPort() : port;
            return o.getHost().equalsIgnoreCase(h.getHost()) && port == hostPort && (scheme.equals("http") || scheme.equals("https"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
