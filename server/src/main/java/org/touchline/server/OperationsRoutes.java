package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.node.Node;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.METRICS;

/**
 * What an operator and a client ask a node about itself: its health (with the probes orchestrators call without a
 * token), its metrics for Prometheus, and the API's own descriptions (the OpenAPI document, the Interaction v1 schema).
 */
final class OperationsRoutes {
    static final Routes<OperationsRoutes> ROUTES = Routes.of(OperationsRoutes.class, r -> {
        r.get("/v1/health", OperationsRoutes::health).anyRole().answersDuringReplay();
        // Probes (public: orchestrators send no token). Live: the process answers. Ready: it should get traffic (not during a replay).
        r.get("/v1/health/live", (self, ctx) -> ctx.json(ApiServer.F.objectNode().put("status", "live"))).anyone().answersDuringReplay();
        r.get("/v1/health/ready", OperationsRoutes::ready).anyone();
        r.get("/metrics", (self, ctx) -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(self.metrics.scrape()))
                .roles(METRICS, ADMINISTRATOR);
        r.get("/v1/openapi.json", (self, ctx) -> ctx.contentType("application/json").result(ApiDescription.served())).anyRole().answersDuringReplay();
        r.get("/v1/schemas/interaction-v1.json", (self, ctx) -> ctx.contentType("application/schema+json")
                .result(OperationsRoutes.class.getResourceAsStream("/interaction-v1.schema.json"))).anyRole().answersDuringReplay();
    });

    private final Node node;
    private final Access access;
    private final ClusterRole cluster;
    private final Readiness readiness;
    private final Metrics metrics;

    OperationsRoutes(Node node, Access access, ClusterRole cluster, Readiness readiness, Metrics metrics) {
        this.node = node;
        this.access = access;
        this.cluster = cluster;
        this.readiness = readiness;
        this.metrics = metrics;
    }

    private void health(Context ctx) {
        var integrity = node.integrity().status();
        ObjectNode out = ApiServer.F.objectNode().put("status", node.writesStopped().isPresent() ? "writes stopped" : "ok").put("size", node.ledger().size())
                .put("access", access.mode());
        node.writesStopped().ifPresent(why -> out.put("reason", why));
        out.putObject("integrity").put("state", integrity.state()).put("checked", integrity.checked()).put("of", integrity.of())
                .put("problem", integrity.problem());
        if (cluster != null) {
            cluster.writesStopped().ifPresent(why -> out.put("status", "split view: writes stopped").put("reason", why));
            out.set("cluster", ApiServer.JSON.valueToTree(cluster.status()));
        }
        ctx.json(out);
    }

    private void ready(Context ctx) {
        var notReady = readiness.reason();
        if (notReady.isPresent()) ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(ApiServer.F.objectNode().put("status", "not ready").put("reason", notReady.get()));
        else ctx.json(ApiServer.F.objectNode().put("status", "ready"));
    }
}
