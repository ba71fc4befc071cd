package org.touchline.domain.store;

/**
 * One group commit: entries {@code [first, first+count)}, who submitted them, and the signed note that binds the
 * submitter to their leaf hashes.
 */
public record StoredBatch(long first, long count, String submitter, String note) {}
