package org.touchline.identity;

import org.touchline.domain.state.CacheStats;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.state.Overlay;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link IdentityState} in the store's projections (customers, identifiers, merges, apart), reached through their
 * indexes: nothing here grows with the customers. Each kind of state is an {@link Overlay}: the changes of the groups
 * sequenced but not yet committed, over a bounded cache of committed rows, over the store. The graph records its
 * changes both here and in the group's {@link ProjectionChanges}; the store applies the latter when the group commits,
 * and only then does the overlay treat them as committed.
 * <p>
 * The store keeps merges re-pointed at the final survivor and identifiers at the customer that has them now; the
 * overlay keeps the uncommitted merges as pointers on top, so following pointers gives the same customer either way.
 */
public final class StoredIdentityState implements IdentityState {
    private final ProjectionStore store;
    private final List<String> strongTypes;
    private final Overlay<String, String> holders, survivors;
    private final Overlay<String, Long> created;
    private final Overlay<String, int[]> counts;
    /** Pairs kept apart not yet committed (key: the two ids, sorted); the committed ones are asked of the store when needed. */
    private final Overlay<String, ProjectionChanges.Apart> apart;
    private Boolean anyApart;

    public StoredIdentityState(ProjectionStore store, List<String> strongTypes, GroupCommits groups, int cacheEntries) {
        this.store = store;
        this.strongTypes = List.copyOf(strongTypes);
        this.holders = new Overlay<>("identifiers", groups, cacheEntries, store::holdersOf);
        this.survivors = new Overlay<>("merges", groups, cacheEntries, store::survivorsOf);
        this.created = new Overlay<>("customers", groups, cacheEntries, store::createdAt);
        this.counts = new Overlay<>("identifier counts", groups, cacheEntries, ids -> {
            Map<String, int[]> out = new HashMap<>();
            store.identifierCounts(ids).forEach((c, byType) -> {
                int[] n = new int[this.strongTypes.size()];
                byType.forEach((type, count) -> {
                    int t = this.strongTypes.indexOf(type);
                    if (t >= 0) n[t] = count;
                });
                out.put(c, n);
            });
            return out;
        });
        this.apart = new Overlay<>("apart", groups, 1, keys -> Map.of());
    }

    /** Holders of the identifiers, then what they point at, then when those were created and what they hold: four queries. */
    @Override
    public void prefetch(Collection<String> identifierKeys) {
        holders.prefetch(identifierKeys);
        Set<String> named = new LinkedHashSet<>();
        for (String k : identifierKeys) {
            String h = holders.get(k);
            if (h != null) named.add(h);
        }
        survivors.prefetch(named);
        Set<String> finals = new LinkedHashSet<>(named);
        for (String c : named) {
            String s = survivors.get(c);
            if (s != null) finals.add(s);
        }
        created.prefetch(finals);
        counts.prefetch(finals);
    }

    @Override
    public void prefetchCustomers(Collection<String> customerIds) {
        survivors.prefetch(customerIds);
        Set<String> finals = new LinkedHashSet<>(customerIds);
        for (String c : customerIds) {
            String s = survivors.get(c);
            if (s != null) finals.add(s);
        }
        created.prefetch(finals);
    }

    @Override public String holderOf(String identifierKey) { return holders.get(identifierKey); }

    @Override public String survivorOf(String customerId) { return survivors.get(customerId); }

    @Override public boolean isCreated(String customerId) { return created.get(customerId) != null; }

    @Override
    public long createdAt(String customerId) { return created.get(customerId); }

    @Override
    public int[] strongCounts(String customerId) {
        int[] c = counts.get(customerId);
        return c == null ? new int[strongTypes.size()] : c.clone();
    }

    @Override
    public Long apartFrom(String customer, Set<String> group) {
        if (!anyApart()) return null;
        for (String g : group) {
            Long entry = null;
            for (ProjectionChanges.Apart a : apartNaming(aliasesOf(customer, g))) {
                String x = current(a.a()), y = current(a.b());
                if ((customer.equals(x) && g.equals(y)) || (customer.equals(y) && g.equals(x)))
                    entry = entry == null ? a.atIndex() : Math.min(entry, a.atIndex());
            }
            if (entry != null) return entry;
        }
        return null;
    }

    @Override
    public Long apartPair(String x, String y) {
        if (!anyApart()) return null;
        for (ProjectionChanges.Apart a : apartNaming(Set.of(x)))
            if ((a.a().equals(x) && a.b().equals(y)) || (a.a().equals(y) && a.b().equals(x))) return a.atIndex();
        return null;
    }

    private boolean anyApart() {
        if (anyApart == null) anyApart = store.anyApart();
        return anyApart || apart.anyPending();
    }

    /** The pairs kept apart, committed or not, that name any of {@code ids}. */
    private List<ProjectionChanges.Apart> apartNaming(Set<String> ids) {
        Map<String, ProjectionChanges.Apart> out = new TreeMap<>();
        for (ProjectionChanges.Apart a : store.apartOf(ids)) out.put(pair(a.a(), a.b()), a);
        apart.pending().forEach((k, a) -> {
            if (a != null && (ids.contains(a.a()) || ids.contains(a.b()))) out.put(k, a);
        });
        return new ArrayList<>(out.values());
    }

    /** Every id that now refers to one of {@code customers}: each, and every id merged into it (committed or not). */
    private Set<String> aliasesOf(String... customers) {
        Map<String, String> pending = survivors.pending();
        Set<String> out = new HashSet<>();
        for (String c : customers) {
            Deque<String> todo = new ArrayDeque<>(List.of(c));
            out.add(c);
            while (!todo.isEmpty()) {
                String y = todo.pop();
                for (ProjectionChanges.Merge m : store.mergesInto(y)) if (out.add(m.absorbed())) todo.push(m.absorbed());
                pending.forEach((absorbed, into) -> {
                    if (y.equals(into) && out.add(absorbed)) todo.push(absorbed);
                });
            }
        }
        out.removeIf(id -> current(id) == null);
        return out;
    }

    /**
     * Commands (an unmerge) run with nothing else in flight, so the store's merge rows are the state; their
     * {@code merged_into} is the pointer each merge made, which a chain follows.
     */
    @Override
    public List<String> mergedInto(String via) {
        return followers(via, store.mergesInto(store.survivorOf(via).orElse(via)));
    }

    /**
     * Of {@code merges} (the rows of everything merged into one customer), the absorbed ids whose chain of merges
     * passes through {@code via}, not {@code via} itself, in id order. A row's {@code into} is the pointer its merge
     * made, which the chain follows.
     */
    public static List<String> followers(String via, Collection<ProjectionChanges.Merge> merges) {
        Map<String, String> into = new HashMap<>();
        for (ProjectionChanges.Merge m : merges) into.put(m.absorbed(), m.into());
        List<String> out = new ArrayList<>();
        for (String c : into.keySet()) {
            if (c.equals(via)) continue;
            for (String x = into.get(c); x != null; x = into.get(x))
                if (x.equals(via)) {
                    out.add(c);
                    break;
                }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void created(String customerId, long index) {
        created.put(customerId, index);
        // A new customer points nowhere and holds nothing yet: known without asking the store.
        survivors.remove(customerId);
        counts.put(customerId, new int[strongTypes.size()]);
    }

    @Override
    public void linked(String identifierKey, int strongType, String customerId) {
        holders.put(identifierKey, customerId);
        if (strongType >= 0) {
            int[] n = strongCounts(customerId);
            n[strongType]++;
            counts.put(customerId, n);
        }
    }

    @Override
    public void absorbed(String absorbed, String into) {
        int[] from = strongCounts(absorbed), to = strongCounts(into);
        for (int t = 0; t < from.length; t++) to[t] += from[t];
        survivors.put(absorbed, into);
        counts.put(into, to);
        counts.remove(absorbed);
    }

    @Override
    public void keptApart(String a, String b, long index) {
        apart.put(pair(a, b), new ProjectionChanges.Apart(a, b, index));
        anyApart = true; // in the store once the group commits; a failed write starts again from a new state
    }

    @Override
    public void split(String from, String part, boolean newPart, long index, Collection<String> keys, int[] partCounts, int[] fromCounts) {
        // The store re-points the merges of the customers that followed the part into the other one back at it.
        List<String> reattached = newPart ? List.of() : mergedInto(part);
        if (newPart) created(part, index);
        else survivors.remove(part);
        for (String r : reattached) survivors.put(r, part);
        for (String key : keys) holders.put(key, part);
        counts.put(part, partCounts.clone());
        counts.put(from, fromCounts.clone());
    }

    @Override
    public void forget(Collection<String> customerIds) {
        // The erasure is committed (commands run alone): its rows are gone from the store, so every cached row goes.
        for (Overlay<String, ?> o : List.of(holders, survivors, created, counts, apart)) o.clearCache();
        anyApart = null;
    }

    @Override
    public List<CacheStats> cacheStats() {
        return List.of(holders.stats(), survivors.stats(), created.stats(), counts.stats());
    }

    private static String pair(String a, String b) { return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a; }
}
