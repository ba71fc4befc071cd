package org.touchline.demo;

import java.util.List;

/**
 * One demo interaction without anything personal, for journey analytics and its benchmark: the generator's customer
 * and household numbers, when (epoch milliseconds), the Touchline channel and type, the source system, the products,
 * and the store for store visits (null elsewhere).
 */
public record DemoTouch(int customer, int household, long at, String channel, String type, String source,
                        List<String> products, String store) {
    static DemoTouch of(DemoEvent e) {
        return new DemoTouch(e.c.idx, e.c.household, e.at, e.channel, e.type, e.src.id,
                e.products == null ? List.of() : List.of(e.products), e.src == Src.POS ? e.ref : null);
    }
}
