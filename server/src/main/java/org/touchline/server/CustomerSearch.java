package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.Identifier;
import org.touchline.node.CustomerFinder;
import org.touchline.node.Node;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;

/**
 * Finding a customer: {@code GET /v1/customers?identifier=type:value} names the one customer an identifier belongs to;
 * {@code ?q=} is the agent console's search, which the node's {@link CustomerFinder} answers (what free text may name,
 * and in which order); this class parses the query and renders the page.
 */
final class CustomerSearch {
    static final int DEFAULT_PAGE = 20, MAX_PAGE = 100;
    static final Routes<CustomerSearch> ROUTES = Routes.of(CustomerSearch.class, r -> r.get("/v1/customers", CustomerSearch::find).roles(AGENT, ADMINISTRATOR));
    private final Node node;

    CustomerSearch(Node node) { this.node = node; }

    private void find(Context ctx) {
        if (ctx.queryParam("q") != null) {
            search(ctx, ctx.queryParam("q"));
            return;
        }
        String identifier = ctx.queryParam("identifier");
        if (identifier == null) throw new IllegalArgumentException("give ?identifier=type:value, e.g. ?identifier=email:a@b.c, or ?q= with any identifier, name or account");
        Identifier id = Identifier.parse(identifier);
        var customer = node.customers().findByIdentifier(id);
        if (customer.isEmpty()) {
            ErrorAnswers.write(ctx, HttpStatus.NOT_FOUND, "no customer has the identifier " + id);
            return;
        }
        String c = customer.get();
        ctx.json(ApiServer.F.objectNode().put("customerId", c).put("timeline", "/v1/customers/" + c + "/timeline")
                .put("interactions", node.projections().timelineCount(c)));
    }

    private void search(Context ctx, String text) {
        String q = text.strip();
        if (q.isEmpty()) throw new IllegalArgumentException("query parameter 'q' is empty: type an email, phone, account number, name or customer id");
        if (q.length() > 512) throw new IllegalArgumentException("query parameter 'q' is longer than 512 characters");
        int limit = Params.pageLimit(ctx, DEFAULT_PAGE, MAX_PAGE);
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && (cursor.isBlank() || cursor.length() > 64))
            throw new IllegalArgumentException("'cursor' is not one this search gave: use the 'next' link of the page before");
        CustomerFinder.Page page = node.customerFinder().find(q, cursor, limit);
        ObjectNode out = ApiServer.F.objectNode().put("query", q);
        out.put("total", page.total());
        ArrayNode results = out.putArray("results");
        for (CustomerFinder.Found found : page.results()) {
            ArrayNode by = ApiServer.F.arrayNode();
            for (CustomerFinder.Match m : found.matchedBy())
                by.addObject().put("type", m.type()).put("value", m.value()).put("strong", m.strong()).put("why", m.why());
            results.addObject().put("customerId", found.customerId()).put("interactions", found.interactions())
                    .put("timeline", "/v1/customers/" + found.customerId() + "/timeline").set("matchedBy", by);
        }
        out.put("next", page.next() == null ? null : "/v1/customers?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&limit=" + limit + "&cursor=" + page.next());
        ctx.json(out);
    }
}
