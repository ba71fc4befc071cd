package org.touchline.intelligence.features;

import java.time.Instant;
import java.util.List;

/**
 * One thing in a customer's history as the feature builder sees it: an interaction (channel, type, products, the
 * stage the journey map put it in, the sentiment of its message) or a rating the customer gave. Built by the node
 * from the ledger; holds no personal data, only what the features need.
 *
 * @param rating     the stars the customer gave the interaction, or null
 * @param sentiment  the message's sentiment score in [-1, 1], or null when it had no text
 * @param stage      the journey stage (lower-case name), or null
 */
public record HistoryItem(Instant at, String channel, String type, List<String> products, Integer rating,
                          Double sentiment, String stage) {
    public HistoryItem {
        if (at == null) throw new IllegalArgumentException("history item: 'at' is required");
        products = products == null ? List.of() : List.copyOf(products);
    }
}
