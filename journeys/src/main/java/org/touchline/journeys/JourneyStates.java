package org.touchline.journeys;

import java.util.List;

/**
 * How many journeys started, are in progress (open, last touch within the silence of asOf), converted, or were
 * abandoned (silent for longer than the silence), overall and per product (the first product on the decision touch;
 * for unconverted journeys the latest product their touches named; "(none)" when none did). Direct decisions are
 * decisions with no journey open: counted apart. Counts below the minimum are null.
 */
public record JourneyStates(int minimumCount, Counts all, List<ProductCounts> byProduct, Long directDecisions) {
    public record Counts(Long started, Long inProgress, Long converted, Long abandoned, Double conversionRate, boolean suppressed) {
        static Counts of(long[] c, int min) {
            // c: started, in progress, converted, abandoned
            boolean hidden = Suppression.hides(c[0], min) || Suppression.hides(c[1], min) || Suppression.hides(c[2], min)
                    || Suppression.hides(c[3], min);
            return new Counts(Suppression.shown(c[0], min), Suppression.shown(c[1], min), Suppression.shown(c[2], min),
                    Suppression.shown(c[3], min),
                    Suppression.hides(c[0], min) || Suppression.hides(c[2], min) || c[0] == 0 ? null : (double) c[2] / c[0], hidden);
        }
    }

    public record ProductCounts(String product, Counts counts) {}
}
