package org.touchline.domain.store;

import org.touchline.ledger.StoredNode;

import java.util.List;

/**
 * Everything one group commit writes, applied atomically and durably: the new leaves and tree nodes, the
 * idempotency keys, the sealed personal parts and any new data keys, the projection changes, the batch note and
 * the new signed checkpoint. A crash leaves either all of it or none.
 */
public record Append(long first, List<Leaf> leaves, List<StoredNode> nodes, List<SealedPart> parts,
                     List<DataKey> newKeys, ProjectionChanges projections, StoredBatch batch, StoredCheckpoint checkpoint) {
    public record Leaf(long index, String source, String sourceRecordId, byte[] data) {}
    public record DataKey(String keyId, byte[] wrapped) {}
}
