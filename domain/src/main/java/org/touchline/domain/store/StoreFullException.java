package org.touchline.domain.store;

/**
 * The disk holding the store is full: the write was rolled back whole, so nothing of it was stored or acknowledged.
 * The store accepts writes again as soon as there is room; resubmitting is safe (records are idempotent on
 * source and sourceRecordId).
 */
public class StoreFullException extends StoreException {
    public StoreFullException(String message, Throwable cause) { super(message, cause); }
}
