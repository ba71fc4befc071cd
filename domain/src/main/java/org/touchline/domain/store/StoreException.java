package org.touchline.domain.store;

/** Storage failed: the disk, the database, or data that does not read back as written. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
    public StoreException(String message) { super(message); }
}
