package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.Problem;
import org.touchline.node.Outcome;

import java.util.List;

/** What ingestion answered for a record, and for a batch of them, as the API writes it. */
final class OutcomeJson {
    private OutcomeJson() {}

    static ObjectNode outcome(Outcome o) {
        ObjectNode n = ApiServer.F.objectNode().put("status", o.status().name().toLowerCase());
        n.put("record", o.recordRef());
        if (o.status() != Outcome.Status.REJECTED) n.put("index", o.index()).put("id", o.id());
        else n.set("problems", problems(o.problems()));
        return n;
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode a = ApiServer.F.arrayNode();
        for (Problem p : problems) a.addObject().put("record", p.record()).put("field", p.field()).put("reason", p.reason());
        return a;
    }

    /** The body line an outcome answers ("line N" as the NDJSON reader named it: blank lines count, and are skipped). */
    static long lineOf(Outcome o, long fallback) {
        String ref = o.recordRef();
        if (ref != null && ref.startsWith("line ")) {
            try {
                return Long.parseLong(ref.substring("line ".length()));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /**
     * A signed batch's answer, alone or ordered: the counts, and each refused record with its problems (a record naming
     * an erased person is refused when its group is applied, on every node alike). 422 when every record was refused.
     */
    static void signedBatch(Context ctx, ObjectNode out, List<Outcome> outcomes) {
        long accepted = outcomes.stream().filter(x -> x.status() == Outcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(x -> x.status() == Outcome.Status.DUPLICATE).count();
        long rejected = outcomes.size() - accepted - duplicates;
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
        ArrayNode refused = out.putArray("refused");
        for (int k = 0; k < outcomes.size(); k++)
            if (outcomes.get(k).status() == Outcome.Status.REJECTED) refused.add(outcome(outcomes.get(k)).put("line", lineOf(outcomes.get(k), k + 1)));
        if (rejected > 0 && accepted + duplicates == 0) ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        ctx.json(out);
    }

    /** The counts of a batch of events and each one's outcome, in the order they came. */
    static ObjectNode events(List<Outcome> outcomes) {
        ObjectNode out = ApiServer.F.objectNode();
        long accepted = outcomes.stream().filter(o -> o.status() == Outcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == Outcome.Status.DUPLICATE).count();
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", outcomes.size() - accepted - duplicates);
        ArrayNode results = out.putArray("results");
        for (Outcome o : outcomes) results.add(outcome(o));
        return out;
    }

    /** One event's answer: 201 accepted, 200 already in the ledger, 422 refused (and kept as a dead letter). */
    static void event(Context ctx, Outcome o) {
        ctx.status(switch (o.status()) {
            case ACCEPTED -> HttpStatus.CREATED;
            case DUPLICATE -> HttpStatus.OK;
            case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
        }).json(outcome(o));
    }
}
