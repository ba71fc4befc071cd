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
