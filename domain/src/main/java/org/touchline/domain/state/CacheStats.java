package org.touchline.domain.state;

import java.util.Locale;

/** How a bounded cache of store state did: lookups answered from it, lookups that went to the store, and its size. */
public record CacheStats(String name, long hits, long misses, int size, int capacity) {
    public double hitRate() { return hits + misses == 0 ? 0 : (double) hits / (hits + misses); }

    /** One line for an operator: "identifiers: 97.1 % of 1,234,567 lookups from the cache (100,000 of 100,000 entries)". */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %.1f %% of %,d lookups from the cache (%,d of %,d entries)",
                name, 100 * hitRate(), hits + misses, size, capacity);
    }

    public CacheStats plus(CacheStats o) {
        return new CacheStats(name, hits + o.hits, misses + o.misses, size + o.size, capacity + o.capacity);
    }
}
