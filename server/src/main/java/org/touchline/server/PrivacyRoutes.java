package org.touchline.server;

import org.touchline.node.command.Write;
import org.touchline.node.AccessLog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.EventEntry;
import org.touchline.node.Node;

import java.io.IOException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/**
 * A customer's rights over their data (GDPR articles 15, 17 and 20): everything held about them as one file, who read
 * it and for what, and erasure, which forgets every personal part the ledger sealed for them and their access log.
 */
final class PrivacyRoutes {
    static final Routes<PrivacyRoutes> ROUTES = Routes.of(PrivacyRoutes.class, r -> {
        r.get("/v1/customers/{id}/export", PrivacyRoutes::export).roles(ADMINISTRATOR, CUSTOMER).purpose("transparency");
        r.get("/v1/customers/{id}/access-log", PrivacyRoutes::accessLog).roles(ADMINISTRATOR, AUDITOR, CUSTOMER);
        r.post("/v1/customers/{id}/erasure", PrivacyRoutes::erase).roles(ADMINISTRATOR).clusterOrdered();
    });

    private final Node node;
    private final AccessLog log;
    private final Writes writes;

    PrivacyRoutes(Node node, AccessLog log, Writes writes) {
        this.node = node;
        this.log = log;
        this.writes = writes;
    }

    private void export(Context ctx) {
        String c = CustomerRoutes.current(node, ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"touchline-" + c + ".json\"").json(node.exportBundle(c));
    }

    private void accessLog(Context ctx) throws IOException {
        ArrayNode a = ApiServer.F.arrayNode();
        log.of(ctx.pathParam("id")).forEach(a::add);
        ctx.json(ApiServer.F.objectNode().set("reads", a));
    }

    /** The body must name the customer again, so a wrong path cannot erase someone. */
    private void erase(Context ctx) throws IOException {
        String asked = ctx.pathParam("id");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(body, "actor"));
        if (!asked.equals(body.path("confirm").asText()))
            throw new IllegalArgumentException("field 'confirm' must repeat the customer id " + asked + " to erase it");
        long started = System.nanoTime();
        long index = writes.append(Write.of(Write.ERASURE, "customer", asked, "actor", actor));   // forgets the access log too
        var e = EventEntry.parse(node.ledger().leaf(index));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index).put("customers", e.field("customers"))
                .put("personalPartsErased", Long.parseLong(e.field("entries"))).put("millis", (System.nanoTime() - started) / 1_000_000));
    }
}
