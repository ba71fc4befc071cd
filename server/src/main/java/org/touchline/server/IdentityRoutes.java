package org.touchline.server;

import org.touchline.node.command.Write;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;

/**
 * Who a customer is and why: the identifiers and merges that make the customer, with their evidence; a merge undone;
 * the relationships between customers (households, employers); and the review queue of the matches identity
 * resolution was not sure of. Every change is a ledger entry naming its actor, ordered through a cluster's topic.
 */
final class IdentityRoutes {
    static final Routes<IdentityRoutes> ROUTES = Routes.of(IdentityRoutes.class, r -> {
        r.get("/v1/customers/{id}/identity", IdentityRoutes::identity).roles(AGENT, ADMINISTRATOR).purpose("service");
        r.post("/v1/customers/{id}/unmerge", IdentityRoutes::unmerge).roles(AGENT, ADMINISTRATOR).clusterOrdered();
        r.get("/v1/customers/{id}/relationships", IdentityRoutes::relationships).roles(AGENT, ADMINISTRATOR).purpose("service");
        r.post("/v1/relationships", IdentityRoutes::relate).roles(AGENT, ADMINISTRATOR).clusterOrdered();
        r.post("/v1/relationships/{entry}/end", IdentityRoutes::endRelationship).roles(AGENT, ADMINISTRATOR).clusterOrdered();
        r.get("/v1/identity/reviews", IdentityRoutes::reviews).roles(AGENT, ADMINISTRATOR);
        r.post("/v1/identity/reviews/{entry}/accept", (self, ctx) -> self.answerReview(ctx, true)).roles(AGENT, ADMINISTRATOR).clusterOrdered();
        r.post("/v1/identity/reviews/{entry}/reject", (self, ctx) -> self.answerReview(ctx, false)).roles(AGENT, ADMINISTRATOR).clusterOrdered();
    });

    private final Node node;
    private final Writes writes;

    IdentityRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    /** Why each identifier and each merged customer belongs to this customer. */
    private void identity(Context ctx) {
        String asked = ctx.pathParam("id");
        var current = node.customers().current(asked);
        var explanation = current.flatMap(c -> node.customers().explain(c));
        if (explanation.isEmpty()) {
            ErrorAnswers.write(ctx, HttpStatus.NOT_FOUND, "no customer " + asked);
            return;
        }
        var e = explanation.get();
        ObjectNode out = ApiServer.F.objectNode().put("customerId", e.customerId()).put("createdAt", e.createdAt());
        if (!asked.equals(e.customerId())) out.put("mergedFrom", asked);
        ArrayNode ids = out.putArray("identifiers");
        for (var i : e.identifiers())
            ids.addObject().put("type", i.type()).put("value", i.value()).put("linkedAt", i.atIndex())
                    .put("source", i.source()).put("sourceRecordId", i.sourceRecordId()).put("rule", i.rule());
        ArrayNode merges = out.putArray("merges");
        for (var m : e.merges()) {
            ObjectNode n = merges.addObject().put("absorbed", m.absorbed()).put("at", m.atIndex())
                    .put("source", m.source()).put("sourceRecordId", m.sourceRecordId());
            m.sharedIdentifiers().forEach(n.putArray("evidence")::add);
        }
        ArrayNode decisions = out.putArray("decisions");
        node.customers().decisions(e.customerId()).forEach(r -> decisions.add(IdentityJson.row(r)));
        ArrayNode relationships = out.putArray("relationships");
        node.customers().relationships(e.customerId()).forEach(r -> relationships.add(IdentityJson.relationship(r)));
        ctx.json(out);
    }

    private void unmerge(Context ctx) throws IOException {
        String asked = ctx.pathParam("id");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(body, "actor"));
        List<String> ids = new ArrayList<>();
        body.path("identifiers").forEach(i -> ids.add(Identifier.parse(i.asText()).toString()));
        long index = writes.append(Write.of(Write.UNMERGE, "customer", asked, "absorbed", IdentityJson.optional(body, "absorbed"),
                "identifiers", ids.isEmpty() ? null : String.join("\n", ids), "actor", actor, "reason", IdentityJson.optional(body, "reason")));
        var d = IdentityDecision.parse(node.ledger().leaf(index));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index).put("customerId", d.customerId())
                .put("splitOff", d.otherCustomerId()).put("identifiersMoved", d.identifierKeys().size()));
    }

    private void relationships(Context ctx) {
        String c = CustomerRoutes.current(node, ctx);
        ObjectNode out = ApiServer.F.objectNode().put("customerId", c);
        ArrayNode a = out.putArray("relationships");
        node.customers().relationships(c).forEach(r -> a.add(IdentityJson.relationship(r)));
        ctx.json(out);
    }

    private void relate(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        long index = writes.append(Write.of(Write.RELATIONSHIP, "type", IdentityJson.required(body, "type"), "from", IdentityJson.required(body, "from"),
                "to", IdentityJson.required(body, "to"), "validFrom", text(IdentityJson.optionalDate(body, "validFrom")),
                "validTo", text(IdentityJson.optionalDate(body, "validTo")), "actor", Access.actor(ctx, IdentityJson.optional(body, "actor"))));
        ctx.status(HttpStatus.CREATED).json(IdentityJson.relationship(node.projections().relationship(index).orElseThrow()));
    }

    private void endRelationship(Context ctx) throws IOException {
        long entry = Params.longParam(ctx.pathParam("entry"), "entry");
        var body = IdentityJson.body(ctx.body());
        long index = writes.append(Write.of(Write.RELATIONSHIP_END, "entry", Long.toString(entry), "validTo", text(IdentityJson.optionalDate(body, "validTo")),
                "actor", Access.actor(ctx, IdentityJson.optional(body, "actor"))));
        ctx.status(HttpStatus.CREATED).json(IdentityJson.relationship(node.projections().relationship(entry).orElseThrow()).put("endedBy", index));
    }

    private void reviews(Context ctx) {
        String status = ctx.queryParamAsClass("status", String.class).getOrDefault("open");
        long after = Params.rangeParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Params.pageLimit(ctx, 100, 1000);
        ObjectNode out = ApiServer.F.objectNode().put("status", status);
        ArrayNode items = out.putArray("items");
        for (var row : node.projections().reviews(status, after, limit)) items.add(IdentityJson.row(row));
        ctx.json(out);
    }

    private void answerReview(Context ctx, boolean accept) throws IOException {
        long entry = Params.longParam(ctx.pathParam("entry"), "entry");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(body, "actor"));
        long index = writes.append(Write.of(Write.REVIEW, "entry", Long.toString(entry), "decision", accept ? "accept" : "reject", "actor", actor,
                "reason", IdentityJson.optional(body, "reason")));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index).put("review", entry).put("status", accept ? "accepted" : "rejected"));
    }

    private static String text(LocalDate date) { return date == null ? null : date.toString(); }
}
