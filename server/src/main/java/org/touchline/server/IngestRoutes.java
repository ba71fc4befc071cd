package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.InteractionJson;
import org.touchline.node.Node;
import org.touchline.node.Outcome;

import java.io.IOException;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * Interactions coming in: one Interaction v1 record, a batch of them as NDJSON, or a channel node's signed batch (the
 * one way records reach a cluster, which orders it through its topic). Every record gets its outcome: accepted with
 * its ledger index, a duplicate of one accepted before, or rejected naming each problem.
 */
final class IngestRoutes {
    static final Routes<IngestRoutes> ROUTES = Routes.of(IngestRoutes.class, r -> {
        r.post("/v1/interactions", IngestRoutes::one).roles(NODE, AGENT, ADMINISTRATOR);
        r.post("/v1/interactions:batch", IngestRoutes::batch).roles(NODE, AGENT, ADMINISTRATOR);
        r.post("/v1/batches", IngestRoutes::signedBatch).roles(NODE, ADMINISTRATOR).clusterOrdered();
    });

    private final Node node;
    private final ClusterRole cluster;

    IngestRoutes(Node node, ClusterRole cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    private void one(Context ctx) {
        Outcome o = node.ingestion().one(ctx.body(), submitter(ctx));
        ctx.status(switch (o.status()) {
            case ACCEPTED -> HttpStatus.CREATED;
            case DUPLICATE -> HttpStatus.OK;
            case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
        }).json(OutcomeJson.outcome(o));
    }

    private void batch(Context ctx) {
        List<Outcome> outcomes = node.ingestion().ndjson(ctx.body(), submitter(ctx));
        ObjectNode out = ApiServer.F.objectNode();
        long accepted = outcomes.stream().filter(o -> o.status() == Outcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == Outcome.Status.DUPLICATE).count();
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", outcomes.size() - accepted - duplicates);
        ArrayNode results = out.putArray("results");
        for (int k = 0; k < outcomes.size(); k++) results.add(OutcomeJson.outcome(outcomes.get(k)).put("line", OutcomeJson.lineOf(outcomes.get(k), k + 1)));
        ctx.json(out);
    }

    /**
     * A channel node's signed batch: refused before anything is appended unless a registered, unrevoked channel key
     * signed exactly these records under a batch id not accepted before.
     */
    private void signedBatch(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        String note = IdentityJson.required(body, "note"), records = IdentityJson.required(body, "records");
        if (cluster != null) {
            ClusterRole.Ordered o = cluster.submit(note, records);
            ObjectNode out = ApiServer.F.objectNode().put("channel", o.channel()).put("batch", o.batchId()).put("offset", o.offset());
            if (o.outcomes() == null) ctx.status(HttpStatus.ACCEPTED).json(out.put("status", "ordered: not yet applied on this node"));
            else OutcomeJson.signedBatch(ctx, out, o.outcomes());
            return;
        }
        var v = node.signedBatches().verify(note, records);
        List<Outcome> outcomes = node.ingestion().ndjson(records, "channel:" + v.channel());
        node.signedBatches().accepted(v);
        OutcomeJson.signedBatch(ctx, ApiServer.F.objectNode().put("channel", v.channel()).put("batch", v.batchId()), outcomes);
    }

    /**
     * An agent records interactions for its own channel, in its own name only: a record of another channel, or naming
     * another agent, is refused before anything of the request is appended. The submitter the batch note names is the
     * token's principal.
     */
    private static String submitter(Context ctx) {
        var p = Access.principal(ctx);
        if (p == null) return "api";
        if (p.role().equals(AGENT)) {
            int line = 0;
            for (String l : ctx.body().split("\n")) {
                line++;
                if (l.isBlank()) continue;
                JsonNode record;
                try {
                    record = InteractionJson.MAPPER.readTree(l);
                } catch (IOException e) {
                    continue;   // not JSON: ingestion names the problem for that line
                }
                String channel = record.path("channel").asText();
                if (!channel.equals(p.channel()))
                    throw new Access.Refused(HttpStatus.FORBIDDEN, "line " + line + ": field 'channel': an agent of " + p.channel()
                            + " may not record interactions of channel '" + channel + "'");
                // The agent who handled it is the token's agent: an agent cannot record in another agent's name.
                if (record.hasNonNull("agentId") && !record.get("agentId").asText().equals(p.name()))
                    throw new Access.Refused(HttpStatus.FORBIDDEN, "line " + line + ": field 'agentId': '" + record.get("agentId").asText()
                            + "' is not this token's agent (" + p.name() + ")");
            }
        }
        return p.role() + ":" + p.name();
    }
}
