package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.InteractionJson;
import org.touchline.intelligence.sentiment.SentimentReading;
import org.touchline.node.Customers;
import org.touchline.node.Node;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/**
 * A customer's timeline across every channel, a page at a time (interactions, identity decisions and events such as
 * consents, ratings and token movements, in ledger order), and the combined timeline of a household or organisation.
 * A merged-away id answers for the customer it was merged into.
 */
final class CustomerRoutes {
    static final Routes<CustomerRoutes> ROUTES = Routes.of(CustomerRoutes.class, r -> {
        r.get("/v1/customers/{id}/timeline", CustomerRoutes::timeline).roles(AGENT, ADMINISTRATOR, CUSTOMER).purpose("service");
        r.get("/v1/customers/{id}/household", (self, ctx) -> self.group(ctx, Set.of("household"))).roles(AGENT, ADMINISTRATOR).purpose("service");
        r.get("/v1/customers/{id}/organisation", (self, ctx) -> self.group(ctx, Set.of("employee", "parent"))).roles(AGENT, ADMINISTRATOR)
                .purpose("service");
    });

    private final Node node;

    CustomerRoutes(Node node) { this.node = node; }

    /** The customer the path's {@code {id}} names now, following merges; 404 when there is none. */
    static String current(Node node, Context ctx) {
        String asked = ctx.pathParam("id");
        return node.customers().current(asked).orElseThrow(() -> new NoSuchElementException("no customer " + asked));
    }

    private void timeline(Context ctx) {
        String asked = ctx.pathParam("id");
        var current = node.customers().current(asked);
        if (current.isEmpty()) {
            ErrorAnswers.write(ctx, HttpStatus.NOT_FOUND, "no customer " + asked);
            return;
        }
        int limit = Params.pageLimit(ctx, 50, Customers.MAX_PAGE);
        Customers.TimelinePage page = node.customers().timeline(current.get(), ctx.queryParam("cursor"), limit);
        ObjectNode out = ApiServer.F.objectNode().put("customerId", page.customerId());
        if (!asked.equals(page.customerId())) out.put("mergedFrom", asked);
        out.put("total", page.total());
        items(out, page);
        out.put("next", page.next() == null ? null : "/v1/customers/" + page.customerId() + "/timeline?limit=" + limit + "&cursor=" + page.next());
        ctx.json(out);
    }

    /** A household or organisation as one customer entity: its members on a day, and their combined timeline. */
    private void group(Context ctx, Set<String> types) {
        String c = current(node, ctx);
        LocalDate on = ctx.queryParam("on") == null ? LocalDate.now(ZoneOffset.UTC) : IdentityJson.date(ctx.queryParam("on"), "on");
        List<String> members = node.customers().group(c, types, on);
        int limit = Params.pageLimit(ctx, 50, Customers.MAX_PAGE);
        Customers.TimelinePage page = node.customers().timeline(c, members, ctx.queryParam("cursor"), limit);
        ObjectNode out = ApiServer.F.objectNode().put("customerId", c).put("on", on.toString());
        members.forEach(out.putArray("members")::add);
        out.put("total", page.total());
        items(out, page);
        out.put("next", page.next() == null ? null : ctx.path() + "?limit=" + limit + "&cursor=" + page.next());
        ctx.json(out);
    }

    private void items(ObjectNode out, Customers.TimelinePage page) {
        ArrayNode items = out.putArray("items");
        Map<Long, SentimentReading> sentiments = node.intelligence().sentimentOf(page);
        for (Customers.TimelineItem item : page.items()) {
            ObjectNode i;
            if (item.decision() != null) {
                i = ApiServer.F.objectNode().put("kind", "identity");
                i.set("decision", IdentityJson.decision(item.decision()));
            } else if (item.event() != null) {
                i = EventJson.event(item.event(), item.comment());
            } else {
                i = InteractionJson.toJson(item.interaction());
                i.put("kind", "interaction").put("erased", item.erased());
                SentimentReading reading = sentiments.get(item.index());
                if (reading != null) i.set("sentiment", IntelligenceRoutes.sentiment(reading));
            }
            i.put("index", item.index()).put("role", item.role()).put("customerId", item.customerId());
            items.add(i);
        }
    }
}
