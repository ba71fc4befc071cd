package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.DeadLetter;
import org.touchline.ingest.MappingException;
import org.touchline.node.Node;
import org.touchline.node.Outcome;

import java.io.IOException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;

/**
 * The records ingestion refused, kept with their problems until someone corrects them: listed a page at a time, and
 * resubmitted as they were (after the mapping was fixed) or corrected.
 */
final class DeadLetterRoutes {
    static final Routes<DeadLetterRoutes> ROUTES = Routes.of(DeadLetterRoutes.class, r -> {
        r.get("/v1/dead-letters", DeadLetterRoutes::list).roles(ADMINISTRATOR, AUDITOR);
        r.post("/v1/dead-letters/{id}/resubmit", DeadLetterRoutes::resubmit).roles(ADMINISTRATOR);
    });

    private final Node node;

    DeadLetterRoutes(Node node) { this.node = node; }

    private void list(Context ctx) {
        String status = ctx.queryParamAsClass("status", String.class).getOrDefault(DeadLetter.OPEN);
        long after = Params.rangeParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Params.pageLimit(ctx, 100, 1000);
        ObjectNode out = ApiServer.F.objectNode().put("status", status).put("count", node.deadLetters().count(status));
        // Records refused past their source's quota of open letters: counted, not kept.
        ObjectNode over = out.putObject("overQuota");
        node.deadLetters().overQuota().forEach(over::put);
        ArrayNode items = out.putArray("items");
        for (DeadLetter d : node.deadLetters().list(status, after, limit)) items.add(json(d));
        ctx.json(out);
    }

    private static ObjectNode json(DeadLetter d) {
        ObjectNode n = ApiServer.F.objectNode().put("id", d.id()).put("receivedAt", d.receivedAt().toString()).put("source", d.source())
                .put("origin", d.origin()).put("record", d.recordRef()).put("raw", d.raw()).put("status", d.status());
        try {
            n.set("problems", InteractionJson.MAPPER.readTree(d.problems()));
        } catch (IOException e) {
            n.put("problems", d.problems());
        }
        return n;
    }

    private void resubmit(Context ctx) throws IOException, MappingException {
        long id = Params.longParam(ctx.pathParam("id"), "id");
        // The corrected record: an Interaction v1 record as JSON, or {"raw": "..."} for a source's own format (a CSV line).
        String corrected = ctx.body().isBlank() ? null : ctx.body();
        if (corrected != null) corrected = rawOf(corrected);
        Outcome o = node.ingestion().resubmit(id, corrected);
        ctx.status(o.status() == Outcome.Status.REJECTED ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK).json(OutcomeJson.outcome(o));
    }

    /** {@code {"raw": TEXT}} gives TEXT; anything else is the corrected record itself (checked as a record, not here). */
    private static String rawOf(String body) {
        try {
            var n = InteractionJson.MAPPER.readTree(body);
            return n != null && n.isObject() && n.size() == 1 && n.path("raw").isTextual() ? n.get("raw").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }
}
