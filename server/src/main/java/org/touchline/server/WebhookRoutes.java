package org.touchline.server;

import io.javalin.http.Context;
import org.touchline.ingest.events.EventSources;
import org.touchline.ingest.events.WebhookPayloads;
import org.touchline.node.Node;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Webhooks from help-desk and messaging platforms, {@code POST /v1/webhooks/{source}}: no access token (a platform
 * cannot be given one), but every payload must carry the source's HMAC-SHA256 signature, checked before anything is
 * read; then the source's mapping reads it (docs/events.md).
 */
final class WebhookRoutes {
    static final String PREFIX = "/v1/webhooks/", FORM = "application/x-www-form-urlencoded";
    static final Routes<WebhookRoutes> ROUTES = Routes.of(WebhookRoutes.class, r ->
            r.post("/v1/webhooks/{source}", WebhookRoutes::receive).anyone());

    private final Node node;
    private final EventSources sources;

    WebhookRoutes(Node node, EventSources sources) {
        this.node = node;
        this.sources = sources;
    }

    private void receive(Context ctx) {
        String name = ctx.pathParam("source");
        var source = sources.webhook(name).orElseThrow(() -> new NoSuchElementException("no webhook source '" + name + "' in " + EventSources.FILE));
        var event = WebhookPayloads.receive(source, ctx::header, ctx.contentType(), ctx.bodyAsBytes(), Instant.now());
        OutcomeJson.event(ctx, node.standardEvents().ingest(List.of(event), "webhook:" + name).get(0));
    }
}
