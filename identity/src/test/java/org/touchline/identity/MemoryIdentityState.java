package org.touchline.identity;

import org.touchline.domain.store.ProjectionChanges;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link IdentityState} in maps: the reference the stored state is compared with, and what tests of the graph alone
 * use. Grows with the customers; a node, live and in a rebuild, uses {@link StoredIdentityState}. Test code only:
 * other modules' tests reach it through this module's test jar.
 */
public final class MemoryIdentityState implements IdentityState {
    private final List<String> strongTypes;
    /** Identifier key → the customer it was first linked to; merges and unmerges are followed through survivor pointers. */
    private final Map<String, String> owner = new HashMap<>();
    /** Absorbed customer → the customer it was merged into then. */
    private final Map<String, String> survivor = new HashMap<>();
    private final Map<String, Long> createdAt = new HashMap<>();
    /** Pairs of customers an unmerge or a rejected review keeps apart (key: the two ids, sorted), with the entry that said so. */
    private final Map<String, Long> apart = new HashMap<>();
    /** Per current customer, how many identifiers of each strong type it has. */
    private Map<String, int[]> counts = new HashMap<>();
    /** Restored counts may still be keyed by customers merged since: fold them before use. */
    private boolean countsStale;

    public MemoryIdentityState(List<String> strongTypes) { this.strongTypes = List.copyOf(strongTypes); }

    /** A graph under {@code rules} whose state is kept in maps. */
    public static IdentityGraph graph(IdentifierKeys keys, IdentifierRules rules) {
        return new IdentityGraph(keys, rules, new MemoryIdentityState(rules.priority()));
    }

    /** Restores the state from projections written earlier. */
    public void restore(ProjectionChanges.Customer c) { createdAt.put(c.id(), c.createdAt()); }

    public void restore(ProjectionChanges.Link l) {
        owner.put(l.identifierKey(), l.origin());
        int t = strongTypes.indexOf(l.identifierType());
        if (t >= 0) {
            counts.computeIfAbsent(l.customerId(), k -> new int[strongTypes.size()])[t]++;
            countsStale = true;
        }
    }

    public void restore(ProjectionChanges.Merge m) {
        survivor.put(m.absorbed(), m.into());
        countsStale = true;
    }

    public void restore(ProjectionChanges.Apart a) { apart.put(pair(a.a(), a.b()), a.atIndex()); }

    public int customers() { return createdAt.size() - survivor.size(); }

    @Override public String holderOf(String identifierKey) { return owner.get(identifierKey); }

    @Override public String survivorOf(String customerId) { return survivor.get(customerId); }

    @Override public boolean isCreated(String customerId) { return createdAt.containsKey(customerId); }

    @Override
    public long createdAt(String customerId) { return createdAt.get(customerId); }

    @Override
    public int[] strongCounts(String customerId) {
        foldCounts();
        int[] c = counts.get(customerId);
        return c == null ? new int[strongTypes.size()] : c.clone();
    }

    @Override
    public Long apartFrom(String c, Set<String> group) {
        if (apart.isEmpty()) return null;
        for (String g : group) {
            for (Map.Entry<String, Long> e : apart.entrySet()) {
                String[] ab = e.getKey().split("\u0000");
                String x = current(ab[0]), y = current(ab[1]);
                if ((c.equals(x) && g.equals(y)) || (c.equals(y) && g.equals(x))) return e.getValue();
            }
        }
        return null;
    }

    @Override
    public Long apartPair(String x, String y) { return apart.get(pair(x, y)); }

    @Override
    public List<String> mergedInto(String via) {
        List<String> out = new ArrayList<>();
        for (String c : new TreeSet<>(survivor.keySet())) if (!c.equals(via) && mergedVia(c, via)) out.add(c);
        return out;
    }

    private boolean mergedVia(String customer, String via) {
        for (String c = customer; c != null; c = survivor.get(c)) if (c.equals(via)) return true;
        return false;
    }

    @Override
    public void created(String customerId, long index) { createdAt.put(customerId, index); }

    @Override
    public void linked(String identifierKey, int strongType, String customerId) {
        owner.put(identifierKey, customerId);
        if (strongType >= 0) {
            foldCounts();
            counts.computeIfAbsent(customerId, x -> new int[strongTypes.size()])[strongType]++;
        }
    }

    @Override
    public void absorbed(String absorbed, String into) {
        foldCounts();
        survivor.put(absorbed, into);
        int[] from = counts.remove(absorbed);
        if (from != null) {
            int[] to = counts.computeIfAbsent(into, x -> new int[strongTypes.size()]);
            for (int t = 0; t < from.length; t++) to[t] += from[t];
        }
    }

    @Override
    public void keptApart(String a, String b, long index) { apart.put(pair(a, b), index); }

    @Override
    public void split(String from, String part, boolean newPart, long index, Collection<String> keys, int[] partCounts, int[] fromCounts) {
        foldCounts();
        if (newPart) createdAt.put(part, index);
        else survivor.remove(part);
        for (String key : keys) owner.put(key, part);
        counts.put(part, partCounts.clone());
        counts.put(from, fromCounts.clone());
    }

    @Override
    public void forget(Collection<String> ids) {
        foldCounts();
        Set<String> gone = new HashSet<>(ids);
        owner.values().removeIf(o -> gone.contains(o) || gone.contains(current(o)));
        survivor.keySet().removeIf(gone::contains);
        survivor.values().removeIf(gone::contains);
        apart.keySet().removeIf(pair -> {
            String[] ab = pair.split("\u0000");
            return gone.contains(ab[0]) || gone.contains(ab[1]);
        });
        for (String id : gone) {
            createdAt.remove(id);
            counts.remove(id);
        }
    }

    private static String pair(String a, String b) { return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a; }

    /** After a restore, re-keys counts from the customers they were linked to onto the customers those are now. */
    private void foldCounts() {
        if (!countsStale) return;
        Map<String, int[]> folded = new HashMap<>();
        // Sorted for a deterministic fold (the sums do not depend on it, but iteration order then never matters).
        for (String c : new TreeSet<>(counts.keySet())) {
            String now = current(c);
            if (now == null) continue;
            int[] into = folded.computeIfAbsent(now, x -> new int[strongTypes.size()]);
            int[] from = counts.get(c);
            for (int t = 0; t < from.length; t++) into[t] += from[t];
        }
        counts = folded;
        countsStale = false;
    }
}
