package org.touchline.domain.store;

/**
 * The node has stopped accepting writes because its log is not what it signed (damage found by the verification
 * that runs while it serves): appending on top would sign the damage into every later checkpoint. Reads go on.
 */
public class WritesStoppedException extends StoreException {
    public WritesStoppedException(String message) { super(message, null); }
}
