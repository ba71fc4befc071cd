package org.touchline.cluster;

import java.time.Instant;

/**
 * Two different roots for one tree size of the cluster's log: {@code peer} cosigned {@code theirs} where this node's
 * log has {@code ours}. One of the two logs was altered (or a node misbehaves); the node stops taking writes.
 */
public record SplitView(String peer, long size, String ours, String theirs, Instant detectedAt) {
    public String describe() {
        return "split view at tree size " + size + ": cosigner " + peer + " signed root " + theirs + " but this node's root is " + ours;
    }
}
