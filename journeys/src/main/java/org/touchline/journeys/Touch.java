package org.touchline.journeys;

import java.time.Instant;
import java.util.List;

/**
 * One resolved interaction as the journey engine sees it: whose it is (an opaque customer id, with their household,
 * organisation and segment when known), when, through which channel, what kind, from which source system, about which
 * products, and optionally where (an opaque store, agent or engineer id, used only to find customers who meet there).
 * No names, no text, no identifiers: the engine never holds personal data.
 */
public record Touch(String customer, String household, String organisation, Instant at, String channel, String type,
                    String source, List<String> products, String segment, String place) {
    public Touch {
        if (customer == null || customer.isBlank()) throw new IllegalArgumentException("touch: customer is missing");
        if (at == null) throw new IllegalArgumentException("touch of customer " + customer + ": at is missing");
        if (channel == null || channel.isBlank()) throw new IllegalArgumentException("touch of customer " + customer + " at " + at + ": channel is missing");
        if (type == null || type.isBlank()) throw new IllegalArgumentException("touch of customer " + customer + " at " + at + ": type is missing");
        if (source == null) source = "";
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** A touch with no organisation, segment or place. */
    public Touch(String customer, String household, Instant at, String channel, String type, String source, List<String> products) {
        this(customer, household, null, at, channel, type, source, products, null, null);
    }
}
