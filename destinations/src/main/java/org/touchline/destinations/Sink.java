package org.touchline.destinations;

import java.util.List;

/** Where a subscription's events go. One call sends a batch; each event's result comes back in order. */
interface Sink extends AutoCloseable {
    /** For each event, null when the receiver took it, else why not (the receiver's status and words, or the failure). */
    List<String> send(List<OutboundEvent> events);

    /** Whether a failed event holds back the ones after it (a Kafka topic keeps each customer's events in order). */
    boolean ordered();

    @Override
    void close();
}
