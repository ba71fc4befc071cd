package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.CustomerProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentityGraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an identity command entry (a review answered, an unmerge, a relationship begun or ended) changes in the resolver
 * and the projections (docs/identity.md): computed here once, for the writer appending the command and for a rebuild
 * replaying it at its index.
 */
public final class IdentityEffects {
    private final LedgerStore ledger;
    private final CustomerProjection customerIndex;
    private final TimelineProjection timelines;
    private final IdentifierKeys identifierKeys;
    private final Vault vault;

    IdentityEffects(LedgerStore ledger, CustomerProjection customerIndex, TimelineProjection timelines, IdentifierKeys identifierKeys, Vault vault) {
        this.ledger = ledger;
        this.customerIndex = customerIndex;
        this.timelines = timelines;
        this.identifierKeys = identifierKeys;
        this.vault = vault;
    }

    /**
     * The effect of a command entry at {@code index} on the resolver and the projections, which must hold everything
     * before {@code index} (the writer and the rebuild both make sure). Throws when the command cannot apply; a rebuild
     * then records it as refused, as it was live.
     */
    public void apply(IdentityDecision d, long index, IdentityGraph graph, ProjectionChanges changes) {
        switch (d.kind()) {
            case IdentityDecision.REVIEW_ACCEPTED -> {
                graph.mergeOnReview(index, d.customerId(), d.otherCustomerId(), changes);
                changes.reviewStatuses.add(new ProjectionChanges.ReviewStatus(d.about(), "accepted", index));
            }
            case IdentityDecision.REVIEW_REJECTED -> {
                graph.keepApart(index, d.customerId(), d.otherCustomerId(), changes);
                changes.reviewStatuses.add(new ProjectionChanges.ReviewStatus(d.about(), "rejected", index));
            }
            case IdentityDecision.UNMERGED -> unmerge(d, index, graph, changes);
            case IdentityDecision.RELATIONSHIP -> changes.relationships.add(new ProjectionChanges.Relationship(index,
                    d.relationship().type(), d.customerId(), d.otherCustomerId(), d.relationship().validFrom(), d.relationship().validTo()));
            case IdentityDecision.RELATIONSHIP_ENDED ->
                    changes.relationshipEnds.add(new ProjectionChanges.RelationshipEnd(d.about(), d.relationship().validTo()));
            default -> { /* rules entries change nothing by themselves: `identity resolve --all` replays under them */ }
        }
    }

    private void unmerge(IdentityDecision d, long index, IdentityGraph graph, ProjectionChanges changes) {
        String from = d.customerId(), part = d.otherCustomerId();
        boolean newPart = !customerIndex.customerExists(part);
        Set<String> moving = new HashSet<>(d.identifierKeys());
        Map<String, String> movingTypes = new LinkedHashMap<>(), remainingTypes = new LinkedHashMap<>();
        for (ProjectionChanges.Link l : customerIndex.linksOf(from))
            (moving.contains(l.identifierKey()) ? movingTypes : remainingTypes).put(l.identifierKey(), l.identifierType());
        graph.split(index, from, part, newPart, movingTypes, remainingTypes, changes);
        if (!newPart) changes.unmerges.add(new ProjectionChanges.Unmerge(part, from, index, graph.mergedInto(part)));
        for (String key : movingTypes.keySet()) changes.relinks.add(new ProjectionChanges.Relink(key, part));
        // Re-attribute: a record goes with the part when the identifiers it carries for that role are the part's only.
        // The search index follows: the part holds the names and postcodes of the records that go with it and of the
        // identifiers it takes; the customer keeps those of the records and identifiers it keeps, and loses the rest.
        Set<String> partSearch = new TreeSet<>(), fromSearch = new TreeSet<>(), seenSearch = new TreeSet<>();
        for (TimelineRow row : timelines.timeline(from, null, null, Integer.MAX_VALUE)) {
            if (row.role().equals("identity")) continue;
            Optional<PersonalPart> personal = vault.openPart(ledger, row.index());
            if (personal.isEmpty()) continue;
            Interaction i = InteractionEntry.parse(ledger.leaf(row.index())).withPersonal(personal.get());
            boolean toPart = false, toFrom = false;
            List<String> rowSearch = new ArrayList<>();
            for (IdentityGraph.RoleIdentifiers p : IdentityGraph.parties(i)) {
                if (!p.role().equals(row.role())) continue;
                for (Identifier id : p.identifiers()) {
                    String key = identifierKeys.keyOf(id), searchKey = identifierKeys.searchKeyOf(id);
                    toPart |= movingTypes.containsKey(key);
                    toFrom |= remainingTypes.containsKey(key);
                    if (searchKey == null) continue;
                    rowSearch.add(searchKey);
                    if (movingTypes.containsKey(key)) partSearch.add(searchKey);
                    if (remainingTypes.containsKey(key)) fromSearch.add(searchKey);
                }
            }
            boolean moves = toPart && !toFrom;
            if (moves) changes.moves.add(new ProjectionChanges.Move(from, part, row.occurredAtMillis(), row.index(), row.role()));
            (moves ? partSearch : fromSearch).addAll(rowSearch);
            seenSearch.addAll(rowSearch);
        }
        for (String k : partSearch) changes.searchKeys.add(new ProjectionChanges.SearchKey(k, part));
        for (String k : seenSearch) if (!fromSearch.contains(k)) changes.searchKeysDropped.add(new ProjectionChanges.SearchKey(k, from));
    }
}
