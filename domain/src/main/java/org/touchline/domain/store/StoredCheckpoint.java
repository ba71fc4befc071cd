package org.touchline.domain.store;

/** A signed checkpoint (C2SP signed note) as stored, with the tree size it commits to. */
public record StoredCheckpoint(long size, String note) {}
