package org.touchline.server;

import org.touchline.node.Node;
import org.touchline.node.spi.ClusterRole;

import java.util.Map;
import java.util.Optional;

/**
 * Whether the node should get traffic (an orchestrator's readiness probe, {@code GET /v1/health/ready}), and if not,
 * why. Not ready while writes are stopped (the integrity watch found damage; a cluster's split view or a node that
 * stopped applying the ordering topic), while the store does not answer, or while a cluster node is catching up: a
 * peer published a checkpoint more than {@link #CATCHING_UP} entries past this node's log.
 */
final class Readiness {
    /** One full write group: a node this close behind its peers is applying, not catching up. */
    static final long CATCHING_UP = 10_000;
    private final Node node;
    private final ClusterRole cluster;

    Readiness(Node node, ClusterRole cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    /** Why writes are refused now, or empty. */
    Optional<String> writesStopped() {
        Optional<String> stopped = node.writesStopped();
        if (stopped.isEmpty() && cluster != null) stopped = cluster.writesStopped();
        return stopped;
    }

    /** Why the node is not ready, or empty when it is. */
    Optional<String> reason() {
        Optional<String> stopped = writesStopped();
        if (stopped.isPresent()) return Optional.of("writes are stopped: " + stopped.get());
        try {
            node.ledger().latestCheckpoint();   // one indexed row: the store answers
        } catch (RuntimeException e) {
            return Optional.of("the store does not answer: " + e.getMessage());
        }
        if (cluster != null) {
            long size = node.ledger().size();
            var ahead = cluster.vitals().peerSizes().entrySet().stream().filter(p -> p.getValue() - size > CATCHING_UP)
                    .max(Map.Entry.comparingByValue());
            if (ahead.isPresent())
                return Optional.of("catching up: peer " + ahead.get().getKey() + " published a checkpoint of " + ahead.get().getValue()
                        + " entries, this log has " + size);
        }
        return Optional.empty();
    }
}
