package org.touchline.server;

import org.touchline.node.command.Write;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.Consents;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/**
 * A customer's consent per purpose (service, marketing, personalisation...), each change a ledger entry with the
 * channel it was given in; and who a campaign may reach at a moment: consent to marketing, less contracts' suppressions.
 */
final class ConsentRoutes {
    static final Routes<ConsentRoutes> ROUTES = Routes.of(ConsentRoutes.class, r -> {
        r.get("/v1/customers/{id}/consents", ConsentRoutes::consents).roles(AGENT, ADMINISTRATOR, CUSTOMER).purpose("service");
        r.post("/v1/customers/{id}/consents", ConsentRoutes::consent).roles(AGENT, ADMINISTRATOR, CUSTOMER).clusterOrdered();
        r.get("/v1/campaigns/{name}/audience", ConsentRoutes::audience).roles(ADMINISTRATOR);
    });

    private final Node node;
    private final Writes writes;

    ConsentRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    /** The customer's consent per purpose now, and every consent entry. */
    private void consents(Context ctx) {
        String c = CustomerRoutes.current(node, ctx);
        Consents consents = node.consents();
        ObjectNode out = ApiServer.F.objectNode().put("customerId", c);
        ObjectNode current = out.putObject("current");
        var now = consents.consents(c);
        for (String purpose : Consents.PURPOSES) {
            var row = now.get(purpose);
            ObjectNode p = current.putObject(purpose).put("allowed", Consents.allowedBy(purpose, row));
            if (row != null) p.setAll(EventJson.row(row));
            else p.put("state", purpose.equals("service") ? "not needed" : "never asked");
        }
        ArrayNode history = out.putArray("history");
        consents.consentHistory(c).forEach(r -> history.add(EventJson.row(r)));
        ctx.json(out);
    }

    private void consent(Context ctx) throws IOException {
        String c = CustomerRoutes.current(node, ctx);
        var body = IdentityJson.body(ctx.body());
        String channel = Access.channel(ctx, IdentityJson.optional(body, "channel"));
        if (channel == null || channel.isBlank()) throw new IllegalArgumentException("field 'channel' is required (a string)");
        long index = writes.append(Write.of(Write.CONSENT, "customer", c, "purpose", IdentityJson.required(body, "purpose"),
                "state", IdentityJson.required(body, "state"), "channel", channel, "reason", IdentityJson.optional(body, "reason"),
                "occurredAt", IdentityJson.optional(body, "occurredAt")));
        ctx.status(HttpStatus.CREATED).json(ApiServer.F.objectNode().put("entry", index).put("customerId", c));
    }

    private void audience(Context ctx) {
        String atText = ctx.queryParam("at");
        Instant at;
        try {
            at = atText == null ? Instant.now() : Instant.parse(atText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'at' must be an RFC 3339 time like 2026-11-23T00:00:00Z, got '" + atText + "'");
        }
        List<String> customers = node.campaigns().audience(ctx.pathParam("name"), at);
        ObjectNode out = ApiServer.F.objectNode().put("campaign", ctx.pathParam("name")).put("at", at.toString()).put("count", customers.size());
        customers.forEach(out.putArray("customers")::add);
        ctx.json(out);
    }
}
