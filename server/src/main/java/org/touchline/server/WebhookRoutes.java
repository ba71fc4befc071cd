package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.events.EventSources;
import org.touchline.ingest.events.WebhookPayloads;
import org.touchline.ingest.events.WebhookSource;
import org.touchline.node.Node;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Webhooks from help-desk and messaging platforms, {@code POST /v1/webhooks/{source}}: no access token (a platform
 * cannot be given one), but every payload must carry the source's HMAC-SHA256 signature, checked before anything is
 * read; then the source's mapping reads it (docs/events.md). A source acknowledged on intake is answered once its mapped
 * event is durably queued ({@link WebhookIntake}); {@code GET /v1/webhooks:intake} says how far the ledger is behind it.
 */
final class WebhookRoutes {
    static final String PREFIX = "/v1/webhooks/", FORM = "application/x-www-form-urlencoded";
    static final Routes<WebhookRoutes> ROUTES = Routes.of(WebhookRoutes.class, r -> {
        r.post("/v1/webhooks/{source}", WebhookRoutes::receive).anyone();
        r.get("/v1/webhooks:intake", WebhookRoutes::intake).roles(AccessPolicy.ADMINISTRATOR, AccessPolicy.AUDITOR);
    });

    private final Node node;
    private final EventSources sources;
    /** Null when no source is acknowledged on intake, or on a cluster node (whose writes are ordered by the cluster). */
    private final WebhookIntake intake;

    WebhookRoutes(Node node, EventSources sources, WebhookIntake intake) {
        this.node = node;
        this.sources = sources;
        this.intake = intake;
    }

    private void receive(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("source");
        var source = sources.webhook(name).orElseThrow(() -> new NoSuchElementException("no webhook source '" + name + "' in " + EventSources.FILE));
        var event = WebhookPayloads.receive(source, ctx::header, ctx.contentType(), ctx.bodyAsBytes(), Instant.now());
        if (intake != null && source.acknowledge() == WebhookSource.Acknowledge.INTAKE && event.record() instanceof MappedRecord.Accepted a) {
            long receipt = intake.queue(name, event);
            ctx.status(HttpStatus.ACCEPTED).json(ApiServer.F.objectNode().put("status", "queued").put("receipt", receipt)
                    .put("recordRef", a.recordRef()).put("id", a.interaction().id()));
            return;
        }
        OutcomeJson.event(ctx, node.standardEvents().ingest(List.of(event), "webhook:" + name).get(0));
    }

    private void intake(Context ctx) {
        var n = ApiServer.F.objectNode().put("enabled", intake != null);
        if (intake != null) {
            WebhookIntake.Counts c = intake.counts();
            n.put("waiting", c.waiting()).put("appended", c.appended()).put("duplicates", c.duplicates()).put("refused", c.refused()).put("failures", c.failures());
        }
        ctx.json(n);
    }
}
