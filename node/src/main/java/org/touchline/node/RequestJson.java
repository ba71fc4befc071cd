package org.touchline.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;

/**
 * Data-subject requests as JSON (docs/api.md, "Request" and "RequestProof"): what the API answers and the command
 * line prints, whether it asked a serving node or read the store itself.
 */
public final class RequestJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RequestJson() {}

    /** A list of requests and how many of them are overdue. */
    public static ObjectNode list(List<Requests.Request> requests) {
        ObjectNode out = F.objectNode().put("overdue", requests.stream().filter(Requests.Request::overdue).count());
        ArrayNode a = out.putArray("requests");
        requests.forEach(r -> a.add(request(r)));
        return out;
    }

    public static ObjectNode request(Requests.Request r) {
        ObjectNode o = F.objectNode().put("entry", r.entry()).put("type", r.type()).put("customerId", r.customer())
                .put("channel", r.channel()).put("status", r.status()).put("receivedAt", r.receivedAt().toString())
                .put("dueAt", r.dueAt().toString()).put("overdue", r.overdue());
        if (!r.steps().isEmpty()) {
            ArrayNode steps = o.putArray("steps");
            for (Requests.Step s : r.steps()) {
                ObjectNode step = steps.addObject();
                s.fields().forEach(step::put);
                step.put("entry", s.entry()).put("step", s.step()).put("at", s.at().toString());
            }
        }
        return o;
    }

    public static ObjectNode proof(Requests.Proof p) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode o = F.objectNode().put("request", p.request()).put("outcome", p.outcome()).put("treeSize", p.treeSize())
                .put("checkpoint", p.checkpoint());
        ArrayNode entries = o.putArray("entries");
        for (Requests.Proven e : p.entries())
            entries.addObject().put("index", e.index()).put("leaf", b64.encodeToString(e.leaf())).put("receipt", e.receipt());
        return o;
    }
}
