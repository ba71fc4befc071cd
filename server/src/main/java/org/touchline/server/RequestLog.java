package org.touchline.server;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One log line and one metric per answered request: method, route template, status and latency, under the request's
 * id. The id is the caller's {@code X-Request-Id} when it is a plain token (a proxy's or a client's, so one request can
 * be followed across systems), else a new UUID; it is echoed in the answer and put in the logging context (MDC
 * {@value #MDC_KEY}) so every line logged while the request runs carries it. Never the path or the query: they can
 * hold a customer's id, an email or a phone number (docs/operations.md, "Logs").
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Logger LOG = LoggerFactory.getLogger("touchline.requests");
    private static final String STARTED = "touchline.started";
    /** What a caller's id may be: letters, digits and a few separators, so it cannot forge a log line or carry text. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private final Metrics metrics;

    RequestLog(Metrics metrics) { this.metrics = metrics; }

    void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        String id = ctx.header(HEADER);
        if (id == null || !PLAIN.matcher(id).matches()) id = UUID.randomUUID().toString();
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** Javalin's request logger: runs once the answer is written, on the request's thread. */
    void after(Context ctx, Float millis) {
        Long started = ctx.attribute(STARTED);
        long nanos = started != null ? System.nanoTime() - started : (long) (millis * 1_000_000);
        String route = route(ctx), method = ctx.method().name();
        int status = ctx.statusCode();
        metrics.request(method, route, status, nanos);
        LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("status", status)
                .addKeyValue("millis", nanos / 1_000_000.0).log("{} {} {} {} ms", method, route, status, nanos / 1_000_000);
        MDC.remove(MDC_KEY);
    }

    /** The route as registered; the web pages' files as "static"; anything else no route answered as "unmatched". */
    private static String route(Context ctx) {
        String route = ctx.attribute(Access.ROUTE);
        if (route != null) return route;
        return !ctx.path().startsWith("/v1/") && ctx.statusCode() < 400 ? "static" : "unmatched";
    }
}
