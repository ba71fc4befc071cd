package org.touchline.domain.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One kind of keyed state (an identifier's holder, a customer's creation, a profile) kept in the store and read
 * through here: uncommitted changes in one layer per group sequenced but not yet committed (newest wins), then a
 * bounded cache of committed values (evicting by CLOCK, a close approximation of least recently used), then the store. A layer is folded into the cache only once
 * its group committed, so the cache never holds a value a failed write never stored; what is absent from the store is
 * cached too (as absent), so a new identifier costs one lookup, not one per record.
 * <p>
 * Memory: the cache holds at most {@code capacity} entries, and the layers what the groups in flight changed (the
 * writer keeps at most two groups in flight). Not thread-safe: only the sequencer reads and changes it.
 * <p>
 * Why CLOCK and not an access-ordered {@link LinkedHashMap}: the cache is read for every identifier of every record,
 * and an access-ordered map re-links the entry it finds, writing references into objects long promoted to the old
 * generation. Each such write dirties a card that the collector's refinement threads and its young pauses must then
 * scan (G1's remembered sets): the collector's threads took about a fifth of the CPU the write path spent outside the
 * JIT compilers. Here a hit sets a boolean, which no write barrier sees; only an eviction moves anything (second
 * chance: an entry used since the hand last passed it goes to the back of the queue once).
 */
public final class Overlay<K, V> {
    /** The value of a key known to be absent (in the store, or removed by a layer). */
    private static final Object ABSENT = new Object();

    private final String name;
    private final GroupCommits groups;
    private final Function<Collection<K>, Map<K, V>> load;
    private final int capacity;
    private final HashMap<K, Slot> cache = new HashMap<>();
    /** The cached keys, each once, in the order the CLOCK hand passes over them (the eldest first). */
    private final ArrayDeque<K> hand = new ArrayDeque<>();
    private final ArrayDeque<Layer<K>> layers = new ArrayDeque<>();
    /**
     * The newest value of every key some layer changed: one lookup answers for all the layers (they are looked up
     * for every identifier of every record, and most keys are in none).
     */
    private final HashMap<K, Object> newest = new HashMap<>();
    /** The last group whose layer was folded into the cache. */
    private long settled;
    private long hits, misses;

    private record Layer<K>(long group, Map<K, Object> changes) {}

    /** A cached value (or {@link #ABSENT}) and whether it was read since the hand last passed it. */
    private static final class Slot {
        Object value;
        boolean used;

        /** Cached because it is about to be read (a prefetch, a miss): as if just used, so the next eviction spares it. */
        Slot(Object value) {
            this.value = value;
            this.used = true;
        }
    }

    /** {@code load} reads many keys from the store at once and leaves out those it does not have. */
    public Overlay(String name, GroupCommits groups, int capacity, Function<Collection<K>, Map<K, V>> load) {
        if (capacity < 1) throw new IllegalArgumentException(name + " cache capacity must be at least 1, not " + capacity);
        this.name = name;
        this.groups = groups;
        this.load = load;
        this.capacity = capacity;
    }

    /** The value now (the open group's changes included), or null when there is none. */
    public V get(K key) {
        Object v = known(key);
        if (v == null) {
            misses++;
            v = fetch(List.of(key)).get(key);
            if (v == null) v = ABSENT;
        }
        return v == ABSENT ? null : cast(v);
    }

    /** Reads every key not yet known in one batch of store queries, so the lookups after it are answered from memory. */
    public void prefetch(Collection<K> keys) {
        List<K> wanted = new ArrayList<>();
        for (K k : keys) if (known(k) == null) wanted.add(k);
        if (wanted.isEmpty()) return;
        misses += wanted.size();
        fetch(wanted); // each prefetched key counts as a miss once; the reads after it as hits
    }

    /** Sets a value in the open group's layer. */
    public void put(K key, V value) {
        layer().put(key, value);
        newest.put(key, value);
    }

    /** Removes the value in the open group's layer (the store's row goes when the group commits). */
    public void remove(K key) {
        layer().put(key, ABSENT);
        newest.put(key, ABSENT);
    }

    /**
     * Every key the groups in flight changed, with its value now (null: removed): for the few callers that must scan
     * pending changes.
     */
    public Map<K, V> pending() {
        settle();
        Map<K, V> out = new LinkedHashMap<>();
        for (Layer<K> l : layers) l.changes().forEach((k, v) -> out.put(k, v == ABSENT ? null : cast(v)));
        return out;
    }

    /** Whether any group in flight changed a key: {@code !pending().isEmpty()} without building the map. */
    public boolean anyPending() {
        settle();
        return !newest.isEmpty();
    }

    /** Forgets every cached value (the store changed under it: an erasure, a rebuild). Layers must be committed. */
    public void clearCache() {
        settle();
        cache.clear();
        hand.clear();
    }

    public CacheStats stats() { return new CacheStats(name, hits, misses, cache.size(), capacity); }

    private Object known(K key) {
        settle();
        Object v = newest.get(key);
        if (v == null) {
            Slot s = cache.get(key);
            if (s != null) {
                s.used = true;
                v = s.value;
            }
        }
        if (v != null) hits++;
        return v;
    }

    /** Reads {@code keys} from the store into the cache; returns what was found (absent keys left out). */
    private Map<K, V> fetch(List<K> keys) {
        Map<K, V> found = load.apply(keys);
        for (K k : keys) {
            V v = found.get(k);
            cache(k, v == null ? ABSENT : v);
        }
        return found;
    }

    /** Caches a committed value, evicting past the capacity: the hand skips (once) what was used since it last passed. */
    private void cache(K key, Object value) {
        Slot s = cache.get(key);
        if (s != null) {
            s.value = value;
            return;
        }
        cache.put(key, new Slot(value));
        hand.addLast(key);
        while (cache.size() > capacity) {
            K eldest = hand.pollFirst();
            Slot e = cache.get(eldest);
            if (e.used) {
                e.used = false;
                hand.addLast(eldest);
            } else cache.remove(eldest);
        }
    }

    private Map<K, Object> layer() {
        settle();
        long open = groups.open();
        Layer<K> last = layers.peekLast();
        if (last == null || last.group() != open) {
            last = new Layer<>(open, new HashMap<>());
            layers.addLast(last);
        }
        return last.changes();
    }

    /** Folds the layers of committed groups into the cache: from now on the store has those values. */
    private void settle() {
        long done = groups.committedThrough();
        if (done == settled) return;
        settled = done;
        while (!layers.isEmpty() && layers.peekFirst().group() <= done) {
            Map<K, Object> changes = layers.pollFirst().changes();
            changes.forEach(this::cache);
            // Still the newest value only if no later layer changed the key: then the cache answers for it now. (A
            // later layer that set the very same value may leave it to the cache too: that value is the store's.)
            changes.forEach((k, v) -> {
                if (newest.get(k) == v) newest.remove(k);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object v) { return (V) v; }
}
