package org.touchline.domain.store;

import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The changes the projection contracts apply: a customer, an event, and a history with a bit of every projection. */
final class ProjectionHistory {
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private ProjectionHistory() {
    }

    static ProjectionChanges changes() { return new ProjectionChanges(); }

    static void apply(ProjectionStore p, ProjectionChanges c) { p.apply(c); }

    /** A customer with one identifier and one interaction on the timeline. */
    static ProjectionChanges customer(String id, long index, long atMillis, String identifierKey) {
        ProjectionChanges c = changes();
        c.customers.add(new ProjectionChanges.Customer(id, index));
        c.links.add(new ProjectionChanges.Link(identifierKey, "email", id, index));
        c.timeline.add(new TimelineRow(id, atMillis, index, "subject"));
        return c;
    }

    static EventEntry event(String kind, String customer, long about, String field, String value) {
        return new EventEntry(kind, about, AT, customer, new TreeMap<>(Map.of(field, value)), null);
    }

    /** A bit of every projection, with ids whose byte order differs from a locale's (capitals, accents). */
    static ProjectionChanges history() {
        ProjectionChanges all = changes();
        for (ProjectionChanges part : historyInParts()) {
            all.customers.addAll(part.customers);
            all.links.addAll(part.links);
            all.timeline.addAll(part.timeline);
            all.decisionRows.addAll(part.decisionRows);
            all.relationships.addAll(part.relationships);
            all.events.addAll(part.events);
            all.tokenMovements.addAll(part.tokenMovements);
            all.facts.putAll(part.facts);
            all.profiles.putAll(part.profiles);
            all.matchBlocks.putAll(part.matchBlocks);
            all.products.putAll(part.products);
            all.apart.addAll(part.apart);
            all.searchKeys.addAll(part.searchKeys);
            all.erasedIdentifiers.addAll(part.erasedIdentifiers);
            all.postcodeAreas.putAll(part.postcodeAreas);
        }
        return all;
    }

    static List<ProjectionChanges> historyInParts() {
        List<ProjectionChanges> parts = new ArrayList<>();
        String[] ids = {"zoë", "Émile", "adam", "Adam", "bob"};
        for (int k = 0; k < ids.length; k++) {
            ProjectionChanges c = customer(ids[k], k * 10L, 1_700_000_000_000L + k, "k:" + ids[k]);
            c.timeline.add(new TimelineRow(ids[k], 1_700_000_000_500L, k * 10L + 1, "consent"));
            c.events.add(new ProjectionChanges.EventRow(k * 10L + 1, event(EventEntry.CONSENT, ids[k], -1, "purpose", "marketing")));
            c.tokenMovements.add(new ProjectionChanges.TokenMovement(k * 10L + 2, "customer:" + ids[k], "mint", 5 + k, 1_700_000_000_000L));
            c.facts.put(ids[k], "{\"interactions\":" + k + "}");
            c.profiles.put(ids[k], ("profile " + ids[k]).getBytes(StandardCharsets.UTF_8));
            c.matchBlocks.put(ids[k], new long[]{k + 1, 0, -5_000_000_000L * (k + 1)});
            c.products.put(ids[k], List.of("SKU-" + k, "SKU-all"));
            c.searchKeys.add(new ProjectionChanges.SearchKey("s:" + ids[k], ids[k]));
            c.searchKeys.add(new ProjectionChanges.SearchKey("s:shared", ids[k]));
            c.postcodeAreas.put(ids[k], List.of("a:" + ids[k], "a:shared"));
            c.decisionRows.add(new ProjectionChanges.DecisionRow(k * 10L + 3,
                    IdentityDecision.derived(IdentityDecision.REVIEW, k * 10L, AT, ids[k], ids[(k + 1) % ids.length], "email", "k:" + ids[k], "email-exact"), "open"));
            parts.add(c);
        }
        ProjectionChanges last = changes();
        last.relationships.add(new ProjectionChanges.Relationship(60, "household", "adam", "Adam", "2026-01-01", null));
        last.apart.add(new ProjectionChanges.Apart("bob", "Émile", 61));
        last.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:Zoé", 62));
        last.erasedIdentifiers.add(new ProjectionChanges.ErasedIdentifier("k:zoe", 62));
        parts.add(last);
        return parts;
    }
}
