package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.TimelineRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The customer side of the read model: find a customer by any identifier, and read their timeline. */
public final class Customers {
    public static final int MAX_PAGE = 500;
    private final Node node;

    Customers(Node node) { this.node = node; }

    public Optional<String> findByIdentifier(Identifier id) {
        return node.projections().customerByIdentifierKey(node.identifierKeys().keyOf(id));
    }

    /** The customer an id names now: itself, or the customer it was merged into. */
    public Optional<String> current(String customerId) {
        if (node.projections().customerExists(customerId)) {
            Optional<String> survivor = node.projections().survivorOf(customerId);
            return survivor.isPresent() ? survivor : Optional.of(customerId);
        }
        return Optional.empty();
    }

    /**
     * Explains a customer's identity from the projections, the ledger and the vault: the identifier index keeps only
     * keyed hashes, so each identifier's value is read back from the personal part of the entry that linked it.
     */
    public Optional<IdentityExplanation> explain(String customerId) {
        var projections = node.projections();
        Optional<Long> created = projections.createdAt(customerId);
        if (created.isEmpty()) return Optional.empty();
        List<IdentityExplanation.LinkedIdentifier> ids = new ArrayList<>();
        for (var link : projections.linksOf(customerId)) {
            InteractionEntry entry = InteractionEntry.parse(node.ledger().leaf(link.atIndex()));
            Identifier value = identifiersOf(link.atIndex()).stream()
                    .filter(i -> node.identifierKeys().keyOf(i).equals(link.identifierKey())).findFirst().orElse(null);
            String rule = node.identityRules().isStrong(link.identifierType())
                    ? "strong identifier: identifies one customer (at most " + node.identityRules().limit(link.identifierType()) + " per customer)"
                    : "weak evidence: attached to the customer the entry's strong identifiers name, never merges";
            ids.add(new IdentityExplanation.LinkedIdentifier(link.identifierType(), value == null ? null : value.value(),
                    link.atIndex(), entry.source(), entry.sourceRecordId(), rule));
        }
        List<IdentityExplanation.MergedCustomer> merges = new ArrayList<>();
        for (var merge : projections.mergesInto(customerId)) {
            InteractionEntry entry = InteractionEntry.parse(node.ledger().leaf(merge.atIndex()));
            List<String> shared = identifiersOf(merge.atIndex()).stream().filter(i -> node.identityRules().isStrong(i.type())).map(Identifier::toString).distinct().toList();
            merges.add(new IdentityExplanation.MergedCustomer(merge.absorbed(), merge.atIndex(), entry.source(), entry.sourceRecordId(), shared));
        }
        return Optional.of(new IdentityExplanation(customerId, created.get(), ids, merges));
    }

    private List<Identifier> identifiersOf(long index) {
        return node.vault().openPart(node.ledger(), index).map(p -> {
            List<Identifier> all = new ArrayList<>(p.identifiers());
            p.parties().forEach(party -> all.addAll(party.identifiers()));
            return all;
        }).orElse(List.of());
    }

    /** One entry of a timeline. {@code interaction} lacks identifiers and text if the personal part was erased. */
    public record TimelineItem(long index, String role, Interaction interaction, boolean erased) {}

    /** A page of a timeline, newest first; {@code next} is the cursor of the following page, null at the end. */
    public record TimelinePage(String customerId, long total, List<TimelineItem> items, String next) {}

    public TimelinePage timeline(String customerId, String cursor, int limit) {
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
        List<TimelineRow> rows = node.projections().timeline(customerId, beforeMillis, beforeIndex, n + 1);
        List<TimelineItem> items = new ArrayList<>();
        for (int k = 0; k < Math.min(n, rows.size()); k++) {
            TimelineRow r = rows.get(k);
            InteractionEntry entry = InteractionEntry.parse(node.ledger().leaf(r.index()));
            Optional<PersonalPart> part = node.vault().openPart(node.ledger(), r.index());
            items.add(new TimelineItem(r.index(), r.role(), entry.withPersonal(part.orElse(null)), part.isEmpty()));
        }
        String next = null;
        if (rows.size() > n) {
            TimelineRow last = rows.get(n - 1);
            next = last.occurredAtMillis() + "." + last.index();
        }
        return new TimelinePage(customerId, node.projections().timelineCount(customerId), items, next);
    }
}
