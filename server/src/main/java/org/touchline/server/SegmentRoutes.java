package org.touchline.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.touchline.domain.InteractionJson;
import org.touchline.ingest.events.BadEventRequest;
import org.touchline.ingest.events.EventSources;
import org.touchline.ingest.events.ReceivedEvent;
import org.touchline.ingest.events.SegmentMessages;
import org.touchline.node.Node;
import org.touchline.node.Outcome;

import java.time.Instant;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * The Segment HTTP Tracking API's shape under {@code /v1/segment}: a Segment library or a CDP's server-side destination
 * given {@code http://HOST:8080/v1/segment} as its host posts to {@code /v1/segment/v1/track}, {@code .../v1/batch} and
 * so on, with its write key (a Touchline access token) as the HTTP Basic user (docs/events.md).
 */
final class SegmentRoutes {
    static final Routes<SegmentRoutes> ROUTES = Routes.of(SegmentRoutes.class, r ->
            r.post("/v1/segment/v1/{call}", SegmentRoutes::call).roles(NODE, ADMINISTRATOR).writeKey());

    private final Node node;
    private final EventSources sources;

    SegmentRoutes(Node node, EventSources sources) {
        this.node = node;
        this.sources = sources;
    }

    /** One call ({@code identify}, {@code track}, {@code page}, {@code screen}, {@code group}, {@code alias}) or a batch ({@code batch}, {@code import}). */
    private void call(Context ctx) {
        var p = Access.principal(ctx);
        SegmentMessages messages = new SegmentMessages(sources.segmentSource(p == null ? "segment" : p.name()), Instant.now());
        JsonNode body;
        try {
            body = InteractionJson.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadEventRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        String call = ctx.pathParam("call");
        List<ReceivedEvent> events = call.equals("batch") || call.equals("import") ? messages.batch(body) : List.of(messages.call(call, body));
        List<Outcome> outcomes = node.standardEvents().ingest(events, p == null ? "segment" : Access.label(p));
        var out = OutcomeJson.events(outcomes);
        // Segment's own answer is {"success": true}; libraries read only the status, and retry on 5xx and 429 alone.
        ctx.json(out.put("success", out.get("rejected").asLong() == 0));
    }
}
