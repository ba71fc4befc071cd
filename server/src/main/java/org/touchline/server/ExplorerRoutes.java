package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.node.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;

/**
 * What the ledger explorer needs beyond the ledger routes (docs/pages.md): every signed checkpoint in order, so an
 * auditor sees the tree grow and checks an RFC 9162 consistency proof between any two signed roots; and the entries a
 * contract wrote (its actions and token movements) beside the entries that deployed, paused or retired it.
 */
final class ExplorerRoutes {
    static final int MAX_LIMIT = 10_000;
    static final Routes<ExplorerRoutes> ROUTES = Routes.of(ExplorerRoutes.class, r -> {
        r.get("/v1/ledger/checkpoints", ExplorerRoutes::checkpoints).roles(AUDITOR, ADMINISTRATOR).answersDuringReplay();
        r.get("/v1/contracts/{id}/actions", ExplorerRoutes::actions).roles(ADMINISTRATOR, AUDITOR);
    });
    private final Node node;

    ExplorerRoutes(Node node) { this.node = node; }

    /** Signed checkpoints of size above {@code after}, smallest first, {@code limit} at a time, with the next page's link. */
    private void checkpoints(Context ctx) {
        long after = ctx.queryParam("after") == null ? -1 : Params.longParam(ctx.queryParam("after"), "after");
        int limit = limit(ctx, 1000);
        List<StoredCheckpoint> page = new ArrayList<>(Math.min(limit, 1024));
        boolean more = false;
        for (StoredCheckpoint c : node.ledger().checkpoints()) {
            if (c.size() <= after) continue;
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(c);
        }
        ObjectNode out = ApiServer.F.objectNode();
        ArrayNode a = out.putArray("checkpoints");
        for (StoredCheckpoint c : page)
            a.addObject().put("size", c.size()).put("root", c.note().split("\n", 4)[2]).put("note", c.note());
        out.put("next", more ? "/v1/ledger/checkpoints?after=" + page.get(page.size() - 1).size() + "&limit=" + limit : null);
        ctx.json(out);
    }

    /**
     * The contract's lifecycle entries (deploy, pause, resume, retire) in ledger order, and the entries it wrote, newest
     * first: {@code limit} of them before entry {@code before} (exclusive), with the next page's link.
     */
    private void actions(Context ctx) {
        String id = ctx.pathParam("id");
        int limit = limit(ctx, 100);
        long before = ctx.queryParam("before") == null ? Long.MAX_VALUE : Params.longParam(ctx.queryParam("before"), "before");
        List<ProjectionChanges.EventRow> changes = new ArrayList<>();
        node.projections().allEvents(EventEntry.CONTRACT, r -> { if (id.equals(r.event().field("id"))) changes.add(r); });
        if (changes.isEmpty()) throw new NoSuchElementException("no contract '" + id + "' was ever deployed on this node");
        // A contract's non-token actions are entries of kind action; its awards and expiries are token movements.
        List<ProjectionChanges.EventRow> taken = new ArrayList<>();
        for (String kind : List.of(EventEntry.ACTION, EventEntry.TOKEN))
            node.projections().allEvents(kind, r -> { if (id.equals(r.event().field("contract"))) taken.add(r); });
        taken.sort(Comparator.comparingLong(ProjectionChanges.EventRow::entry).reversed());
        ObjectNode out = ApiServer.F.objectNode().put("contract", id).put("total", taken.size());
        ArrayNode c = out.putArray("changes");
        changes.forEach(r -> c.add(EventJson.row(r)));
        ArrayNode a = out.putArray("actions");
        long last = -1;
        int shown = 0;
        boolean more = false;
        for (ProjectionChanges.EventRow r : taken) {
            if (r.entry() >= before) continue;
            if (shown == limit) {
                more = true;
                break;
            }
            a.add(EventJson.row(r));
            last = r.entry();
            shown++;
        }
        out.put("next", more ? "/v1/contracts/" + id + "/actions?limit=" + limit + "&before=" + last : null);
        ctx.json(out);
    }

    private static int limit(Context ctx, int byDefault) {
        if (ctx.queryParam("limit") == null) return byDefault;
        long limit = Params.longParam(ctx.queryParam("limit"), "limit");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        return (int) limit;
    }
}
