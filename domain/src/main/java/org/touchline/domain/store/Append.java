package org.touchline.domain.store;

import org.touchline.ledger.StoredNode;

import java.util.List;

/**
 * Everything one group commit writes, applied atomically and durably: the new leaves and tree nodes, the
 * idempotency keys, the sealed personal parts and any new data keys, the projection changes, the batch note and
 * the new signed checkpoint. A crash leaves either all of it or none.
 */
public record Append(long first, List<Leaf> leaves, List<StoredNode> nodes, List<SealedPart> parts,
                     List<DataKey> newKeys, ProjectionChanges projections, StoredBatch batch, StoredCheckpoint checkpoint,
                     Erasure erasure) {
    public record Leaf(long index, String source, String sourceRecordId, byte[] data) {}
    public record DataKey(String keyId, byte[] wrapped) {}

    /**
     * Erasure (docs/architecture.md, principle 4), in the same transaction as the entry that records it: the personal parts (and
     * with them their salts) of {@code entries} and the data keys {@code keyIds} are deleted so that nothing of them is
     * left readable in the store's files. The log and every tree hash stay as they were.
     */
    public record Erasure(List<Long> entries, List<String> keyIds) {}

    public Append(long first, List<Leaf> leaves, List<StoredNode> nodes, List<SealedPart> parts, List<DataKey> newKeys,
                  ProjectionChanges projections, StoredBatch batch, StoredCheckpoint checkpoint) {
        this(first, leaves, nodes, parts, newKeys, projections, batch, checkpoint, null);
    }
}
