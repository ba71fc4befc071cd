package org.touchline.node.spi;

import org.touchline.node.Outcome;
import org.touchline.node.command.Write;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node in a cluster (docs/cluster.md) changes in the API: a signed batch and the other writes ({@link Write}) are
 * ordered through the cluster's topic instead of appended here, the checkpoint carries the peers' cosignatures, and a split view stops writes. Reads stay
 * local. The cluster module implements it; a node alone has none.
 */
public interface ClusterRole {
    /** Orders a signed batch (checked first); returns once this node has applied it, or with no outcomes on a timeout. */
    Ordered submit(String note, String records);

    /**
     * Orders a write: checks it against this node's state first, as a node alone does (a bad request is refused here,
     * before anything is ordered), then returns the index of its first entry once this node has applied it. A write
     * refused when applied (another node's earlier write decided the review) is refused on every node alike and thrown
     * here as the node alone throws it; {@link NotYetApplied} when this node did not apply it in time.
     */
    long order(Write write);

    /** The write is in the topic but this node has not applied it yet: answered with 202 and the topic offset. */
    final class NotYetApplied extends RuntimeException {
        public final long offset;

        public NotYetApplied(long offset) {
            super("ordered at offset " + offset + ": not yet applied on this node");
            this.offset = offset;
        }
    }

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

    /**
     * What monitoring watches (docs/operations.md): the largest checkpoint size each trusted peer published with a
     * valid cosignature, the largest size every peer cosigned after this node checked it against its own log (-1 before
     * any), whether a split view stopped writes, and the offset of the next ordering-topic message to apply.
     */
    record Vitals(Map<String, Long> peerSizes, long cosignedByAll, boolean splitView, long nextOffset) {}

    Vitals vitals();
}
