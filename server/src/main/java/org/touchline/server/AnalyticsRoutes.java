package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Progress;
import org.touchline.intelligence.staffing.ServiceTarget;
import org.touchline.journeys.QueryJson;
import org.touchline.node.Analytics;
import org.touchline.node.Node;
import org.touchline.node.SettingsFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.ANALYST;

/**
 * Journey analytics and contact demand over HTTP (docs/analytics.md): aggregates only. Every answer says which snapshot
 * of the ledger it was computed on; counts below the query's minimum are suppressed by the engine, and no customer id
 * leaves these routes. Queries come as a JSON body (POST) or as query parameters (GET) with the same names.
 */
final class AnalyticsRoutes {
    static final Routes<AnalyticsRoutes> ROUTES = Routes.of(AnalyticsRoutes.class, r -> {
        r.get("/v1/analytics/snapshot", (self, ctx) -> ctx.json(Map.of("snapshot", self.node.analytics().snapshot().describe(),
                "stages", self.node.analytics().stages().rules()))).roles(ANALYST, ADMINISTRATOR);
        // A refresh recomputes this node's snapshot of its own ledger: nothing is appended, so a cluster node does it itself.
        r.post("/v1/analytics/refresh", (self, ctx) -> ctx.json(Map.of("snapshot", self.node.analytics().refresh(Progress.NONE).describe())))
                .roles(ANALYST, ADMINISTRATOR).clusterRead();
        r.post("/v1/analytics/funnel", (self, ctx) -> self.answer(ctx, s -> s.queries().funnel(QueryJson.funnel(self.floored(body(ctx))))))
                .roles(ANALYST, ADMINISTRATOR).clusterRead();
        r.post("/v1/analytics/paths", (self, ctx) -> self.answer(ctx, s -> s.queries().paths(QueryJson.paths(self.floored(body(ctx))))))
                .roles(ANALYST, ADMINISTRATOR).clusterRead();
        r.get("/v1/analytics/flow", (self, ctx) -> self.answer(ctx, s -> s.queries().flow(QueryJson.flow(self.floored(params(ctx))))))
                .roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/analytics/journeys", (self, ctx) -> self.answer(ctx, s -> s.queries().journeys(QueryJson.journeys(self.floored(params(ctx))))))
                .roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/analytics/products/{product}", (self, ctx) -> self.answer(ctx, s -> s.queries().product(QueryJson.product(ctx.pathParam("product"),
                self.floored(params(ctx)))))).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/analytics/co-churn", (self, ctx) -> self.answer(ctx, s -> s.queries().coChurn(QueryJson.coChurn(self.floored(params(ctx))))))
                .roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/analytics/cohorts", (self, ctx) -> self.answer(ctx, s -> s.queries().cohorts(QueryJson.cohorts(self.floored(params(ctx))))))
                .roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/analytics/vocabulary", (self, ctx) -> self.answer(ctx, s -> s.table().vocabulary())).roles(ANALYST, ADMINISTRATOR);
        r.get("/v1/demand/{channel}", AnalyticsRoutes::demand).roles(ANALYST, ADMINISTRATOR);
    });

    private final Node node;
    /** The smallest group an answer may show (k-anonymity): {@value #FLOOR} unless the data directory raises it. */
    private final int floor;
    static final int FLOOR = 10;
    static final String FILE = "analytics.properties";

    AnalyticsRoutes(Node node) {
        this.node = node;
        this.floor = floorIn(node.identity().dataDir());
    }

    /** {@code minimumCount=N} in {@value #FILE}: raises the floor; one below {@value #FLOOR} is refused at start. */
    static int floorIn(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        String v = SettingsFile.read(f).getProperty("minimumCount");
        if (v == null) return FLOOR;
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f + ": minimumCount must be a whole number, not '" + v + "'");
        }
        if (n < FLOOR) throw new IllegalArgumentException(f + ": minimumCount may only raise the floor of " + FLOOR + ", not lower it to " + n);
        return n;
    }

    /**
     * Every aggregate query's {@code minimumCount}: the floor when the query names none; a query asking for less is
     * refused, since a group of one is a person.
     */
    private JsonNode floored(JsonNode query) {
        if (!query.isObject()) return query;
        ObjectNode q = (ObjectNode) query;
        JsonNode asked = q.get("minimumCount");
        if (asked == null || asked.isNull()) {
            q.put("minimumCount", floor);
            return q;
        }
        long n = asked.isNumber() ? asked.asLong() : Params.longParam(asked.asText(), "minimumCount");
        if (n < floor) throw new IllegalArgumentException("'minimumCount' must be at least " + floor
                + " on this node (smaller groups could point at a person), got " + n);
        return q;
    }

    private void answer(Context ctx, Function<Analytics.Snapshot, Object> query) {
        Analytics.Snapshot s = node.analytics().snapshot();
        ctx.json(Map.of("snapshot", s.describe(), "result", query.apply(s)));
    }

    private static JsonNode body(Context ctx) {
        String b = ctx.body();
        if (b.isBlank()) throw new IllegalArgumentException("the query is missing: send it as a JSON object in the body");
        try {
            return InteractionJson.MAPPER.readTree(b);
        } catch (IOException e) {
            throw new IllegalArgumentException("the query is not valid JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    /** Query parameters as a JSON object (lists as comma-separated text), for the GET routes. */
    static ObjectNode params(Context ctx) {
        ObjectNode o = ApiServer.F.objectNode();
        ctx.queryParamMap().forEach((k, v) -> o.put(k, String.join(",", v)));
        return o;
    }

    private void demand(Context ctx) {
        String interval = ctx.queryParamAsClass("interval", String.class).getOrDefault("1h");
        Duration step = switch (interval) {
            case "15m" -> Duration.ofMinutes(15);
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("interval must be 15m, 1h or 1d, got '" + interval + "'");
        };
        int days = intParam(ctx, "days", 7);
        double level = doubleParam(ctx, "serviceLevel", 0.8);
        int within = intParam(ctx, "answerSeconds", 20);
        double shrinkage = doubleParam(ctx, "shrinkage", 0.3);
        String aht = ctx.queryParam("ahtSeconds");
        Duration handling = aht == null ? null : Duration.ofSeconds(intParam(ctx, "ahtSeconds", 300));
        if (days < 1 || days > 366) throw new IllegalArgumentException("'days' must be between 1 and 366, got " + days);
        if (within < 1 || within > 3600) throw new IllegalArgumentException("'answerSeconds' must be between 1 and 3600, got " + within);
        if (handling != null && (handling.getSeconds() < 1 || handling.getSeconds() > 86_400))
            throw new IllegalArgumentException("'ahtSeconds' must be between 1 and 86400, got " + handling.getSeconds());
        if (level <= 0 || level >= 1) throw new IllegalArgumentException("serviceLevel must be between 0 and 1, e.g. 0.8");
        if (shrinkage < 0 || shrinkage >= 1) throw new IllegalArgumentException("shrinkage must be at least 0 and below 1, e.g. 0.3");
        ctx.json(node.demand().forecast(ctx.pathParam("channel"), step, days, 20, ServiceTarget.of(level, Duration.ofSeconds(within)), shrinkage, handling));
    }

    static int intParam(Context ctx, String name, int otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return otherwise;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static double doubleParam(Context ctx, String name, double otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return otherwise;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a number, got '" + v + "'");
        }
    }
}
