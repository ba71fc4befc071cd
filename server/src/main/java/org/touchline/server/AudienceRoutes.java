package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.store.AudienceStore.DailySize;
import org.touchline.domain.store.AudienceStore.Member;
import org.touchline.node.AccessTokens;
import org.touchline.node.audience.AudienceSchema;
import org.touchline.node.audience.Audiences;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.ANALYST;

/**
 * Audiences (docs/audiences.md): analysts define, change and delete them (each a ledger entry) and see their sizes and
 * size over time; their members are shown to an administrator, and to an analyst only for an audience of at least the
 * minimum count of analytics (a smaller group could point at a person); an agent sees the audiences of the customer in
 * front of them. The evaluator belongs to the node that serves: a cluster node refuses the writes (409), as every node
 * would record the same members again.
 */
final class AudienceRoutes {
    static final Routes<AudienceRoutes> ROUTES = Routes.of(AudienceRoutes.class, r -> {
        r.get("/v1/audiences", AudienceRoutes::list).roles(ANALYST, ADMINISTRATOR);
        r.post("/v1/audiences", AudienceRoutes::define).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/audience-schema", (self, ctx) -> ctx.json(ApiServer.F.objectNode().put("schema", AudienceSchema.describe()))).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/audiences/{name}", (self, ctx) -> ctx.json(self.audiences().status(ctx.pathParam("name")).json())).roles(ANALYST, ADMINISTRATOR);
        r.post("/v1/audiences/{name}", AudienceRoutes::change).roles(ANALYST, ADMINISTRATOR);
        r.post("/v1/audiences/{name}/delete", AudienceRoutes::delete).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/audiences/{name}/members", AudienceRoutes::members).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/audiences/{name}/sizes", AudienceRoutes::sizes).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/customers/{id}/audiences", (self, ctx) -> ctx.json(ApiServer.F.objectNode().set("items",
                Audiences.json(self.audiences().of(ctx.pathParam("id")))))).roles(AGENT, ADMINISTRATOR).purpose("service");
    });

    /** Null on a node that keeps no audiences (a cluster node, a load run). */
    private final Audiences audiences;
    /** The smallest audience whose members an analyst may see: the minimum count of analytics. */
    private final int floor;

    AudienceRoutes(Audiences audiences, int floor) {
        this.audiences = audiences;
        this.floor = floor;
    }

    private Audiences audiences() {
        if (audiences == null) throw new DestinationRoutes.Unavailable("this node keeps no audiences: they are kept by a node serving alone (touchline serve)");
        return audiences;
    }

    private void list(Context ctx) {
        ObjectNode out = ApiServer.F.objectNode();
        ArrayNode items = out.putArray("items");
        for (Audiences.Status s : audiences().list()) items.add(s.json());
        ctx.json(out);
    }

    private void define(Context ctx) throws IOException {
        JsonNode b = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(b, "actor"));
        Audiences.Status s = audiences().define(IdentityJson.optional(b, "name"), IdentityJson.optional(b, "rule"), IdentityJson.optional(b, "description"), actor);
        ctx.status(HttpStatus.CREATED).json(s.json());
    }

    private void change(Context ctx) throws IOException {
        JsonNode b = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, IdentityJson.optional(b, "actor"));
        ctx.json(audiences().change(ctx.pathParam("name"), IdentityJson.optional(b, "rule"), IdentityJson.optional(b, "description"), actor).json());
    }

    private void delete(Context ctx) throws IOException {
        JsonNode b = ctx.body().isBlank() ? ApiServer.F.objectNode() : IdentityJson.body(ctx.body());
        audiences().delete(ctx.pathParam("name"), Access.actor(ctx, IdentityJson.optional(b, "actor")));
        ctx.json(ApiServer.F.objectNode().put("name", ctx.pathParam("name")).put("deleted", true));
    }

    private void members(Context ctx) {
        String name = ctx.pathParam("name");
        Audiences.Status s = audiences().status(name);
        AccessTokens.Principal p = Access.principal(ctx);
        boolean administrator = p != null && ADMINISTRATOR.equals(p.role());
        if (!administrator && s.size() < floor)
            throw new Access.Refused(HttpStatus.FORBIDDEN, "audience '" + name + "' has " + s.size() + " members, fewer than the minimum count of "
                    + floor + ": its members are shown to an analyst only from " + floor + " on (a smaller group could point at a person)");
        int limit = Params.pageLimit(ctx, 100, 1000);
        List<Member> page = audiences().members(name, ctx.queryParam("after"), limit);
        ObjectNode out = ApiServer.F.objectNode().put("audience", name).put("size", s.size());
        ArrayNode items = out.putArray("items");
        for (Member m : page) items.addObject().put("customer", m.customer()).put("since", m.since().toString());
        if (page.size() == limit) out.put("next", page.get(page.size() - 1).customer());
        ctx.json(out);
    }

    private void sizes(Context ctx) {
        String name = ctx.pathParam("name");
        LocalDate to = date(ctx, "to", audiences().today());
        LocalDate from = date(ctx, "from", to.minusDays(29));
        ObjectNode out = ApiServer.F.objectNode().put("audience", name);
        ArrayNode items = out.putArray("items");
        for (DailySize d : audiences().sizes(name, from, to))
            items.addObject().put("day", d.day().toString()).put("size", d.size()).put("entered", d.entered()).put("left", d.left());
        ctx.json(out);
    }

    private static LocalDate date(Context ctx, String name, LocalDate byDefault) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return byDefault;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date (YYYY-MM-DD), got '" + v + "'");
        }
    }
}
