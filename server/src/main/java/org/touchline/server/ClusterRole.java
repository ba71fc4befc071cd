package org.touchline.server;

import org.touchline.node.Outcome;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node in a cluster (issue 9) changes in the API: a signed batch is ordered through the cluster's topic
 * instead of appended here, the checkpoint carries the peers' cosignatures, and a split view stops writes. Reads stay
 * local. The cluster module implements it; a node alone has none.
 */
public interface ClusterRole {
    /** Orders a signed batch (checked first); returns once this node has applied it, or with no outcomes on a timeout. */
    Ordered submit(String note, String records);

    /** The cluster cannot take writes now (the ordering service is unreachable, a split view): answered with 503. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) { super(message, cause); }
    }

    /** Where the batch went in the topic and, if this node applied it in time, its outcomes (else null). */
    record Ordered(long offset, String channel, String batchId, List<Outcome> outcomes) {}

    /** The latest signed checkpoint with the cosignature lines collected for it (C2SP tlog-cosignature). */
    String checkpoint();

    /** Why writes are stopped (a split view), or empty. */
    Optional<String> writesStopped();

    /** The node's place in the cluster, for {@code /v1/health}: its topic offset, peers, split view. */
    Map<String, Object> status();
}
