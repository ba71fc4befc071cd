package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link ProfileIndex} in memory: customer ids in {@link CustomerSlots}, one profile per slot, blocks as chains of slots
 * in an {@link OnlineBlockIndex}. Per customer the id string, one profile (one small object and one byte array), 4
 * bytes per rule of block chain and about 12 bytes of tables; see {@code OnlineMatchBenchmark} for a measured size.
 */
public final class MemoryProfileIndex implements ProfileIndex {
    private final CustomerSlots slots = new CustomerSlots();
    private final OnlineBlockIndex blocks;
    private PersonProfile[] profiles = new PersonProfile[16];

    public MemoryProfileIndex(int rules) { this.blocks = new OnlineBlockIndex(rules); }

    int size() { return slots.size(); }

    int blocks() { return blocks.blocks(); }

    @Override
    public Optional<PersonProfile> profile(String customerId) {
        int slot = slots.slotOf(customerId);
        return slot < 0 ? Optional.empty() : Optional.of(profiles[slot]);
    }

    @Override
    public void put(String customerId, PersonProfile profile, long[] before, long[] after) {
        int slot = slots.slotOf(customerId);
        if (slot < 0) {
            slot = slots.add(customerId);
            if (slot >= profiles.length) profiles = Arrays.copyOf(profiles, Math.max(slot + 1, profiles.length + (profiles.length >> 1)));
            for (int r = 0; r < after.length; r++) if (after[r] != 0) blocks.add(r, after[r], slot);
        } else {
            for (int r = 0; r < after.length; r++) {
                if (before[r] == after[r]) continue;
                if (before[r] != 0) blocks.remove(r, before[r], slot);
                if (after[r] != 0) blocks.add(r, after[r], slot);
            }
        }
        profiles[slot] = profile;
    }

    @Override
    public void remove(String customerId, long[] before) {
        int slot = slots.slotOf(customerId);
        if (slot < 0) return;
        for (int r = 0; r < before.length; r++) if (before[r] != 0) blocks.remove(r, before[r], slot);
        profiles[slot] = null;
        slots.remove(slot);
    }

    @Override
    public List<String> block(int rule, long block, int cap) {
        int[] found = blocks.block(rule, block, cap);
        if (found == null) return null;
        List<String> out = new ArrayList<>(found.length);
        for (int slot : found) out.add(slots.id(slot));
        return out;
    }

    @Override
    public List<String> customersInAreas(Collection<String> areaKeys, Function<PersonProfile, List<String>> keysOf) {
        // Profiles in memory: a scan is what there is (tests, the in-memory reference replay).
        List<String> out = new ArrayList<>();
        for (int slot = 0; slot < slots.limit(); slot++) {
            String id = slots.idOf(slot);
            if (id != null && profiles[slot] != null && !Collections.disjoint(keysOf.apply(profiles[slot]), areaKeys)) out.add(id);
        }
        return out;
    }
}
