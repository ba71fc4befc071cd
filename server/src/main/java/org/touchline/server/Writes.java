package org.touchline.server;

import org.touchline.node.command.Write;
import org.touchline.node.spi.ClusterRole;
import org.touchline.node.Node;

import java.time.Clock;

/**
 * Where the routes' {@link Write}s go: appended here on a node alone; on a cluster node ordered through the cluster's
 * topic (the route declares {@link Route.InCluster#ORDERED}), returning once this node has applied it.
 */
final class Writes {
    private final Node node;
    private final ClusterRole cluster;

    Writes(Node node, ClusterRole cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    /** The index of the write's first entry. */
    long append(Write w) {
        return cluster != null ? cluster.order(w) : w.apply(node.commands(Clock.systemUTC()), null);
    }
}
