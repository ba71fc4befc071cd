package org.touchline.identity;

import org.touchline.domain.state.CacheStats;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.state.Overlay;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.match.PersonProfile;
import org.touchline.identity.match.ProfileIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The online matcher's profiles in the store: sealed profiles in {@code profiles}, the block each is in under each rule
 * in {@code match_blocks} (indexed by block), opened profiles in a bounded cache. As with {@link StoredIdentityState},
 * the groups sequenced but not yet committed lie on top: their profiles in an {@link Overlay}, their block moves in
 * per-group layers that a block lookup applies to what the store lists.
 */
public final class StoredProfileIndex implements ProfileIndex {
    private final ProjectionStore store;
    private final OnlineProfiles.Seal seal;
    private final GroupCommits groups;
    private final Overlay<String, PersonProfile> profiles;
    /** Per group in flight: block → customer → whether it joined (true) or left (false) the block. */
    private final ArrayDeque<BlockMoves> moves = new ArrayDeque<>();

    private record BlockMoves(long group, Map<Long, Map<String, Boolean>> byBlock) {}

    public StoredProfileIndex(ProjectionStore store, OnlineProfiles.Seal seal, GroupCommits groups, int cacheEntries) {
        this.store = store;
        this.seal = seal;
        this.groups = groups;
        this.profiles = new Overlay<>("match profiles", groups, cacheEntries, ids -> {
            Map<String, PersonProfile> out = new HashMap<>();
            store.profilesOf(ids).forEach((c, sealed) -> out.put(c, PersonProfile.fromPacked(seal.open(c, sealed))));
            return out;
        });
    }

    @Override
    public Optional<PersonProfile> profile(String customerId) { return Optional.ofNullable(profiles.get(customerId)); }

    @Override
    public void prefetch(Collection<String> customerIds) { profiles.prefetch(customerIds); }

    @Override
    public void created(String customerId) { profiles.remove(customerId); }

    @Override
    public void put(String customerId, PersonProfile profile, long[] before, long[] after) {
        profiles.put(customerId, profile);
        for (int r = 0; r < after.length; r++) {
            if (before[r] == after[r]) continue;
            if (before[r] != 0) move(before[r], customerId, false);
            if (after[r] != 0) move(after[r], customerId, true);
        }
    }

    @Override
    public void remove(String customerId, long[] before) {
        profiles.remove(customerId);
        for (long b : before) if (b != 0) move(b, customerId, false);
    }

    @Override
    public List<String> block(int rule, long block, int cap) {
        Map<String, Boolean> pending = pendingMoves(block);
        int leaving = 0;
        for (boolean joined : pending.values()) if (!joined) leaving++;
        // Enough rows to know the block is over the cap even if every pending departure was among them.
        int limit = cap + 1 + leaving;
        List<String> stored = store.blockMembers(block, limit);
        if (stored.size() == limit) return null;
        Set<String> members = new LinkedHashSet<>(stored);
        pending.forEach((c, joined) -> {
            if (joined) members.add(c);
            else members.remove(c);
        });
        return members.size() > cap ? null : new ArrayList<>(members);
    }

    /**
     * The store's index of areas ({@code postcode_areas}), except for the customers whose profile a group in flight
     * changed: their pending profile decides. Memory: the customers found, nothing per profile. A store written before
     * the index has profiles but no areas until {@code touchline rebuild} writes them: until then every profile is
     * opened, as before.
     */
    @Override
    public List<String> customersInAreas(Collection<String> areaKeys, Function<PersonProfile, List<String>> keysOf) {
        Map<String, PersonProfile> pending = profiles.pending();
        List<String> out = new ArrayList<>();
        if (store.postcodeAreasMissing())
            store.loadProfiles((c, sealed) -> {
                if (!pending.containsKey(c) && !Collections.disjoint(keysOf.apply(PersonProfile.fromPacked(seal.open(c, sealed))), areaKeys)) out.add(c);
            });
        else for (String c : store.customersInPostcodeAreas(areaKeys)) if (!pending.containsKey(c)) out.add(c);
        pending.forEach((c, p) -> {
            if (p != null && !Collections.disjoint(keysOf.apply(p), areaKeys)) out.add(c);
        });
        return out;
    }

    @Override
    public List<CacheStats> cacheStats() { return List.of(profiles.stats()); }

    private void move(long block, String customer, boolean joined) {
        settle();
        BlockMoves last = moves.peekLast();
        if (last == null || last.group() != groups.open()) {
            last = new BlockMoves(groups.open(), new HashMap<>());
            moves.addLast(last);
        }
        last.byBlock().computeIfAbsent(block, b -> new HashMap<>()).put(customer, joined);
    }

    /** The moves in and out of one block by the groups in flight, newest last. */
    private Map<String, Boolean> pendingMoves(long block) {
        settle();
        Map<String, Boolean> out = new HashMap<>();
        for (Iterator<BlockMoves> it = moves.iterator(); it.hasNext(); ) {
            Map<String, Boolean> m = it.next().byBlock().get(block);
            if (m != null) out.putAll(m);
        }
        return out;
    }

    private void settle() {
        long done = groups.committedThrough();
        while (!moves.isEmpty() && moves.peekFirst().group() <= done) moves.pollFirst();
    }
}
