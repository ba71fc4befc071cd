package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.store.TimelineRow;
import org.touchline.node.Node;

import java.util.Base64;
import java.util.NoSuchElementException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.ANALYST;
import static org.touchline.server.AccessPolicy.AUDITOR;
import static org.touchline.server.AccessPolicy.CUSTOMER;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * What the customer portal needs beyond the customer routes (docs/pages.md): who the token speaks for, so a personal
 * access link needs only the token (and the agent console learns the agent's channel); and one of the customer's own entries as the leaf bytes the log hashed with its
 * inclusion proof, so the browser checks the record against the signed checkpoint without trusting the server.
 */
final class PortalRoutes {
    static final Routes<PortalRoutes> ROUTES = Routes.of(PortalRoutes.class, r -> {
        r.get("/v1/me", PortalRoutes::me).roles(CUSTOMER, AGENT, ADMINISTRATOR, ANALYST, AUDITOR, NODE);
        r.get("/v1/customers/{id}/entries/{index}", PortalRoutes::entry).roles(CUSTOMER, ADMINISTRATOR, AUDITOR);
    });

    private final Node node;

    PortalRoutes(Node node) { this.node = node; }

    /**
     * Whom the token speaks for: a customer's current id (the portal's sign-in), an agent's channel (the console
     * records interactions for that channel only). On an open node nobody is signed in.
     */
    private void me(Context ctx) {
        var p = Access.principal(ctx);
        if (p == null) throw new Access.Refused(HttpStatus.UNAUTHORIZED, "this node is open: no token was presented, so it speaks for no one");
        ObjectNode out = ApiServer.F.objectNode().put("name", p.name()).put("role", p.role());
        if (p.customer() != null) {
            String c = node.customers().current(p.customer()).orElse(p.customer());
            out.put("customerId", c);
            // The customer's own name, as their records give it, for the portal to greet them with (their data, to them).
            node.customers().explain(c).flatMap(e -> e.identifiers().stream().filter(i -> i.type().equals("name") && i.value() != null).findFirst())
                    .ifPresent(n -> out.put("displayName", n.value()));
        }
        if (p.channel() != null) out.put("channel", p.channel());
        ctx.json(out);
    }

    /**
     * The leaf and its RFC 9162 inclusion proof to the signed tree of {@code treeSize} (default: the latest checkpoint),
     * for an entry on the customer's timeline or among their token movements only: anything else is "not found", so
     * the route says nothing about other customers' entries.
     */
    private void entry(Context ctx) {
        String asked = ctx.pathParam("id");
        String c = node.customers().current(asked).orElseThrow(() -> new NoSuchElementException("no customer " + asked));
        long index = Params.longParam(ctx.pathParam("index"), "index");
        if (!owns(c, index)) throw new NoSuchElementException("entry " + index + " is not one of customer " + c + "'s records");
        long signed = node.reader().signedSize();
        long treeSize = ctx.queryParam("treeSize") == null ? signed : Params.longParam(ctx.queryParam("treeSize"), "treeSize");
        if (index >= signed)
            throw new IllegalStateException("entry " + index + " is not yet covered by a signed checkpoint (signed size " + signed + "); try again shortly");
        var proof = node.reader().inclusion(index, treeSize);
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode out = ApiServer.F.objectNode().put("customerId", c).put("index", index).put("treeSize", proof.treeSize())
                .put("leaf", b64.encodeToString(node.ledger().leaf(index)));
        ArrayNode hashes = out.putArray("proof");
        proof.hashes().forEach(h -> hashes.add(b64.encodeToString(h)));
        ctx.json(out);
    }

    private boolean owns(String customer, long index) {
        for (TimelineRow r : node.projections().timeline(customer, null, null, Integer.MAX_VALUE)) if (r.index() == index) return true;
        return node.tokens().customerHistory(customer).stream().anyMatch(t -> t.entry() == index);
    }

}
