package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.destinations.Destinations;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.DestinationStore.Delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;

/**
 * Outbound destinations (docs/destinations.md): webhooks and Kafka topics subscribed to kinds of ledger entry, made,
 * listed, paused, resumed, deleted and replayed by an administrator. They are this node's own settings, not ledger
 * entries: a cluster node refuses them (the default for a write), since each node would deliver them again.
 */
final class DestinationRoutes {
    static final Routes<DestinationRoutes> ROUTES = Routes.of(DestinationRoutes.class, r -> {
        r.get("/v1/destinations", DestinationRoutes::list).roles(ADMINISTRATOR);
        r.post("/v1/destinations", DestinationRoutes::create).roles(ADMINISTRATOR);
        r.get("/v1/destinations/{id}", (self, ctx) -> ctx.json(status(self.destinations().status(ctx.pathParam("id"))))).roles(ADMINISTRATOR);
        r.post("/v1/destinations/{id}/{change}", DestinationRoutes::change).roles(ADMINISTRATOR);
        r.get("/v1/destinations/{id}/dead-letters", DestinationRoutes::dead).roles(ADMINISTRATOR);
    });

    /** Null on a node that keeps no destinations (a cluster node, a load run). */
    private final Destinations destinations;

    DestinationRoutes(Destinations destinations) { this.destinations = destinations; }

    private Destinations destinations() {
        if (destinations == null) throw new Unavailable("this node delivers to no destinations: they are kept by a node serving alone (touchline serve)");
        return destinations;
    }

    /** Answered with 503 and its reason. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) { super(message); }
    }

    private void list(Context ctx) {
        ObjectNode out = ApiServer.F.objectNode();
        ArrayNode items = out.putArray("items");
        for (Destinations.Status s : destinations().list()) items.add(status(s));
        ctx.json(out);
    }

    private void create(Context ctx) throws IOException {
        JsonNode b = body(ctx);
        List<String> kinds = new ArrayList<>();
        if (!b.path("kinds").isArray()) throw new IllegalArgumentException("kinds: a list of entry kinds, some of " + Destinations.kinds());
        b.get("kinds").forEach(k -> kinds.add(k.asText()));
        Destinations.Created made = destinations().create(new Destinations.NewSubscription(text(b, "name"), text(b, "url"), text(b, "kafka"),
                kinds, text(b, "purpose"), b.hasNonNull("from") ? b.get("from").asLong() : null));
        ObjectNode out = status(made.status());
        if (made.secret() != null) out.put("secret", made.secret());
        ctx.status(HttpStatus.CREATED).json(out);
    }

    private void change(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        switch (ctx.pathParam("change")) {
            case "pause" -> ctx.json(status(destinations().pause(id)));
            case "resume" -> ctx.json(status(destinations().resume(id)));
            case "delete" -> {
                destinations().delete(id);
                ctx.json(ApiServer.F.objectNode().put("id", id).put("deleted", true));
            }
            case "replay" -> {
                // {"deadLetters": true}: send the dead deliveries again; {"from": INDEX}: every entry from INDEX on.
                JsonNode b = body(ctx);
                boolean dead = b.path("deadLetters").asBoolean(false);
                if (dead == b.hasNonNull("from")) throw new IllegalArgumentException("replay: give either \"deadLetters\": true or \"from\": an entry index");
                if (dead) {
                    int n = destinations().replayDead(id);
                    ctx.json(status(destinations().status(id)).put("replayed", n));
                } else {
                    if (!b.get("from").canConvertToLong()) throw new IllegalArgumentException("from: an entry index, got " + b.get("from"));
                    ctx.json(status(destinations().replayFrom(id, b.get("from").asLong())));
                }
            }
            default -> throw new IllegalArgumentException("'" + ctx.pathParam("change") + "' is not a change of a destination: pause, resume, delete or replay");
        }
    }

    private void dead(Context ctx) {
        long after = Params.rangeParam(ctx, "after", -1, -1, Long.MAX_VALUE);
        int limit = Params.pageLimit(ctx, 100, 1000);
        ObjectNode out = ApiServer.F.objectNode();
        ArrayNode items = out.putArray("items");
        for (Delivery d : destinations().dead(ctx.pathParam("id"), after, limit))
            items.add(ApiServer.F.objectNode().put("index", d.index()).put("attempts", d.attempts()).put("enqueuedAt", d.enqueuedAt().toString())
                    .put("lastAttemptAt", d.nextAt().toString()).put("lastError", d.lastError()));
        ctx.json(out);
    }

    private static ObjectNode status(Destinations.Status s) { return s.json(); }

    private static JsonNode body(Context ctx) throws IOException {
        JsonNode b = ctx.body().isBlank() ? ApiServer.F.objectNode() : InteractionJson.MAPPER.readTree(ctx.body());
        if (b == null || !b.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
        return b;
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": text, got " + v);
        return v.asText();
    }
}
