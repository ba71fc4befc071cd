package org.touchline.server;

import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.node.Node;
import org.touchline.node.spi.ClusterRole;
import org.touchline.node.spi.HttpFront;

/** The node's HTTP front on Javalin, found by the launcher and the cluster through {@code META-INF/services}. */
public final class JavalinFront implements HttpFront {
    @Override
    public Api of(Node node, ClusterRole cluster, boolean insecureOpen, DestinationStore destinations, AudienceStore audiences) {
        return new ApiServer(node, cluster, insecureOpen, destinations, audiences);
    }

    @Override
    public String firstTokenCommand() { return ApiServer.firstTokenCommand(); }

    @Override
    public AutoCloseable meters(Node node) { return Metrics.of(node); }
}
