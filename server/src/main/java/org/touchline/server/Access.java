package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;
import org.touchline.node.LocalAdministrator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, and may they: checks the bearer token against the node's access tokens and the route's rule in
 * {@link AccessPolicy} before any handler runs. Closed by default: every API route needs a token, also on a node that has
 * granted none yet (then the answer says how the first administrator token is made, on the node's machine). Only a
 * node started explicitly open ({@code serve --insecure-open}, the demo on loopback) answers without one, and only
 * while no token is granted and no identity provider is configured; even then the token routes need an administrator.
 */
final class Access {
    static final String PRINCIPAL = "touchline.principal";
    /** The route as registered, kept for what runs after the handler (the access log, the request log). */
    static final String ROUTE = "touchline.route";
    private final Node node;
    private final AccessTokens tokens;
    private final Optional<OpenIdTokens> openId;
    private final boolean insecureOpen;
    static final String FIRST_TOKEN = "touchline access grant administrator --name NAME";
    /** What a caller without a token is told: where tokens come from. */
    static final String HOW_TO_GET_A_TOKEN = "this node answers only with an access token (Authorization: Bearer tl_...): ask its "
            + "administrator for one; on the node's machine an administrator token is made with `" + FIRST_TOKEN + "`";

    /** The command line's credential on this machine while the node serves (see {@link LocalAdministrator}). */
    private final LocalAdministrator local;

    Access(Node node, AccessTokens tokens, Optional<OpenIdTokens> openId, boolean insecureOpen, LocalAdministrator local) {
        this.node = node;
        this.local = local;
        this.tokens = tokens;
        this.openId = openId;
        this.insecureOpen = insecureOpen;
    }

    /** Open only when started so explicitly, and then only while no token was granted and no identity provider is configured. */
    boolean open() { return insecureOpen && tokens.open() && openId.isEmpty(); }

    /** Closed and no way in yet: no token granted and no identity provider. */
    boolean awaitingFirstToken() { return !insecureOpen && tokens.open() && openId.isEmpty(); }

    String mode() {
        if (open()) return "insecure-open: started without access control, every route but the token routes answers anyone";
        if (awaitingFirstToken()) return "closed: no access token granted yet (" + FIRST_TOKEN + " on the node's machine)";
        return openId.isPresent() ? "bearer tokens: Touchline's own and the identity provider's (OpenID Connect)" : "bearer tokens";
    }

    void check(Context ctx) {
        if (!AccessPolicy.guards(ctx.path())) return;                 // the pages themselves hold no data
        // HEAD is GET without the body (RFC 9110 §9.3.2): the same rule.
        String method = ctx.method().name().equals("HEAD") ? "GET" : ctx.method().name();
        Set<String> roles = AccessPolicy.rolesFor(method, ctx.endpointHandlerPath());
        if (roles == null) throw new Refused(HttpStatus.FORBIDDEN, "no access rule covers " + ctx.method() + " " + ctx.endpointHandlerPath());
        // Orchestrators' probes carry no token: liveness and readiness answer anyone, and say nothing but up or why not.
        if (roles.contains(AccessPolicy.ANYONE)) return;
        // Nobody mints or lists tokens without being an administrator, open node or not.
        if (open() && !ctx.endpointHandlerPath().startsWith("/v1/access-tokens")) return;
        String header = writeKey(ctx, method, ctx.header("Authorization"));
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"touchline\"");
            throw new Refused(HttpStatus.UNAUTHORIZED, HOW_TO_GET_A_TOKEN);
        }
        AccessTokens.Principal p = principal(header.substring(7).trim(), ctx);
        if (!roles.contains(AccessPolicy.ANY_ROLE) && !roles.contains(p.role()))
            throw new Refused(HttpStatus.FORBIDDEN, "a token of role " + p.role() + " may not call " + ctx.method() + " " + ctx.endpointHandlerPath());
        if (p.role().equals("customer") && ctx.pathParamMap().containsKey("id")) {
            // Customer A can never read customer B by changing an id: both sides follow merges before they are compared.
            String own = node.customers().current(p.customer()).orElse(p.customer());
            String asked = node.customers().current(ctx.pathParam("id")).orElse(ctx.pathParam("id"));
            if (!own.equals(asked)) throw new Refused(HttpStatus.FORBIDDEN, "a customer may only see their own data");
        }
        ctx.attribute(PRINCIPAL, p);
    }

    /**
     * On a route that takes a write key (a Segment library's {@code Authorization: Basic base64(KEY:)}), the key as the
     * bearer token it is; any other header as it is.
     */
    private static String writeKey(Context ctx, String method, String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return header;
        boolean takesKey = RouteTable.find(method, ctx.endpointHandlerPath()).map(Route::writeKey).orElse(false);
        if (!takesKey) return header;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "the Basic credentials are not base64: send the write key as the user name");
        }
        int colon = decoded.indexOf(':');
        return "Bearer " + (colon < 0 ? decoded : decoded.substring(0, colon));
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

    /** The caller, or null on an open node. */
    static AccessTokens.Principal principal(Context ctx) { return ctx.attribute(PRINCIPAL); }

    /** How a principal is named on the entries it causes: role and token name ("agent:agent-7"). */
    static String label(AccessTokens.Principal p) { return p.role() + ":" + p.name(); }

    /**
     * Who did it, for the entry: the token's principal, never a field of the body. A body {@code actor} naming someone
     * else is refused; on an open node (no token) the body's actor is all there is, and it is required.
     */
    static String actor(Context ctx, String bodyActor) {
        AccessTokens.Principal p = principal(ctx);
        if (p == null) {
            if (bodyActor == null || bodyActor.isBlank()) throw new IllegalArgumentException("field 'actor' is required (a string)");
            return bodyActor;
        }
        // The command line beside a serving node (the local credential) records its --actor, exactly as it does when it
        // opens the store itself: whoever can read the data directory could act there directly.
        if (LocalAdministrator.ID.equals(p.id()) && bodyActor != null && !bodyActor.isBlank()) return bodyActor;
        if (bodyActor != null && !bodyActor.equals(p.name()) && !bodyActor.equals(label(p)))
            throw new Refused(HttpStatus.FORBIDDEN, "field 'actor': '" + bodyActor + "' is not this token's principal (" + label(p)
                    + "); leave it out: the token says who acts");
        return label(p);
    }

    /**
     * The channel a write acts on: an agent's token is bound to its channel, so a body naming another channel is
     * refused and a body naming none takes the token's. Other callers name it (or not) in the body.
     */
    static String channel(Context ctx, String bodyChannel) {
        AccessTokens.Principal p = principal(ctx);
        if (p == null || !p.role().equals("agent")) return bodyChannel;
        if (bodyChannel != null && !bodyChannel.equals(p.channel()))
            throw new Refused(HttpStatus.FORBIDDEN, "field 'channel': an agent of " + p.channel() + " may not act for channel '" + bodyChannel + "'");
        return p.channel();
    }

    /** A request refused before it reached its handler. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
