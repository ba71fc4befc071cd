package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentifierType;
import org.touchline.identity.IdentifierKeys;
import org.touchline.node.Customers;
import org.touchline.node.Node;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;

/**
 * Finding a customer: {@code GET /v1/customers?identifier=type:value} names the one customer an identifier belongs to;
 * {@code ?q=} is the agent console's search. Free text is tried as a Touchline customer id and as every identifier
 * type it could be (an email only with an '@', a phone only when it is mostly digits), each normalised as ingest
 * normalises it; {@code type:value} tries that type alone. Names and postcodes, which many customers share, are looked
 * up in the search index and find every customer holding them, case and spacing folded, a page at a time; every other
 * identifier names one customer. One result per current customer, with every identifier that matched: the customers
 * found by an id or a one-customer identifier first (strong ones first), on the first page; then the holders of the
 * name or postcode in id order.
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
            ApiServer.error(ctx, HttpStatus.NOT_FOUND, "no customer has the identifier " + id);
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
        List<Identifier> candidates = candidates(q);
        List<Identifier> shared = candidates.stream().filter(id -> IdentifierKeys.SEARCHABLE.contains(id.type())).toList();

        // Customers an id or a one-customer identifier names: few, and all on the first page.
        Map<String, ArrayNode> named = new LinkedHashMap<>();
        node.customers().current(q).ifPresent(c -> named.computeIfAbsent(c, k -> ApiServer.F.arrayNode()).addObject()
                .put("type", "touchline").put("value", q).put("strong", true)
                .put("why", c.equals(q) ? "the Touchline customer id" : "a Touchline id merged into this customer"));
        for (Identifier id : candidates) {
            if (shared.contains(id)) continue;
            node.customers().findByIdentifier(id).flatMap(node.customers()::current)
                    .ifPresent(c -> matched(named.computeIfAbsent(c, k -> ApiServer.F.arrayNode()), id));
        }
        Map<String, List<Identifier>> namedHold = node.customers().held(named.keySet(), shared);
        namedHold.forEach((c, ids) -> ids.forEach(id -> matched(named.get(c), id)));

        // Then every holder of the name or postcode, a page at a time, less those already listed.
        Customers.Holders holders = node.customers().holding(shared, cursor, limit);
        ObjectNode out = ApiServer.F.objectNode().put("query", q);
        out.put("total", named.size() + holders.total() - namedHold.size());
        ArrayNode results = out.putArray("results");
        if (cursor == null)
            named.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, ArrayNode> e) -> !e.getValue().get(0).path("strong").asBoolean())
                            .thenComparing(Map.Entry::getKey))
                    .forEach(e -> result(results, e.getKey(), e.getValue()));
        holders.holders().forEach((c, ids) -> {
            if (named.containsKey(c)) return;
            ArrayNode by = ApiServer.F.arrayNode();
            ids.forEach(id -> matched(by, id));
            result(results, c, by);
        });
        out.put("next", holders.next() == null ? null : "/v1/customers?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&limit=" + limit + "&cursor=" + holders.next());
        ctx.json(out);
    }

    private void result(ArrayNode results, String customer, ArrayNode matchedBy) {
        results.addObject().put("customerId", customer).put("interactions", node.projections().timelineCount(customer))
                .put("timeline", "/v1/customers/" + customer + "/timeline").set("matchedBy", matchedBy);
    }

    private static void matched(ArrayNode by, Identifier id) {
        for (var m : by) if (m.path("type").asText().equals(id.type()) && m.path("value").asText().equals(id.value())) return;
        by.addObject().put("type", id.type()).put("value", id.value()).put("strong", id.isStrong())
                .put("why", id.isStrong() ? "strong identifier: it names one customer"
                        : IdentifierKeys.SEARCHABLE.contains(id.type()) ? "a " + id.type().replace('_', ' ') + " this customer has"
                        : "weak evidence linked to this customer");
    }

    /** Every identifier {@code q} could be; {@code type:value} is that type alone. */
    static List<Identifier> candidates(String q) {
        List<Identifier> out = new ArrayList<>();
        int colon = q.indexOf(':');
        if (colon > 0 && IdentifierType.isKnown(q.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
            out.add(Identifier.parse(q));
            return out;
        }
        boolean phoneLike = q.matches("[+()0-9 .\\-]{7,}") && q.replaceAll("[^0-9]", "").length() >= 7;
        List<String> types = new ArrayList<>(IdentifierType.KNOWN);
        types.sort(Comparator.comparing((String t) -> !IdentifierType.isStrong(t)).thenComparing(t -> t));
        for (String type : types) {
            if (type.equals("email") && !q.contains("@")) continue;
            if (type.equals("phone") && !phoneLike) continue;
            try {
                out.add(new Identifier(type, q));
            } catch (IllegalArgumentException e) {
                // not a value this type can hold: nothing to try
            }
        }
        return out;
    }
}
