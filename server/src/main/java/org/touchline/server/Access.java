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
    private final java.util.Optional<OpenIdTokens> openId;

    /** The command line's credential on this machine while the node serves (see {@link LocalAdministrator}). */
    private final LocalAdministrator local;

    Access(Node node, AccessTokens tokens, java.util.Optional<OpenIdTokens> openId, LocalAdministrator local) {
        this.node = node;
        this.local = local;
        this.tokens = tokens;
        this.openId = openId;
    }

    /** Open while no token was granted and no identity provider is configured. */
    boolean open() { return tokens.open() && openId.isEmpty(); }

    String mode() {
        if (open()) return "open: no access token granted, every route answers anyone";
        return openId.isPresent() ? "bearer tokens: Touchline's own and the identity provider's (OpenID Connect)" : "bearer tokens";
    }

    void check(Context ctx) {
        if (!ctx.path().startsWith("/v1/")) return;                 // the pages themselves hold no data
        ctx.attribute(ROUTE, ctx.endpointHandlerPath());
        Set<String> roles = AccessPolicy.rolesFor(ctx.method().name(), ctx.endpointHandlerPath());
        if (roles == null) throw new Refused(HttpStatus.FORBIDDEN, "no access rule covers " + ctx.method() + " " + ctx.endpointHandlerPath());
        if (roles.contains(AccessPolicy.PUBLIC) || open()) return;
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\"");
            throw new Refused(HttpStatus.UNAUTHORIZED, "this route needs a bearer token (Authorization: Bearer tl_... or your identity provider's token)");
        }
        AccessTokens.Principal p = principal(header.substring(7).trim(), ctx);
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

    /** A node's own token by its hash, or the identity provider's JWT by its signature and claims. */
    private AccessTokens.Principal principal(String bearer, Context ctx) {
        if (openId.isPresent() && OpenIdTokens.looksLikeJwt(bearer)) {
            try {
                return openId.get().principal(bearer);
            } catch (OpenIdTokens.Rejected e) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\", error=\"invalid_token\"");
                throw new Refused(HttpStatus.UNAUTHORIZED, e.getMessage());
            }
        }
        if (local.accepts(bearer, ctx.ip())) return local.principal();
        Optional<AccessTokens.Principal> who = tokens.find(bearer);
        if (who.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\", error=\"invalid_token\"");
            throw new Refused(HttpStatus.UNAUTHORIZED, "the bearer token is unknown or revoked");
        }
        return who.get();
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
