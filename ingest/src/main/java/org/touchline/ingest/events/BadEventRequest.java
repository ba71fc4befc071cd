package org.touchline.ingest.events;

/** A request refused as a whole, not one event of it: its body is not what the endpoint takes (answered 400). */
public final class BadEventRequest extends RuntimeException {
    public BadEventRequest(String message) { super(message); }
}
