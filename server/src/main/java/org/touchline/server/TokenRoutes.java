package org.touchline.server;

import org.touchline.node.command.Write;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.ANALYST;
import static org.touchline.server.AccessPolicy.AUDITOR;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/**
 * The utility token: the benefits a customer may redeem tokens for, a customer's or an agent's balance with every
 * movement (each with its entry, so it can be proved), and a redemption, which is a ledger entry.
 */
final class TokenRoutes {
    static final Routes<TokenRoutes> ROUTES = Routes.of(TokenRoutes.class, r -> {
        r.get("/v1/catalogue", TokenRoutes::catalogue).roles(AGENT, ADMINISTRATOR, CUSTOMER, ANALYST, AUDITOR);
        r.get("/v1/customers/{id}/tokens", TokenRoutes::customerTokens).roles(AGENT, ADMINISTRATOR, CUSTOMER).purpose("service");
        r.post("/v1/customers/{id}/redemptions", TokenRoutes::redeem).roles(AGENT, ADMINISTRATOR, CUSTOMER).clusterOrdered();
        r.get("/v1/agents/{id}/tokens", TokenRoutes::agentTokens).roles(AGENT, ADMINISTRATOR);
    });

    private final Node node;
    private final Writes writes;

    TokenRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    private void catalogue(Context ctx) {
        ArrayNode a = ApiServer.F.objectNode().putArray("benefits");
        node.tokens().catalogue().values().forEach(b -> a.addObject().put("id", b.id()).put("name", b.name()).put("cost", b.cost()));
        ctx.json(ApiServer.F.objectNode().set("benefits", a));
    }

    private void customerTokens(Context ctx) {
        String c = CustomerRoutes.current(node, ctx);
        ctx.json(movements(ApiServer.F.objectNode().put("customerId", c).put("balance", node.tokens().customerBalance(c)), node.tokens().customerHistory(c)));
    }

    private void agentTokens(Context ctx) {
        String agent = ctx.pathParam("id");
        ctx.json(movements(ApiServer.F.objectNode().put("agentId", agent).put("balance", node.tokens().agentBalance(agent)), node.tokens().agentHistory(agent)));
    }

    private void redeem(Context ctx) throws IOException {
        String c = CustomerRoutes.current(node, ctx);
        var body = IdentityJson.body(ctx.body());
        long index = writes.append(Write.of(Write.REDEMPTION, "customer", c, "benefit", IdentityJson.required(body, "benefit"),
                "channel", Access.channel(ctx, IdentityJson.optional(body, "channel"))));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index).put("balance", node.tokens().customerBalance(c)));
    }

    /** Balance and every movement, each with its entry so it can be proved. */
    private static ObjectNode movements(ObjectNode out, List<ProjectionStore.TokenRow> history) {
        ArrayNode a = out.putArray("movements");
        for (var r : history)
            a.addObject().put("entry", r.entry()).put("movement", r.movement()).put("amount", r.amount()).put("remaining", r.remaining())
                    .put("at", Instant.ofEpochMilli(r.atMillis()).toString()).put("proof", "/v1/ledger/proofs/inclusion?index=" + r.entry());
        return out;
    }
}
