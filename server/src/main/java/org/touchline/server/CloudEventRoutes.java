package org.touchline.server;

import io.javalin.http.Context;
import org.touchline.ingest.events.CloudEventMessages;
import org.touchline.ingest.events.EventSources;
import org.touchline.node.Node;
import org.touchline.node.Outcome;

import java.time.Instant;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * CloudEvents 1.0 over HTTP (HTTP Protocol Binding 1.0, §3): one event in structured mode
 * ({@code application/cloudevents+json}) or binary mode ({@code ce-*} headers), or a batch
 * ({@code application/cloudevents-batch+json}); each mapped by the source mapping its type selects (docs/events.md).
 */
final class CloudEventRoutes {
    static final Routes<CloudEventRoutes> ROUTES = Routes.of(CloudEventRoutes.class, r ->
            r.post("/v1/cloudevents", CloudEventRoutes::receive).roles(NODE, ADMINISTRATOR));

    private final Node node;
    private final EventSources sources;

    CloudEventRoutes(Node node, EventSources sources) {
        this.node = node;
        this.sources = sources;
    }

    private void receive(Context ctx) {
        CloudEventMessages events = new CloudEventMessages(sources, Instant.now());
        String submitter = submitter(ctx);
        if (CloudEventMessages.batched(ctx.contentType())) {
            ctx.json(OutcomeJson.events(node.standardEvents().ingest(events.batch(ctx.bodyAsBytes()), submitter)));
            return;
        }
        var event = CloudEventMessages.structured(ctx.contentType()) ? events.structured(ctx.bodyAsBytes()) : events.binary(ctx.headerMap(), ctx.bodyAsBytes());
        List<Outcome> outcomes = node.standardEvents().ingest(List.of(event), submitter);
        OutcomeJson.event(ctx, outcomes.get(0));
    }

    private static String submitter(Context ctx) {
        var p = Access.principal(ctx);
        return p == null ? "cloudevents" : Access.label(p);
    }
}
