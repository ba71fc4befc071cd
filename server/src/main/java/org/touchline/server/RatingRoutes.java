package org.touchline.server;

import org.touchline.node.command.Write;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.EventEntry;
import org.touchline.node.Node;

import java.io.IOException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/** How an interaction went, rated 1 to 5 by the customer (their own interactions only) or by staff, and its ratings read back. */
final class RatingRoutes {
    static final Routes<RatingRoutes> ROUTES = Routes.of(RatingRoutes.class, r -> {
        r.post("/v1/ratings", RatingRoutes::rate).roles(CUSTOMER, AGENT, ADMINISTRATOR).clusterOrdered();
        r.get("/v1/interactions/{entry}/ratings", RatingRoutes::ratings).roles(AGENT, ADMINISTRATOR);
    });

    private final Node node;
    private final Writes writes;

    RatingRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    private void rate(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        if (!body.path("entry").canConvertToLong()) throw new IllegalArgumentException("field 'entry' is required: the rated interaction's ledger index");
        if (!body.path("rating").isIntegralNumber()) throw new IllegalArgumentException("field 'rating' is required: a whole number 1 to 5");
        var p = Access.principal(ctx);
        boolean byCustomer = p != null && p.role().equals(CUSTOMER);
        // The rater is the token's principal; a customer's own rating says "customer" (the entry names the customer),
        // and the node refuses a customer's rating of someone else's interaction.
        String rater = p == null ? null : byCustomer ? "customer" : Access.label(p);
        long index = writes.append(Write.of(Write.RATING, "entry", Long.toString(body.get("entry").asLong()), "rating", Integer.toString(body.get("rating").asInt()),
                "customer", byCustomer ? p.customer() : null,
                "comment", IdentityJson.optional(body, "comment"), "channel", Access.channel(ctx, IdentityJson.optional(body, "channel")), "rater", rater));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index));
    }

    private void ratings(Context ctx) {
        long entry = Params.longParam(ctx.pathParam("entry"), "entry");
        ObjectNode out = ApiServer.F.objectNode().put("entry", entry);
        ArrayNode a = out.putArray("ratings");
        node.projections().eventsAbout(entry, EventEntry.RATING).forEach(r -> a.add(EventJson.row(r)));
        ctx.json(out);
    }
}
