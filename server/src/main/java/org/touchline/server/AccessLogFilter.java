package org.touchline.server;

import io.javalin.http.Context;
import org.touchline.node.AccessLog;
import org.touchline.node.AccessTokens;

import java.util.Map;

/**
 * The API's side of the node's {@link AccessLog}: after a route that reads a customer's personal data answered, it
 * records who read whose data and for which purpose; the node keeps the lines.
 */
final class AccessLogFilter {
    /** The routes that read a customer's personal data, and the purpose each serves. */
    private static final Map<String, String> PURPOSES = Map.ofEntries(
            Map.entry("/v1/customers/{id}/timeline", "service"),
            Map.entry("/v1/customers/{id}/identity", "service"),
            Map.entry("/v1/customers/{id}/relationships", "service"),
            Map.entry("/v1/customers/{id}/household", "service"),
            Map.entry("/v1/customers/{id}/organisation", "service"),
            Map.entry("/v1/customers/{id}/consents", "service"),
            Map.entry("/v1/customers/{id}/tokens", "service"),
            Map.entry("/v1/customers/{id}/export", "transparency"),
            Map.entry("/v1/customers/{id}/features", "personalisation"),
            Map.entry("/v1/customers/{id}/propensities", "personalisation"),
            Map.entry("/v1/customers/{id}/next-best-action", "personalisation"));

    private final AccessLog log;

    AccessLogFilter(AccessLog log) { this.log = log; }

    /** After a read answered 200: who read whose data, for what. */
    void after(Context ctx) {
        String route = ctx.attribute(Access.ROUTE);   // after the handler Javalin no longer says which route matched
        String purpose = route == null ? null : PURPOSES.get(route);
        if (purpose == null || !ctx.method().name().equals("GET") || ctx.statusCode() != 200) return;
        AccessTokens.Principal p = Access.principal(ctx);
        log.record(ctx.pathParam("id"), purpose, route, p == null ? "anyone (open node)" : p.role() + ":" + p.name(), ctx.ip());
    }
}
