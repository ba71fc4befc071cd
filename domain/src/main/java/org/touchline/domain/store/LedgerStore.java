package org.touchline.domain.store;

import org.touchline.ledger.HashReader;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The log and what rests beside it: leaves, tree hashes, checkpoints, batches, sealed personal parts, data keys.
 * Only {@link #append} writes, and it is atomic and durable when it returns. Reads are safe from any thread.
 */
public interface LedgerStore {
    long size();

    byte[] leaf(long index);

    /** Leaves {@code [from, to)} in order, streamed: verify and rebuild read the whole log this way. */
    void scanLeaves(long from, long to, LeafVisitor visitor);

    HashReader hashes();

    Optional<StoredCheckpoint> latestCheckpoint();

    List<StoredCheckpoint> checkpoints();

    List<StoredBatch> batches();

    OptionalLong indexOf(String source, String sourceRecordId);

    /** {@link #indexOf} for many records of one source at once: the ones already in the log, by sourceRecordId. */
    Map<String, Long> indexesOf(String source, Collection<String> sourceRecordIds);

    Optional<SealedPart> sealedPart(long index);

    Optional<byte[]> wrappedKey(String keyId);

    void append(Append append);

    /**
     * Damage the store's own structural check finds in its files (pages, free list), in its own words; empty when
     * sound or when the store has no such check. Takes time in proportion to the store: for the background watch.
     */
    default List<String> structuralProblems() { return List.of(); }

    @FunctionalInterface
    interface LeafVisitor {
        void leaf(long index, byte[] data);
    }
}
