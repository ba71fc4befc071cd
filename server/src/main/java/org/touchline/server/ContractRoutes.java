package org.touchline.server;

import org.touchline.node.command.Write;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.Node;

import java.io.IOException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;

/**
 * Contracts (rules that act on the interactions they watch) deployed and changed on the ledger: a deployment carries
 * the signed contract ({@code touchline contracts sign}); a change pauses, resumes or retires a version.
 */
final class ContractRoutes {
    static final Routes<ContractRoutes> ROUTES = Routes.of(ContractRoutes.class, r -> {
        r.get("/v1/contracts", ContractRoutes::list).roles(ADMINISTRATOR, AUDITOR);
        r.post("/v1/contracts", ContractRoutes::deploy).roles(ADMINISTRATOR).clusterOrdered();
        r.post("/v1/contracts/{id}/{version}/{change}", ContractRoutes::change).roles(ADMINISTRATOR).clusterOrdered();
    });

    private final Node node;
    private final Writes writes;

    ContractRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    private void list(Context ctx) {
        ArrayNode a = ApiServer.F.arrayNode();
        for (var d : node.contracts().deployments())
            a.addObject().put("id", d.contract().id()).put("version", d.contract().version()).put("state", d.state().name().toLowerCase())
                    .put("definition", d.contract().sha256());
        ctx.json(ApiServer.F.objectNode().set("contracts", a));
    }

    /** A deployment: {"signed": the signed contract}, the actor a query parameter. */
    private void deploy(Context ctx) throws IOException {
        String actor = Access.actor(ctx, ctx.queryParam("actor"));
        long index = writes.append(Write.of(Write.CONTRACT_DEPLOY, "signed", IdentityJson.required(IdentityJson.body(ctx.body()), "signed"), "actor", actor));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index));
    }

    private void change(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(body, "actor")), id = ctx.pathParam("id");
        long version = Params.longParam(ctx.pathParam("version"), "version");
        long index = writes.append(Write.of(Write.CONTRACT_CHANGE, "id", id, "version", Long.toString(version), "change", ctx.pathParam("change"), "actor", actor));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index));
    }
}
