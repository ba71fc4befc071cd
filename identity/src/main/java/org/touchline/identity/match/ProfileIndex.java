package org.touchline.identity.match;

import org.touchline.domain.state.CacheStats;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the {@link OnlineMatcher} keeps its profiles and their blocks: in memory ({@link MemoryProfileIndex}), or in
 * the store behind a bounded cache (the node's). A block is named by {@link OnlineBlockIndex#hash}, which includes its
 * rule; the matcher works out each profile's blocks and tells the index which changed.
 */
public interface ProfileIndex {
    Optional<PersonProfile> profile(String customerId);

    /** Adds or replaces a profile; {@code before} and {@code after} are its blocks per rule (0: none). */
    void put(String customerId, PersonProfile profile, long[] before, long[] after);

    /** Forgets a profile that was in blocks {@code before}. */
    void remove(String customerId, long[] before);

    /**
     * The customers in a block, each once, in no particular order; empty when there is none, null when it holds more
     * than {@code cap} (finding that out must cost about {@code cap} steps, not the block's size).
     */
    List<String> block(int rule, long block, int cap);

    /**
     * Every customer whose profile is in any of the postcode areas {@code areaKeys}, each once, in no particular order
     * (an outage's customers); {@code keysOf} gives a profile's area keys.
     */
    List<String> customersInAreas(Collection<String> areaKeys, Function<PersonProfile, List<String>> keysOf);

    /** Reads ahead the profiles of these customers where that saves lookups one by one. */
    default void prefetch(Collection<String> customerIds) {}

    /** A customer just created, so known to have no profile yet: nothing to look up. */
    default void created(String customerId) {}

    /** How its cache did, if it has one. */
    default List<CacheStats> cacheStats() { return List.of(); }
}
