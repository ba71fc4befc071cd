package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.LocalDate;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;

/**
 * Token expiry by policy while the node serves, the API twin of {@code touchline tokens expire}: every account's
 * tokens minted more than {@code days} days before {@code asOf} and not yet used expire, one entry per account.
 * {@code asOf} is given, never read from the clock, so running it twice for the same day expires nothing more.
 */
final class TokenExpiryRoutes {
    static final Routes<TokenExpiryRoutes> ROUTES = Routes.of(TokenExpiryRoutes.class, r ->
            r.post("/v1/tokens/expiry", TokenExpiryRoutes::expire).roles(ADMINISTRATOR));

    private final Node node;

    TokenExpiryRoutes(Node node) { this.node = node; }

    private void expire(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        LocalDate asOf = IdentityJson.optionalDate(body, "asOf");
        if (asOf == null) throw new IllegalArgumentException("field 'asOf' is required (YYYY-MM-DD)");
        if (!body.path("days").canConvertToInt() || !body.path("days").isIntegralNumber())
            throw new IllegalArgumentException("field 'days' is required (a whole number of days, at least 1)");
        String actor = body.hasNonNull("actor") ? body.get("actor").asText() : null;
        // On an open node with no actor named, the entries name the node itself, as the command line's do.
        var entries = node.tokens().expire(asOf, body.get("days").asInt(),
                Access.principal(ctx) == null && actor == null ? "touchline" : Access.actor(ctx, actor));
        var a = ApiServer.F.arrayNode();
        entries.forEach(a::add);
        ctx.json(ApiServer.F.objectNode().put("asOf", asOf.toString()).put("days", body.get("days").asInt()).set("entries", a));
    }
}
