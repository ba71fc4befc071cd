package org.touchline.domain.state;

/** How a bounded cache of store state did: lookups answered from it, lookups that went to the store, and its size. */
public record CacheStats(String name, long hits, long misses, int size, int capacity) {
    public double hitRate() { return hits + misses == 0 ? 0 : (double) hits / (hits + misses); }

    public CacheStats plus(CacheStats o) {
        return new CacheStats(name, hits + o.hits, misses + o.misses, size + o.size, capacity + o.capacity);
    }
}
