package org.touchline.domain.store;

import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/** The identifiers erasures recorded, so that an erased person is not linked again (part of the {@link ProjectionStore}). */
public interface ErasureProjection {
    /**
     * Which of {@code identifierKeys} an erasure recorded (an erased person's strong identifiers): one indexed lookup per
     * key, asked for a whole group at once.
     */
    Set<String> erasedAmong(Collection<String> identifierKeys);

    /** Whether any erasure recorded an identifier: until one did, a group's records need no lookup. */
    boolean anyErasedIdentifier();

    /** Every erased identifier key with the erasure entry that recorded it, in key order. */
    void loadErasedIdentifiers(Consumer<ProjectionChanges.ErasedIdentifier> out);
}
