package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * On a cluster node every append must come through the ordering topic, or the nodes' logs would differ: what each route
 * declares ({@link Route.InCluster}) decides. Reads pass; ordered writes pass unless a split view stopped writes (503);
 * any other write is refused with 409.
 */
final class ClusterWrites {
    private final ClusterRole cluster;

    ClusterWrites(ClusterRole cluster) { this.cluster = cluster; }

    void check(Context ctx) {
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
        Route.InCluster declared = RouteTable.find(method, ctx.endpointHandlerPath()).map(Route::cluster).orElse(Route.InCluster.REFUSED);
        if (declared == Route.InCluster.READ) return;
        if (declared == Route.InCluster.ORDERED) {
            var stopped = cluster.writesStopped();
            if (stopped.isPresent()) throw new Access.Refused(HttpStatus.SERVICE_UNAVAILABLE, "writes are stopped: " + stopped.get());
            return;
        }
        throw new Access.Refused(HttpStatus.CONFLICT, "cluster nodes accept writes through the ordering topic only, and "
                + method + " " + ctx.path() + " is not ordered yet: interactions go as a signed batch to POST /v1/batches");
    }
}
