package org.touchline.journeys;

import java.time.Duration;

/**
 * A product-centric view: the customers who bought {@code product} (a touch in a converting stage of {@code rules}
 * naming it; their first such touch is their purchase), and what they did in the {@code window} before and after.
 * Defaults: 90 days, default rules, minimum count 5.
 */
public record ProductQuery(String product, Duration window, JourneyRules rules, Integer minimumCount) {
    public ProductQuery {
        if (product == null || product.isBlank()) throw new IllegalArgumentException("product view: field 'product': missing");
        if (window == null) window = Duration.ofDays(90);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("product view: field 'window': must be positive");
        if (rules == null) rules = JourneyRules.DEFAULT;
        minimumCount = Suppression.minimum(minimumCount);
    }

    public static ProductQuery of(String product) {
        return new ProductQuery(product, null, null, null);
    }
}
