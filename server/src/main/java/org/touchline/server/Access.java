package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, and may they (issue 7 item 1): checks the bearer token against the node's access tokens and the
 * route's rule in {@link AccessPolicy} before any handler runs. A node with no token granted is open (the demo, a
 * developer's machine) and says so in {@code /v1/health}.
 */
final class Access {
    static final String PRINCIPAL = "touchline.principal";
    /** The route as registered, kept for what runs after the handler (the access log). */
    static final String ROUTE = "touchline.route";
    private final Node node;
    private final AccessTokens tokens;

    Access(Node node, AccessTokens tokens) {
        this.node = node;
        this.tokens = tokens;
    }

    boolean open() { return tokens.open(); }

    void check(Context ctx) {
        if (!ctx.path().startsWith("/v1/")) return;                 // the pages themselves hold no data
        ctx.attribute(ROUTE, ctx.endpointHandlerPath());
        Set<String> roles = AccessPolicy.rolesFor(ctx.method().name(), ctx.endpointHandlerPath());
        if (roles == null) throw new Refused(HttpStatus.FORBIDDEN, "no access rule covers " + ctx.method() + " " + ctx.endpointHandlerPath());
        if (roles.contains(AccessPolicy.PUBLIC) || tokens.open()) return;
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\"");
            throw new Refused(HttpStatus.UNAUTHORIZED, "this route needs a bearer token (Authorization: Bearer tl_...)");
        }
        Optional<AccessTokens.Principal> who = tokens.find(header.substring(7).trim());
        if (who.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\", error=\"invalid_token\"");
            throw new Refused(HttpStatus.UNAUTHORIZED, "the bearer token is unknown or revoked");
        }
        AccessTokens.Principal p = who.get();
        if (!roles.contains(p.role()))
            throw new Refused(HttpStatus.FORBIDDEN, "a token of role " + p.role() + " may not call " + ctx.method() + " " + ctx.endpointHandlerPath());
        if (p.role().equals("customer") && ctx.pathParamMap().containsKey("id")) {
            // Customer A can never read customer B by changing an id: both sides follow merges before they are compared.
            String own = node.customers().current(p.customer()).orElse(p.customer());
            String asked = node.customers().current(ctx.pathParam("id")).orElse(ctx.pathParam("id"));
            if (!own.equals(asked)) throw new Refused(HttpStatus.FORBIDDEN, "a customer may only see their own data");
        }
        ctx.attribute(PRINCIPAL, p);
    }

    /** The caller, or null on an open node or a public route. */
    static AccessTokens.Principal principal(Context ctx) { return ctx.attribute(PRINCIPAL); }

    /** A request refused before it reached its handler. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
