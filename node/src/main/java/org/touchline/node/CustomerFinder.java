package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentifierType;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentifierKeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finding customers from what an agent types: free text is tried as a Touchline customer id and as every identifier
 * type it could be (an email only with an '@', a phone only when it is mostly digits), each normalised as ingest
 * normalises it; {@code type:value} tries that type alone. Names and postcodes, which many customers share, are looked
 * up in the search index and find every customer holding them, case and spacing folded, a page at a time; every other
 * identifier names one customer. One result per current customer, with every identifier that matched: the customers
 * found by an id or a one-customer identifier first (strong ones first), on the first page; then the holders of the
 * name or postcode in id order.
 */
public final class CustomerFinder {
    private final Customers customers;
    private final ProjectionStore projections;

    CustomerFinder(Customers customers, ProjectionStore projections) {
        this.customers = customers;
        this.projections = projections;
    }

    /** Why a customer was found: an identifier they hold (or their Touchline id, type "touchline"). */
    public record Match(String type, String value, boolean strong, String why) {}

    /** One customer found, with how many interactions they have and every way the text matched them. */
    public record Found(String customerId, long interactions, List<Match> matchedBy) {}

    /** One page of a search: {@code next} is the cursor of the next page of holders, or null. */
    public record Page(long total, List<Found> results, String next) {}

    /** The page after {@code cursor} (null: the first) of at most {@code limit} holders of a shared identifier. */
    public Page find(String q, String cursor, int limit) {
        List<Identifier> candidates = candidates(q);
        List<Identifier> shared = candidates.stream().filter(id -> IdentifierKeys.SEARCHABLE.contains(id.type())).toList();

        // Customers an id or a one-customer identifier names: few, and all on the first page.
        Map<String, List<Match>> named = new LinkedHashMap<>();
        customers.current(q).ifPresent(c -> named.computeIfAbsent(c, k -> new ArrayList<>())
                .add(new Match("touchline", q, true, c.equals(q) ? "the Touchline customer id" : "a Touchline id merged into this customer")));
        for (Identifier id : candidates) {
            if (shared.contains(id)) continue;
            customers.findByIdentifier(id).flatMap(customers::current).ifPresent(c -> matched(named.computeIfAbsent(c, k -> new ArrayList<>()), id));
        }
        Map<String, List<Identifier>> namedHold = customers.held(named.keySet(), shared);
        namedHold.forEach((c, ids) -> ids.forEach(id -> matched(named.get(c), id)));

        // Then every holder of the name or postcode, a page at a time, less those already listed.
        Customers.Holders holders = customers.holding(shared, cursor, limit);
        List<Found> results = new ArrayList<>();
        if (cursor == null)
            named.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<Match>> e) -> !e.getValue().get(0).strong()).thenComparing(Map.Entry::getKey))
                    .forEach(e -> results.add(found(e.getKey(), e.getValue())));
        holders.holders().forEach((c, ids) -> {
            if (named.containsKey(c)) return;
            List<Match> by = new ArrayList<>();
            ids.forEach(id -> matched(by, id));
            results.add(found(c, by));
        });
        return new Page(named.size() + holders.total() - namedHold.size(), results, holders.next());
    }

    private Found found(String customer, List<Match> matchedBy) {
        return new Found(customer, projections.timelineCount(customer), List.copyOf(matchedBy));
    }

    private static void matched(List<Match> by, Identifier id) {
        for (Match m : by) if (m.type().equals(id.type()) && m.value().equals(id.value())) return;
        by.add(new Match(id.type(), id.value(), id.isStrong(), id.isStrong() ? "strong identifier: it names one customer"
                : IdentifierKeys.SEARCHABLE.contains(id.type()) ? "a " + id.type().replace('_', ' ') + " this customer has"
                : "weak evidence linked to this customer"));
    }

    /** Every identifier {@code q} could be; {@code type:value} is that type alone. */
    static List<Identifier> candidates(String q) {
        List<Identifier> out = new ArrayList<>();
        int colon = q.indexOf(':');
        if (colon > 0 && IdentifierType.isKnown(q.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
            out.add(Identifier.parse(q));
            return out;
        }
        boolean phoneLike = q.matches("[+()0-9 .\\-]{7,}") && q.replaceAll("[^0-9]", "").length() >= 7;
        List<String> types = new ArrayList<>(IdentifierType.KNOWN);
        types.sort(Comparator.comparing((String t) -> !IdentifierType.isStrong(t)).thenComparing(t -> t));
        for (String type : types) {
            if (type.equals("email") && !q.contains("@")) continue;
            if (type.equals("phone") && !phoneLike) continue;
            try {
                out.add(new Identifier(type, q));
            } catch (IllegalArgumentException e) {
                // not a value this type can hold: nothing to try
            }
        }
        return out;
    }
}
