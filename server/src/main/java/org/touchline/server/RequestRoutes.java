package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.AccessTokens;
import org.touchline.node.Customers;
import org.touchline.node.Node;
import org.touchline.node.RequestEntries;
import org.touchline.node.RequestJson;
import org.touchline.node.Requests;
import org.touchline.node.command.Write;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;
import static org.touchline.server.AccessPolicy.CUSTOMER;

/**
 * Data-subject requests (docs/requests.md; GDPR articles 12 and 15-21): the privacy team files a request received by
 * letter, phone or email, records how the requester was verified, extends, fulfils and closes it, and lists the open
 * ones by due date; a customer files theirs from the portal (verified by that sign-in) and follows them there.
 */
final class RequestRoutes {
    static final Routes<RequestRoutes> ROUTES = Routes.of(RequestRoutes.class, r -> {
        r.get("/v1/requests", RequestRoutes::list).roles(ADMINISTRATOR, AUDITOR);
        r.post("/v1/requests", RequestRoutes::file).roles(ADMINISTRATOR).clusterOrdered();
        r.get("/v1/requests/{entry}", RequestRoutes::one).roles(ADMINISTRATOR, AUDITOR);
        r.get("/v1/requests/{entry}/proof", RequestRoutes::proof).roles(ADMINISTRATOR, AUDITOR);
        r.post("/v1/requests/{entry}/verification", RequestRoutes::verify).roles(ADMINISTRATOR).clusterOrdered();
        r.post("/v1/requests/{entry}/refusal", RequestRoutes::refuse).roles(ADMINISTRATOR).clusterOrdered();
        r.post("/v1/requests/{entry}/extension", RequestRoutes::extend).roles(ADMINISTRATOR).clusterOrdered();
        r.post("/v1/requests/{entry}/fulfilment", RequestRoutes::fulfil).roles(ADMINISTRATOR).clusterOrdered();
        r.post("/v1/requests/{entry}/closure", RequestRoutes::close).roles(ADMINISTRATOR).clusterOrdered();
        r.get("/v1/customers/{id}/requests", RequestRoutes::customersList).roles(ADMINISTRATOR, AUDITOR, CUSTOMER).purpose("transparency");
        r.post("/v1/customers/{id}/requests", RequestRoutes::customersFile).roles(ADMINISTRATOR, CUSTOMER).clusterOrdered();
        r.get("/v1/customers/{id}/requests/{entry}", RequestRoutes::customersOne).roles(ADMINISTRATOR, AUDITOR, CUSTOMER).purpose("transparency");
    });

    private final Node node;
    private final Writes writes;

    RequestRoutes(Node node, Writes writes) {
        this.node = node;
        this.writes = writes;
    }

    private Requests requests() { return node.requests(Clock.systemUTC()); }

    /** Open requests by default, earliest due (so the overdue) first; {@code status} and {@code type} narrow it. */
    private void list(Context ctx) {
        List<String> statuses = new ArrayList<>();
        String s = ctx.queryParam("status");
        if (s != null && !s.isBlank()) statuses.addAll(List.of(s.split(",")));
        int limit = Params.pageLimit(ctx, 100, Customers.MAX_PAGE);
        ctx.json(RequestJson.list(requests().list(statuses, blankToNull(ctx.queryParam("type")), limit)));
    }

    /** A request received outside the portal: for a customer, or from someone known only by the identifiers they gave. */
    private void file(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        List<String> identifiers = new ArrayList<>();
        JsonNode given = body.path("identifiers");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isArray()) throw new IllegalArgumentException("field 'identifiers' must be a list of {\"type\", \"value\"} objects");
            for (JsonNode i : given) identifiers.add(IdentityJson.required(i, "type") + ":" + IdentityJson.required(i, "value"));
        }
        String customer = IdentityJson.optional(body, "customer");
        String channel = IdentityJson.required(body, "channel");
        created(ctx, filing(ctx, body, customer, identifiers.isEmpty() ? null : String.join("\n", identifiers), channel, null));
    }

    /** A customer's own request from the portal (verified by their sign-in), or one the privacy team files for them. */
    private void customersFile(Context ctx) throws IOException {
        String c = CustomerRoutes.current(node, ctx);
        JsonNode body = IdentityJson.body(ctx.body());
        AccessTokens.Principal p = Access.principal(ctx);
        boolean signedIn = p != null && p.role().equals(CUSTOMER);
        if (signedIn && RequestEntries.RECTIFICATION.equals(IdentityJson.optional(body, "type")))
            throw new IllegalArgumentException("a correction is asked of the privacy team, who need to see the evidence: the portal files access, erasure and objection");
        String channel = signedIn ? "portal" : IdentityJson.required(body, "channel");
        created(ctx, filing(ctx, body, c, null, channel, signedIn ? p.customer() : null));
    }

    /** Who recorded it is the token's principal; a customer filing their own is the requester, recorded as signed in. */
    private long filing(Context ctx, JsonNode body, String customer, String identifiers, String channel, String signedIn) {
        List<String> names = new ArrayList<>();
        for (String field : List.of("purposes", "fields")) {
            JsonNode n = body.path(field);
            if (n.isMissingNode() || n.isNull()) continue;
            if (!n.isArray()) throw new IllegalArgumentException("field '" + field + "' must be a list of strings");
            n.forEach(v -> names.add(v.asText()));
        }
        return writes.append(Write.of(Write.REQUEST_FILE, "type", IdentityJson.required(body, "type"), "customer", customer,
                "identifiers", identifiers, "channel", channel, "receivedAt", IdentityJson.optional(body, "receivedAt"),
                "names", names.isEmpty() ? null : String.join(",", names), "signedIn", signedIn,
                "actor", signedIn != null ? null : Access.actor(ctx, IdentityJson.optional(body, "actor"))));
    }

    private void created(Context ctx, long entry) {
        ctx.status(HttpStatus.CREATED).json(json(requests().get(entry)));
    }

    private void one(Context ctx) { ctx.json(json(requests().get(entry(ctx)))); }

    private void proof(Context ctx) { ctx.json(RequestJson.proof(requests().proof(entry(ctx)))); }

    private void verify(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        step(ctx, Write.of(Write.REQUEST_VERIFY, "request", Long.toString(entry(ctx)), "method", IdentityJson.required(body, "method"),
                "agent", Access.actor(ctx, IdentityJson.optional(body, "agent")), "customer", IdentityJson.optional(body, "customer")));
    }

    private void refuse(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        step(ctx, Write.of(Write.REQUEST_REFUSE, "request", Long.toString(entry(ctx)), "reason", IdentityJson.required(body, "reason"),
                "agent", Access.actor(ctx, IdentityJson.optional(body, "agent"))));
    }

    private void extend(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        JsonNode months = body.path("months");
        if (!months.canConvertToInt() || !months.isIntegralNumber()) throw new IllegalArgumentException("field 'months' is required (a whole number: 1 or 2)");
        step(ctx, Write.of(Write.REQUEST_EXTEND, "request", Long.toString(entry(ctx)), "months", Integer.toString(months.asInt()),
                "reason", IdentityJson.required(body, "reason"), "agent", Access.actor(ctx, IdentityJson.optional(body, "agent"))));
    }

    /** Fulfils with the node's own commands; an access request's answer carries the export bundle to hand over. */
    private void fulfil(Context ctx) throws IOException {
        JsonNode body = optionalBody(ctx);
        List<String> corrections = new ArrayList<>();
        JsonNode c = body.path("corrections");
        if (!c.isMissingNode() && !c.isNull()) {
            if (!c.isObject()) throw new IllegalArgumentException("field 'corrections' must be an object of field names to corrected values");
            c.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || e.getValue().asText().contains("\n"))
                    throw new IllegalArgumentException("field 'corrections." + e.getKey() + "' must be a string on one line");
                corrections.add(e.getKey() + "=" + e.getValue().asText());
            });
        }
        long request = entry(ctx);
        long index = writes.append(Write.of(Write.REQUEST_FULFIL, "request", Long.toString(request),
                "agent", Access.actor(ctx, IdentityJson.optional(body, "agent")), "corrections", corrections.isEmpty() ? null : String.join("\n", corrections)));
        Requests.Request r = requests().get(request);
        ObjectNode out = json(r).put("fulfilledAt", index);
        if (r.type().equals(RequestEntries.ACCESS)) {
            out.set("export", node.exportBundle(r.customer()));
            // Handing the customer's data over is a read of it like the export route's, and logged the same way.
            AccessTokens.Principal p = Access.principal(ctx);
            node.accessLog().record(r.customer(), "transparency", "POST /v1/requests/{entry}/fulfilment",
                    p == null ? "anyone (open node)" : Access.label(p), ctx.ip());
        }
        ctx.status(HttpStatus.CREATED).json(out);
    }

    private void close(Context ctx) throws IOException {
        JsonNode body = optionalBody(ctx);
        step(ctx, Write.of(Write.REQUEST_CLOSE, "request", Long.toString(entry(ctx)), "agent", Access.actor(ctx, IdentityJson.optional(body, "agent"))));
    }

    private void step(Context ctx, Write w) {
        writes.append(w);
        created(ctx, entry(ctx));
    }

    private void customersList(Context ctx) {
        ctx.json(RequestJson.list(requests().of(CustomerRoutes.current(node, ctx))));
    }

    /** One of the customer's requests with every step, and its proof once closed; another's is "not found". */
    private void customersOne(Context ctx) {
        String c = CustomerRoutes.current(node, ctx);
        long entry = entry(ctx);
        Requests requests = requests();
        if (!requests.isOf(entry, c)) throw new NoSuchElementException("no request of customer " + c + " filed at entry " + entry);
        Requests.Request r = requests.get(entry);
        ObjectNode out = json(r);
        if (r.status().equals(RequestEntries.CLOSED)) out.set("proof", RequestJson.proof(requests.proof(entry)));
        ctx.json(out);
    }

    /** A body that may be left out: fulfilling an access request or closing one needs nothing more than the token. */
    private static JsonNode optionalBody(Context ctx) throws IOException {
        String text = ctx.body();
        return text == null || text.isBlank() ? ApiServer.F.objectNode() : IdentityJson.body(text);
    }

    private static long entry(Context ctx) { return Params.longParam(ctx.pathParam("entry"), "entry"); }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    private static ObjectNode json(Requests.Request r) { return RequestJson.request(r); }
}
