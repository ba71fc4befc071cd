package org.touchline.node;

import org.touchline.contracts.CustomerState;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.state.Overlay;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.intelligence.features.FeatureBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What contracts may know about a customer at an entry (contracts/README.md), kept in ledger order by the single writer and
 * by the rebuild alike, so a replay sees exactly the state the live run saw: interactions so far, open complaints, last
 * contact, token balance, consents, first seen, products bought. The projections keep them ({@code customer_facts},
 * and {@code customer_products} by product). A node reads them from there per customer, through an {@link Overlay}
 * (the groups in flight over a bounded cache), live and in a rebuild; kept in memory only by the reference replay tests
 * compare the stored facts with.
 */
final class CustomerFacts {
    private static final String[] PURPOSES = Consents.PURPOSES.toArray(String[]::new);
    private static final Set<String> PURCHASES =
            FeatureBuilder.Vocabulary.defaults(Map.of()).purchaseTypes();

    /** One customer's facts. */
    static final class Facts {
        long interactions, complaintsOpen, tokens;
        long firstSeenIndex = -1, firstSeenAt = Long.MIN_VALUE, lastInteractionAt = Long.MIN_VALUE, lastComplaintAt = Long.MIN_VALUE;
        /** Per purpose (in {@link Consents#PURPOSES} order): 1 granted, 0 not; and how often it was granted. */
        final byte[] consents = new byte[PURPOSES.length], grants = new byte[PURPOSES.length];
        /** The products the customer bought (SKUs): a recall or a service outage for a product reaches them. */
        SortedSet<String> products = new TreeSet<>();
        /** The products changed since the projections last got them. */
        boolean productsChanged;

        /** A copy to change (a field at a time, not through the stored text: this runs for every customer of a group). */
        Facts copy() {
            Facts x = new Facts();
            x.interactions = interactions;
            x.complaintsOpen = complaintsOpen;
            x.tokens = tokens;
            x.firstSeenIndex = firstSeenIndex;
            x.firstSeenAt = firstSeenAt;
            x.lastInteractionAt = lastInteractionAt;
            x.lastComplaintAt = lastComplaintAt;
            System.arraycopy(consents, 0, x.consents, 0, consents.length);
            System.arraycopy(grants, 0, x.grants, 0, grants.length);
            x.products.addAll(products); // unchanged in the copy, as in the store
            return x;
        }

        String encode() {
            StringBuilder b = new StringBuilder();
            b.append(interactions).append(',').append(complaintsOpen).append(',').append(tokens).append(',').append(firstSeenIndex)
                    .append(',').append(firstSeenAt).append(',').append(lastInteractionAt).append(',').append(lastComplaintAt).append(',');
            for (int p = 0; p < consents.length; p++) b.append(consents[p]).append(':').append(grants[p]).append(p + 1 < consents.length ? ";" : "");
            if (!products.isEmpty()) b.append(',').append(String.join("|", products));
            return b.toString();
        }

        static Facts decode(String s) {
            String[] f = s.split(",");
            Facts x = new Facts();
            x.interactions = Long.parseLong(f[0]);
            x.complaintsOpen = Long.parseLong(f[1]);
            x.tokens = Long.parseLong(f[2]);
            x.firstSeenIndex = Long.parseLong(f[3]);
            x.firstSeenAt = Long.parseLong(f[4]);
            x.lastInteractionAt = Long.parseLong(f[5]);
            x.lastComplaintAt = Long.parseLong(f[6]);
            String[] c = f.length > 7 ? f[7].split(";") : new String[0];
            for (int p = 0; p < c.length && p < x.consents.length; p++) {
                String[] kv = c[p].split(":");
                x.consents[p] = Byte.parseByte(kv[0]);
                x.grants[p] = Byte.parseByte(kv[1]);
            }
            if (f.length > 8) x.products.addAll(List.of(f[8].split("\\|")));
            return x;
        }
    }

    /** Every customer's facts, when kept in memory (the reference replay); null when they are read from the store. */
    private final Map<String, Facts> facts;
    private final Overlay<String, Facts> stored;
    private final ProjectionStore store;
    /** Customers changed since the last {@link #drainInto}: the projections get their new facts. */
    private final Map<String, Facts> changed = new LinkedHashMap<>();

    /** Facts kept in memory: what the reference replay of tests keeps. */
    CustomerFacts() {
        this.facts = new HashMap<>();
        this.stored = null;
        this.store = null;
    }

    /** Facts read from the projections as needed, through a cache of {@code cacheEntries} customers. */
    CustomerFacts(ProjectionStore store, GroupCommits groups, int cacheEntries) {
        this.facts = null;
        this.store = store;
        this.stored = new Overlay<>("customer facts", groups, cacheEntries, ids -> {
            Map<String, Facts> out = new HashMap<>();
            store.factsOf(ids).forEach((c, encoded) -> out.put(c, Facts.decode(encoded)));
            return out;
        });
    }

    /** How the cache of facts did (none when they are in memory). */
    List<CacheStats> cacheStats() { return stored == null ? List.of() : List.of(stored.stats()); }

    /** Reads ahead the facts of customers a group of records is about. */
    void prefetch(Collection<String> customers) {
        if (stored != null) stored.prefetch(customers);
    }

    /** The customer's facts now, or null; never to be changed by the caller (see {@link #of}). */
    private Facts current(String customer) {
        if (changed.containsKey(customer)) return changed.get(customer);
        return facts != null ? facts.get(customer) : stored.get(customer);
    }

    /**
     * The customer's facts to change in this group. Read from the store they are copied first: the facts an earlier
     * group left in flight or in the cache stay as they were.
     */
    private Facts of(String customer) {
        Facts f = changed.get(customer);
        if (f != null) return f;
        Facts now = current(customer);
        f = now == null ? new Facts() : facts != null ? now : now.copy();
        changed.put(customer, f);
        if (facts != null) facts.put(customer, f);
        else stored.put(customer, f);
        return f;
    }

    private void remove(String customer) {
        changed.put(customer, null);
        if (facts != null) facts.remove(customer);
        else stored.remove(customer);
    }

    /** An interaction of the customer at {@code index}. Complaints open with a complaint and close with a resolution. */
    void interaction(String customer, long index, Instant at, String type, List<String> products) {
        Facts f = of(customer);
        if (!products.isEmpty() && PURCHASES.contains(type)) f.productsChanged |= f.products.addAll(products);
        long t = at.toEpochMilli();
        if (f.firstSeenIndex < 0) {
            f.firstSeenIndex = index;
            f.firstSeenAt = t;
        }
        f.interactions++;
        f.lastInteractionAt = Math.max(f.lastInteractionAt, t);
        if (type != null && type.contains("complaint") && !type.contains("resolv")) {
            f.complaintsOpen++;
            f.lastComplaintAt = Math.max(f.lastComplaintAt, t);
        } else if (type != null && (type.contains("resolv") || type.contains("resolution")) && f.complaintsOpen > 0) {
            f.complaintsOpen--;
        }
    }

    void consent(String customer, String purpose, boolean granted) {
        Facts f = of(customer);
        for (int p = 0; p < PURPOSES.length; p++)
            if (PURPOSES[p].equals(purpose)) {
                f.consents[p] = (byte) (granted ? 1 : 0);
                if (granted && f.grants[p] < Byte.MAX_VALUE) f.grants[p]++;
            }
    }

    void tokens(String customer, long delta) { of(customer).tokens += delta; }

    long balance(String holder) {
        Facts f = current(holder);
        return f == null ? 0 : f.tokens;
    }

    /** {@code absorbed} was merged into {@code survivor}: one customer's facts now. */
    void merge(String absorbed, String survivor) {
        Facts a = current(absorbed);
        changed.remove(absorbed); // re-inserted last, as before: the order the projections get them in
        remove(absorbed);
        if (a == null) return;
        Facts s = of(survivor);
        s.interactions += a.interactions;
        s.complaintsOpen += a.complaintsOpen;
        s.tokens += a.tokens;
        if (s.firstSeenIndex < 0 || (a.firstSeenIndex >= 0 && a.firstSeenIndex < s.firstSeenIndex)) {
            s.firstSeenIndex = a.firstSeenIndex;
            s.firstSeenAt = a.firstSeenAt;
        }
        s.lastInteractionAt = Math.max(s.lastInteractionAt, a.lastInteractionAt);
        s.lastComplaintAt = Math.max(s.lastComplaintAt, a.lastComplaintAt);
        s.productsChanged |= s.products.addAll(a.products);
        for (int p = 0; p < PURPOSES.length; p++) {
            s.consents[p] = (byte) Math.max(s.consents[p], a.consents[p]);
            s.grants[p] = (byte) Math.min(Byte.MAX_VALUE, s.grants[p] + a.grants[p]);
        }
    }

    /**
     * Customers who bought any of {@code products} (a recall), in id order: the store's index by product, with what
     * the groups in flight changed.
     */
    List<String> holdersOf(List<String> products) {
        if (products.isEmpty()) return List.of();
        TreeSet<String> out = new TreeSet<>();
        Map<String, Facts> pending;
        if (facts != null) pending = facts;
        else {
            out.addAll(store.customersWhoBought(products));
            pending = stored.pending();
        }
        pending.forEach((c, f) -> {
            out.remove(c); // merged away, erased, or bought since: its facts in flight decide
            if (f == null) return;
            for (String p : products) if (f.products.contains(p)) { out.add(c); return; }
        });
        return new ArrayList<>(out);
    }

    void forget(String customer) { remove(customer); }

    /** The state a contract sees for {@code customer} at an entry that happened at {@code at}. */
    CustomerState state(String customer, Instant at) { return state(customer, current(customer), at); }

    /** The state of a customer whose stored facts are {@code encoded} (null: none yet), at {@code at}. */
    static CustomerState state(String customer, String encoded, Instant at) {
        return state(customer, encoded == null ? null : Facts.decode(encoded), at);
    }

    /** The products a customer whose stored facts are {@code encoded} bought. */
    static List<String> products(String encoded) { return encoded == null ? List.of() : List.copyOf(Facts.decode(encoded).products); }

    private static CustomerState state(String customer, Facts f, Instant at) {
        CustomerState.Builder b = CustomerState.builder().id(customer);
        if (f == null) return b.set("interactions", 0L).set("tokens", 0L).set("complaintsOpen", 0L).build();
        b.set("interactions", f.interactions).set("complaintsOpen", f.complaintsOpen).set("tokens", f.tokens);
        if (f.firstSeenIndex >= 0) {
            b.set("firstSeenIndex", f.firstSeenIndex).set("firstSeenAt", Instant.ofEpochMilli(f.firstSeenAt));
            b.set("tenureDays", Math.max(0, (at.toEpochMilli() - f.firstSeenAt) / 86_400_000L));
        }
        if (f.lastInteractionAt != Long.MIN_VALUE) b.set("lastInteractionAt", Instant.ofEpochMilli(f.lastInteractionAt));
        if (f.lastComplaintAt != Long.MIN_VALUE) b.set("lastComplaintAt", Instant.ofEpochMilli(f.lastComplaintAt));
        Map<String, Boolean> consents = new TreeMap<>();
        Map<String, Long> grants = new TreeMap<>();
        for (int p = 0; p < PURPOSES.length; p++) {
            consents.put(PURPOSES[p], f.consents[p] == 1);
            grants.put(PURPOSES[p], (long) f.grants[p]);
        }
        return b.set("consents", consents).set("consentGrants", grants).build();
    }

    /** The facts changed since the last call, encoded (null: forget the customer), and the products that changed, into the projections' changes. */
    void drainInto(ProjectionChanges changes) {
        changed.forEach((c, f) -> {
            changes.facts.put(c, f == null ? null : f.encode());
            if (f == null) changes.products.put(c, null);
            else if (f.productsChanged) {
                changes.products.put(c, List.copyOf(f.products));
                f.productsChanged = false;
            }
        });
        changed.clear();
    }
}
