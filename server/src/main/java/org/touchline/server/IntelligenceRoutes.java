package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Moment;
import org.touchline.domain.Progress;
import org.touchline.intelligence.nba.Uplift;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.intelligence.propensity.ModelVersion;
import org.touchline.intelligence.propensity.Score;
import org.touchline.intelligence.sentiment.Sentiment;
import org.touchline.intelligence.sentiment.SentimentReading;
import org.touchline.node.Node;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AGENT;
import static org.touchline.server.AccessPolicy.ANALYST;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * Customer intelligence over HTTP (docs/intelligence.md): a customer's features, propensities and next best action (recorded on
 * the ledger when the agent acts on it, with the customer's answer), the sentiment of any text, and the models with
 * their evaluations. Consent is checked by the node: a customer who does not allow personalisation gets no scores, and
 * asking for their features is answered 403.
 */
final class IntelligenceRoutes {
    static final Routes<IntelligenceRoutes> ROUTES = Routes.of(IntelligenceRoutes.class, r -> {
        r.get("/v1/customers/{id}/features", (self, ctx) -> ctx.json(self.node.intelligence().features(ctx.pathParam("id"), at(ctx))))
                .roles(AGENT, ADMINISTRATOR).purpose("personalisation");
        r.get("/v1/customers/{id}/propensities", IntelligenceRoutes::propensities).roles(AGENT, ADMINISTRATOR).purpose("personalisation");
        r.get("/v1/customers/{id}/next-best-action", IntelligenceRoutes::nextBestAction).roles(AGENT, ADMINISTRATOR).purpose("personalisation");
        r.post("/v1/customers/{id}/next-best-action", IntelligenceRoutes::actOnNextBestAction).roles(AGENT, ADMINISTRATOR);
        r.post("/v1/recommendations/{entry}/outcome", IntelligenceRoutes::outcome).roles(AGENT, ADMINISTRATOR);
        r.get("/v1/next-best-actions/uplift", (self, ctx) -> ctx.json(self.uplift())).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/tasks", IntelligenceRoutes::tasks).roles(AGENT, ADMINISTRATOR);
        r.get("/v1/notifications", IntelligenceRoutes::notifications).roles(ADMINISTRATOR, NODE);
        // Scoring a text appends nothing: a cluster node answers it itself.
        r.post("/v1/sentiment", IntelligenceRoutes::sentiment).roles(AGENT, ANALYST, ADMINISTRATOR).clusterRead();
        r.get("/v1/models", IntelligenceRoutes::models).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/models/{name}", (self, ctx) -> ctx.json(self.model(ctx.pathParam("name")))).roles(ANALYST, ADMINISTRATOR);
        r.post("/v1/models/{name}/train", IntelligenceRoutes::train).roles(ADMINISTRATOR);
        r.get("/v1/models/{name}/monitoring", (self, ctx) -> ctx.json(self.node.intelligence().monitoring(ctx.pathParam("name"), at(ctx))))
                .roles(ANALYST, ADMINISTRATOR);
    });

    private final Node node;

    IntelligenceRoutes(Node node) { this.node = node; }

    private void propensities(Context ctx) {
        ObjectNode out = ApiServer.F.objectNode();
        String c = CustomerRoutes.current(node, ctx);
        out.put("customerId", c).put("at", at(ctx).toString());
        boolean allowed = node.consents().allows(c, "personalisation");
        out.put("personalisation", allowed);
        ObjectNode scores = out.putObject("scores");
        for (Map.Entry<String, Score> e : node.intelligence().propensities(c, at(ctx)).entrySet()) scores.set(e.getKey(), score(e.getValue()));
        if (!allowed) out.put("note", "the customer does not allow personalisation: no model scores them");
        ctx.json(out);
    }

    /** The arbitration's recommendation, and what contracts proposed for the customer in the last 30 days beside it. */
    private void nextBestAction(Context ctx) {
        Instant at = at(ctx);
        ObjectNode out = ApiServer.JSON.valueToTree(node.intelligence().recommend(ctx.pathParam("id"), at));
        ArrayNode proposals = out.putArray("proposedByContracts");
        node.contractActions().proposals(ctx.pathParam("id"), at, Duration.ofDays(30)).forEach(r -> proposals.add(EventJson.row(r)));
        ctx.json(out);
    }

    /** The agent acts on the recommendation: it is decided again now and recorded as it stands. */
    private void actOnNextBestAction(Context ctx) throws IOException {
        JsonNode body = ctx.body().isBlank() ? ApiServer.F.objectNode() : InteractionJson.MAPPER.readTree(ctx.body());
        var r = node.intelligence().recommend(ctx.pathParam("id"), Instant.now());
        if (r.action().equals("do-nothing")) throw new IllegalStateException("the best action now is to do nothing: there is nothing to record");
        String asked = body.path("actor").asText(null);
        long entry = node.intelligence().record(r, Access.principal(ctx) == null ? asked : Access.actor(ctx, asked));
        ctx.status(HttpStatus.CREATED).json(Map.of("entry", entry, "recommendation", r));
    }

    private void outcome(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        long entry = node.intelligence().outcome(Params.longParam(ctx.pathParam("entry"), "entry"),
                IdentityJson.required(body, "outcome"), Access.channel(ctx, body.path("channel").asText(null)));
        ctx.status(HttpStatus.CREATED).json(Map.of("entry", entry));
    }

    private void sentiment(Context ctx) throws IOException {
        JsonNode body = IdentityJson.body(ctx.body());
        String text = IdentityJson.required(body, "text");
        if (text.length() > 10_000) throw new IllegalArgumentException("field 'text': longer than 10,000 characters");
        SentimentReading reading = node.intelligence().sentiment().read(text);
        ObjectNode read = InteractionJson.MAPPER.valueToTree(reading.sentiment());
        ctx.json(read.put("analyzer", reading.analyzer()));
    }

    /** A channel team's queue of tasks contracts opened. */
    private void tasks(Context ctx) {
        String channel = ctx.queryParam("channel");
        if (channel == null || channel.isBlank()) throw new IllegalArgumentException("query parameter 'channel' is required, e.g. call_centre");
        ArrayNode a = ApiServer.F.arrayNode();
        node.contractActions().tasks(channel, date(ctx, "dueFrom", Instant.EPOCH)).forEach(r -> a.add(EventJson.row(r)));
        ctx.json(ApiServer.F.objectNode().put("channel", channel).set("tasks", a));
    }

    /** The outbox of messages contracts asked to send. */
    private void notifications(Context ctx) {
        ArrayNode a = ApiServer.F.arrayNode();
        node.contractActions().notifications(Params.longParam(ctx.queryParamAsClass("after", String.class).getOrDefault("-1"), "after"))
                .forEach(r -> a.add(EventJson.row(r)));
        ctx.json(ApiServer.F.objectNode().set("notifications", a));
    }

    private void models(Context ctx) throws IOException {
        ArrayNode models = ApiServer.F.arrayNode();
        for (String name : List.of("churn", "upsell")) models.add(model(name));
        ctx.json(ApiServer.F.objectNode().set("models", models));
    }

    private ObjectNode model(String name) throws IOException {
        if (!name.equals("churn") && !name.equals("upsell")) throw new NoSuchElementException("no model '" + name + "': churn or upsell");
        ObjectNode m = ApiServer.F.objectNode().put("name", name);
        ArrayNode versions = m.putArray("versions");
        var shelved = node.intelligence().shelf().versions(name);
        shelved.forEach(v -> versions.add(v.version()));
        if (shelved.isEmpty()) {
            m.put("note", "no " + name + " model yet: train one with `touchline intelligence train " + name + "` or POST /v1/models/" + name + "/train");
            return m;
        }
        ModelVersion latest = shelved.get(shelved.size() - 1);
        var e = node.intelligence().evaluationOf(latest);
        if (e.isPresent()) m.set("latest", InteractionJson.MAPPER.readTree(e.get()));
        else m.set("latest", InteractionJson.MAPPER.valueToTree(Map.of("card", node.intelligence().shelf().get(latest).card().model().toString())));
        return m;
    }

    private void train(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        String alg = ctx.queryParamAsClass("algorithm", String.class).getOrDefault("logistic").toLowerCase(Locale.ROOT);
        Algorithm algorithm = switch (alg) {
            case "logistic" -> Algorithm.LOGISTIC;
            case "boosting", "gradient_boosting" -> Algorithm.GRADIENT_BOOSTING;
            default -> throw new IllegalArgumentException("algorithm must be logistic or boosting, got '" + alg + "'");
        };
        Instant to = date(ctx, "to", Instant.now()), from = date(ctx, "from", to.minus(Duration.ofDays(540)));
        var t = node.intelligence().train(name, algorithm, from, to, Progress.NONE);
        ctx.status(HttpStatus.CREATED).json(t);
    }

    /** Each action's measured uplift per segment with its 95 % interval, and how the arbitration uses it. */
    private ObjectNode uplift() {
        var catalogue = node.intelligence().catalogue();
        ObjectNode out = ApiServer.F.objectNode().put("catalogue", catalogue.version())
                .put("arbitration", catalogue.uplift().arbitration().name().toLowerCase(Locale.ROOT)).put("minOutcomes", catalogue.uplift().minOutcomes());
        ArrayNode rows = out.putArray("uplift");
        for (Uplift u : node.intelligence().uplift()) {
            ObjectNode r = rows.addObject().put("action", u.action()).put("segment", u.segment()).put("holdoutShare", catalogue.holdoutShare(u.action()))
                    .put("offered", u.offered()).put("offeredAccepted", u.offeredAccepted()).put("heldOut", u.heldOut()).put("heldOutAccepted", u.heldOutAccepted())
                    .put("measured", u.measured(catalogue.uplift().minOutcomes()));
            // An empty group has no rate: null, never NaN (which is not JSON).
            for (var f : Map.<String, Double>of("offeredRate", u.offeredRate(), "heldOutRate", u.heldOutRate(), "uplift", u.uplift(), "low", u.low(), "high", u.high()).entrySet())
                if (Double.isNaN(f.getValue())) r.putNull(f.getKey()); else r.put(f.getKey(), f.getValue());
        }
        return out;
    }

    private static ObjectNode score(Score s) {
        ObjectNode o = ApiServer.F.objectNode().put("probability", s.probability()).put("model", s.model().toString());
        ArrayNode top = o.putArray("drivers");
        s.top().forEach(c -> top.addObject().put("feature", c.feature()).put("value", c.value()).put("logOdds", c.logOdds()));
        return o;
    }

    private static Instant at(Context ctx) { return date(ctx, "at", Instant.now()); }

    private static Instant date(Context ctx, String name, Instant otherwise) {
        return Moment.parse("query parameter '" + name + "'", ctx.queryParam(name), otherwise);
    }

    /** A timeline item's sentiment as the console shows it: label, score to three places, drivers, analyzer. */
    static ObjectNode sentiment(SentimentReading reading) {
        Sentiment s = reading.sentiment();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", s.label().name().toLowerCase(Locale.ROOT));
        m.put("score", Math.round(s.score() * 1000) / 1000.0);
        m.put("drivers", s.drivers());
        m.put("analyzer", reading.analyzer());
        return InteractionJson.MAPPER.valueToTree(m);
    }
}
