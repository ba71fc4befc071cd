package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;

import java.io.IOException;
import java.util.NoSuchElementException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;

/**
 * Access tokens granted and revoked by an administrator while the node serves, the API twin of {@code touchline access}.
 * A granted token is in the answer once; only its SHA-256 is kept. Only an administrator's token reaches these routes,
 * on an open node too ({@link Access}): the first administrator token is made on the node's machine, by the CLI.
 */
final class AccessTokenRoutes {
    static final Routes<AccessTokenRoutes> ROUTES = Routes.of(AccessTokenRoutes.class, r -> {
        r.get("/v1/access-tokens", AccessTokenRoutes::list).roles(ADMINISTRATOR, AUDITOR);
        r.post("/v1/access-tokens", AccessTokenRoutes::grant).roles(ADMINISTRATOR);
        r.post("/v1/access-tokens/{id}/revoke", AccessTokenRoutes::revoke).roles(ADMINISTRATOR);
    });

    private final Node node;
    private final AccessTokens tokens;

    AccessTokenRoutes(Node node, AccessTokens tokens) {
        this.node = node;
        this.tokens = tokens;
    }

    private void list(Context ctx) {
        ArrayNode a = ApiServer.F.arrayNode();
        for (AccessTokens.Principal p : tokens.list()) a.add(json(p));
        ctx.json(ApiServer.F.objectNode().set("tokens", a));
    }

    private void grant(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        String role = IdentityJson.required(body, "role"), name = IdentityJson.required(body, "name");
        String channel = body.hasNonNull("channel") ? body.get("channel").asText() : null;
        String customer = body.hasNonNull("customer") ? body.get("customer").asText() : null;
        if (customer != null) {
            String asked = customer;
            // A customer's token names the customer it was granted for, as asked, never the survivor of a merge: each
            // request follows merges from there, so after an unmerge the token reads that customer again, and only them.
            node.customers().current(asked).orElseThrow(() -> new NoSuchElementException("field 'customer': no customer " + asked));
        }
        String token = tokens.grant(role, name, channel, customer);
        AccessTokens.Principal p = tokens.find(token).orElseThrow();
        ObjectNode out = json(p).put("token", token).put("note", "shown once: only its SHA-256 is kept");
        ctx.status(HttpStatus.CREATED).json(out);
    }

    private void revoke(Context ctx) {
        tokens.revoke(ctx.pathParam("id"));
        AccessTokens.Principal p = tokens.list().stream().filter(t -> t.id().equals(ctx.pathParam("id"))).findFirst().orElseThrow();
        ctx.json(json(p));
    }

    private static ObjectNode json(AccessTokens.Principal p) {
        return ApiServer.F.objectNode().put("id", p.id()).put("name", p.name()).put("role", p.role()).put("channel", p.channel())
                .put("customer", p.customer()).put("granted", p.granted().toString()).put("revoked", p.revoked());
    }
}
