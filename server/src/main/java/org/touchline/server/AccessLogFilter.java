package org.touchline.server;

import io.javalin.http.Context;
import org.touchline.node.AccessLog;
import org.touchline.node.AccessTokens;

/**
 * The API's side of the node's {@link AccessLog}: after a route that reads a customer's personal data answered, it
 * records who read whose data and for which purpose; the node keeps the lines.
 */
final class AccessLogFilter {
    private final AccessLog log;

    AccessLogFilter(AccessLog log) { this.log = log; }

    /** After a read answered 200: who read whose data, for what. */
    void after(Context ctx) {
        String route = ctx.attribute(Access.ROUTE);   // after the handler Javalin no longer says which route matched
        // The purpose the route declares (Route#purpose): only reads of one customer's data have one.
        String purpose = route == null ? null : RouteTable.find(ctx.method().name(), route).map(Route::purpose).orElse(null);
        if (purpose == null || !ctx.method().name().equals("GET") || ctx.statusCode() != 200) return;
        AccessTokens.Principal p = Access.principal(ctx);
        log.record(ctx.pathParam("id"), purpose, route, p == null ? "anyone (open node)" : p.role() + ":" + p.name(), ctx.ip());
    }
}
