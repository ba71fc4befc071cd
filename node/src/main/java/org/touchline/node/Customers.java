package org.touchline.node;

import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.TimelineRow;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentifierRules;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The customer side of the read model: find a customer by any identifier, and read their timeline. */
public final class Customers {
    public static final int MAX_PAGE = 500;
    private final LedgerStore ledger;
    private final ProjectionStore projections;
    private final IdentifierKeys identifierKeys;
    private final Resolution resolution;
    private final Vault vault;

    /** {@code resolution}: the rules in force when asked (the node may re-resolve under new ones later). */
    Customers(LedgerStore ledger, ProjectionStore projections, IdentifierKeys identifierKeys, Resolution resolution, Vault vault) {
        this.ledger = ledger;
        this.projections = projections;
        this.identifierKeys = identifierKeys;
        this.resolution = resolution;
        this.vault = vault;
    }

    public Optional<String> findByIdentifier(Identifier id) {
        return projections.customerByIdentifierKey(identifierKeys.keyOf(id));
    }

    /**
     * A page of the customers holding a name or a postcode: {@code holders} in id order, each with the identifiers
     * asked for that it holds; {@code total} over every page; {@code next} the cursor of the following page, or null.
     */
    public record Holders(long total, Map<String, List<Identifier>> holders, String next) {}

    /**
     * Every current customer holding any of {@code ids} that the search index keeps ({@link IdentifierKeys#SEARCHABLE}:
     * names and postcodes, case and spacing folded; the others are ignored), {@code limit} at a time in id order after
     * {@code after} (null: the first page). Where {@link #findByIdentifier} names the one customer the identifier index
     * gives a value to, this names all of them.
     */
    public Holders holding(List<Identifier> ids, String after, int limit) {
        Map<String, Identifier> byKey = searchKeys(ids);
        if (byKey.isEmpty()) return new Holders(0, Map.of(), null);
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        Map<String, List<Identifier>> page = grouped(projections.searchKeyHolders(byKey.keySet(), after, n + 1), byKey);
        String next = null;
        if (page.size() > n) {
            List<String> order = new ArrayList<>(page.keySet());
            page.remove(order.get(n));
            next = order.get(n - 1);
        }
        return new Holders(projections.searchKeyHolderCount(byKey.keySet()), page, next);
    }

    /** Which of {@code ids} (names, postcodes) each of {@code customers} holds; customers holding none are absent. */
    public Map<String, List<Identifier>> held(Collection<String> customers, List<Identifier> ids) {
        Map<String, Identifier> byKey = searchKeys(ids);
        if (byKey.isEmpty() || customers.isEmpty()) return Map.of();
        List<ProjectionChanges.SearchKey> rows = new ArrayList<>(projections.searchKeysOf(customers));
        rows.removeIf(r -> !byKey.containsKey(r.key()));
        return grouped(rows, byKey);
    }

    private Map<String, Identifier> searchKeys(List<Identifier> ids) {
        Map<String, Identifier> byKey = new LinkedHashMap<>();
        for (Identifier id : ids) {
            String k = identifierKeys.searchKeyOf(id);
            if (k != null) byKey.putIfAbsent(k, id);
        }
        return byKey;
    }

    private static Map<String, List<Identifier>> grouped(List<ProjectionChanges.SearchKey> rows, Map<String, Identifier> byKey) {
        Map<String, List<Identifier>> out = new LinkedHashMap<>();
        for (ProjectionChanges.SearchKey r : rows) out.computeIfAbsent(r.customerId(), c -> new ArrayList<>()).add(byKey.get(r.key()));
        return out;
    }

    /** The customer an id names now: itself, or the customer it was merged into. */
    public Optional<String> current(String customerId) {
        if (projections.customerExists(customerId)) {
            Optional<String> survivor = projections.survivorOf(customerId);
            return survivor.isPresent() ? survivor : Optional.of(customerId);
        }
        return Optional.empty();
    }

    /**
     * Explains a customer's identity from the projections, the ledger and the vault: the identifier index keeps only
     * keyed hashes, so each identifier's value is read back from the personal part of the entry that linked it.
     */
    public Optional<IdentityExplanation> explain(String customerId) {
        Optional<Long> created = projections.createdAt(customerId);
        if (created.isEmpty()) return Optional.empty();
        IdentifierRules identityRules = resolution.rules();
        List<IdentityExplanation.LinkedIdentifier> ids = new ArrayList<>();
        // Records placed by the probabilistic matcher: their identifiers joined on the score, not on a rule.
        Map<Long, IdentityDecision> matchedAt = new HashMap<>();
        for (var row : decisions(customerId))
            if (IdentityDecision.MATCHED.equals(row.decision().kind())) matchedAt.put(row.decision().about(), row.decision());
        for (var link : projections.linksOf(customerId)) {
            InteractionEntry entry = InteractionEntry.parse(ledger.leaf(link.atIndex()));
            Identifier value = identifiersOf(link.atIndex()).stream()
                    .filter(i -> identifierKeys.keyOf(i).equals(link.identifierKey())).findFirst().orElse(null);
            var matched = matchedAt.get(link.atIndex());
            String rule = matched != null
                    ? String.format(Locale.ROOT, "joined with its record, placed by the probabilistic matcher (p=%.4f)", matched.score().probability())
                    : identityRules.isStrong(link.identifierType())
                    ? "strong identifier: identifies one customer (at most " + identityRules.limit(link.identifierType()) + " per customer)"
                    : "weak evidence: attached to the customer the entry's strong identifiers name, never merges";
            ids.add(new IdentityExplanation.LinkedIdentifier(link.identifierType(), value == null ? null : value.value(),
                    link.atIndex(), entry.source(), entry.sourceRecordId(), rule));
        }
        List<IdentityExplanation.MergedCustomer> merges = new ArrayList<>();
        for (var merge : projections.mergesInto(customerId)) {
            InteractionEntry entry = InteractionEntry.parse(ledger.leaf(merge.atIndex()));
            List<String> shared = identifiersOf(merge.atIndex()).stream().filter(i -> identityRules.isStrong(i.type())).map(Identifier::toString).distinct().toList();
            merges.add(new IdentityExplanation.MergedCustomer(merge.absorbed(), merge.atIndex(), entry.source(), entry.sourceRecordId(), shared));
        }
        return Optional.of(new IdentityExplanation(customerId, created.get(), ids, merges));
    }

    private List<Identifier> identifiersOf(long index) {
        return vault.openPart(ledger, index).map(p -> {
            List<Identifier> all = new ArrayList<>(p.identifiers());
            p.parties().forEach(party -> all.addAll(party.identifiers()));
            return all;
        }).orElse(List.of());
    }

    /**
     * One entry of a timeline: an interaction ({@code interaction} lacks identifiers and text if the personal part was
     * erased) or an identity decision about this customer ({@code decision}; {@code interaction} is then null).
     * {@code customerId} says whose line it is, which matters on a household's combined timeline.
     */
    public record TimelineItem(long index, String role, String customerId, Interaction interaction, boolean erased,
                               IdentityDecision decision, EventEntry event, String comment) {}

    /** A page of a timeline, newest first; {@code next} is the cursor of the following page, null at the end. */
    public record TimelinePage(String customerId, long total, List<TimelineItem> items, String next) {}

    public TimelinePage timeline(String customerId, String cursor, int limit) {
        return timeline(customerId, List.of(customerId), cursor, limit);
    }

    /** One timeline over several customers (a household, an organisation), newest first. */
    public TimelinePage timeline(String name, List<String> customers, String cursor, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        Long beforeMillis = null, beforeIndex = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] c = cursor.split("\\.");
            try {
                if (c.length != 2) throw new NumberFormatException();
                beforeMillis = Long.parseLong(c[0]);
                beforeIndex = Long.parseLong(c[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor '" + cursor + "' is not one this API handed out");
            }
        }
        List<TimelineRow> rows = projections.timeline(customers, beforeMillis, beforeIndex, n + 1);
        List<TimelineItem> items = new ArrayList<>();
        for (int k = 0; k < Math.min(n, rows.size()); k++) {
            TimelineRow r = rows.get(k);
            byte[] leaf = ledger.leaf(r.index());
            switch (EntryKind.of(leaf)) {
                case IDENTITY -> items.add(new TimelineItem(r.index(), r.role(), r.customerId(), null, false,
                        IdentityDecision.parse(leaf), null, null));
                case EVENT -> {
                    var event = EventEntry.parse(leaf);
                    Optional<PersonalPart> part = event.commitment() == null ? Optional.empty() : vault.openPart(ledger, r.index());
                    items.add(new TimelineItem(r.index(), r.role(), r.customerId(), null, event.commitment() != null && part.isEmpty(),
                            null, event, part.map(PersonalPart::text).orElse(null)));
                }
                default -> {
                    InteractionEntry entry = InteractionEntry.parse(leaf);
                    Optional<PersonalPart> part = vault.openPart(ledger, r.index());
                    items.add(new TimelineItem(r.index(), r.role(), r.customerId(), entry.withPersonal(part.orElse(null)), part.isEmpty(), null, null, null));
                }
            }
        }
        String next = null;
        if (rows.size() > n) {
            TimelineRow last = rows.get(n - 1);
            next = last.occurredAtMillis() + "." + last.index();
        }
        return new TimelinePage(name, projections.timelineCount(customers), items, next);
    }

    /**
     * The customers linked to {@code customerId} by relationships of the given types that hold on {@code on}, followed
     * transitively (a household: partners and their children; an organisation: its employees and subsidiaries), the
     * customer first, the rest in id order. Relationships never merge: each member stays its own customer.
     */
    public List<String> group(String customerId, Set<String> types, LocalDate on) {
        LinkedHashSet<String> members = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(customerId));
        while (!todo.isEmpty() && members.size() < 10_000) {
            String c = todo.poll();
            if (!members.add(c)) continue;
            for (var r : projections.relationshipsOf(c)) {
                if (!types.contains(r.type()) || !holds(r, on)) continue;
                String other = current(r.from().equals(c) ? r.to() : r.from()).orElse(null);
                if (other != null && !members.contains(other)) todo.add(other);
            }
        }
        List<String> rest = new ArrayList<>(members);
        rest.remove(0);
        Collections.sort(rest);
        List<String> out = new ArrayList<>(List.of(customerId));
        out.addAll(rest);
        return out;
    }

    /** The customer's relationships (either side), current and ended, with the other customer's current id. */
    public List<ProjectionChanges.Relationship> relationships(String customerId) {
        List<ProjectionChanges.Relationship> out = new ArrayList<>();
        for (String id : idsOf(customerId))
            for (var r : projections.relationshipsOf(id))
                out.add(new ProjectionChanges.Relationship(r.entry(), r.type(),
                        current(r.from()).orElse(r.from()), current(r.to()).orElse(r.to()), r.validFrom(), r.validTo()));
        out.sort(Comparator.comparingLong(ProjectionChanges.Relationship::entry));
        return out.stream().distinct().toList();
    }

    /** The customer's own id and every id merged into it: relationships and decisions name whichever was current then. */
    public List<String> idsOf(String customerId) {
        List<String> ids = new ArrayList<>(List.of(customerId));
        projections.mergesInto(customerId).forEach(m -> ids.add(m.absorbed()));
        return ids;
    }

    private static boolean holds(ProjectionChanges.Relationship r, LocalDate on) {
        return (r.validFrom() == null || !on.isBefore(LocalDate.parse(r.validFrom())))
                && (r.validTo() == null || !on.isAfter(LocalDate.parse(r.validTo())));
    }

    /** Identity decisions naming this customer or any id merged into it, in ledger order. */
    public List<ProjectionChanges.DecisionRow> decisions(String customerId) {
        TreeMap<Long, ProjectionChanges.DecisionRow> rows = new TreeMap<>();
        for (String id : idsOf(customerId)) projections.decisionsOf(id).forEach(r -> rows.put(r.entry(), r));
        return new ArrayList<>(rows.values());
    }
}
