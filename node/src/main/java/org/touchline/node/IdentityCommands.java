package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;
import org.touchline.identity.IdentityGraph;
import org.touchline.identity.StoredIdentityState;
import org.touchline.identity.match.PersonMatchModel;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a person can decide about identity, each recorded as a ledger entry (docs/identity.md): accept or reject a
 * pair from the review queue, unmerge a customer, relate two customers without merging them, end a relationship.
 * Each method checks the request against the projections, then appends through the node's single writer; {@link
 * #apply} is the one place the effect is computed, live and in {@code touchline rebuild} alike.
 */
public final class IdentityCommands {
    private final Node node;
    private final Clock clock;
    private final boolean appends;

    /**
     * {@code appends} false: each command checks its request as it would before appending, then appends nothing
     * (see {@link Node#identityCommands(Clock, boolean)}).
     */
    IdentityCommands(Node node, Clock clock, boolean appends) {
        this.node = node;
        this.clock = clock;
        this.appends = appends;
    }

    /** Accepts a pending review: the two customers become one (the older survives). Returns the entry's index. */
    public long acceptReview(long reviewEntry, String actor, String reason) {
        ProjectionChanges.DecisionRow review = openReview(reviewEntry);
        return append(actor, new IdentityDecision(IdentityDecision.REVIEW_ACCEPTED, reviewEntry, clock.instant(),
                review.decision().customerId(), review.decision().otherCustomerId(), null, null, null,
                "accepted by a person", null, actor, reason, null));
    }

    /** Rejects a pending review: the two customers stay apart, and no later record merges them. */
    public long rejectReview(long reviewEntry, String actor, String reason) {
        ProjectionChanges.DecisionRow review = openReview(reviewEntry);
        return append(actor, new IdentityDecision(IdentityDecision.REVIEW_REJECTED, reviewEntry, clock.instant(),
                review.decision().customerId(), review.decision().otherCustomerId(), null, null, null,
                "rejected by a person: kept apart from now on", null, actor, reason, null));
    }

    /**
     * Merges two customers that a batch resolver over the node's own match model found to be one person at or above
     * the link threshold ({@code touchline spark apply}; docs/spark.md). Recorded as an accepted review that
     * is about no review entry, carrying the batch's score and rule and the actor that ran it: a command, so a rebuild
     * applies it at its index exactly as it applied live. Refused like any accepted review (kept apart, an identifier
     * limit). Returns the entry's index, or -1 when the two are one customer already.
     */
    public long acceptBatchMatch(String customerId, String otherCustomerId, IdentityDecision.Score score, String rule, String actor) {
        String c = node.customers().current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        String o = node.customers().current(otherCustomerId).orElseThrow(() -> new NoSuchElementException("no customer " + otherCustomerId));
        if (c.equals(o)) return -1;
        return append(actor, new IdentityDecision(IdentityDecision.REVIEW_ACCEPTED, -1, clock.instant(), c, o, null, null, null,
                rule, score, actor, null, null));
    }

    /**
     * The review queue's decided pairs as answers to learn from ({@link PersonMatchModel#withReviews}): each accepted or
     * rejected review with the comparison levels its entry recorded. Read from the projections of the ledger's review,
     * accept and reject entries, so the same ledger gives the same answers on every node and after a rebuild.
     */
    public List<PersonMatchModel.ReviewAnswer> reviewAnswers() {
        List<PersonMatchModel.ReviewAnswer> out = new ArrayList<>();
        for (String status : List.of("accepted", "rejected"))
            for (long after = -1; ; ) {
                List<ProjectionChanges.DecisionRow> page = node.projections().reviews(status, after, 1_000);
                for (ProjectionChanges.DecisionRow r : page) {
                    IdentityDecision.Score score = r.decision().score();
                    if (score == null) continue;
                    Map<String, String> levels = new LinkedHashMap<>();
                    for (IdentityDecision.Contribution c : score.contributions()) levels.put(c.field(), c.level());
                    out.add(new PersonMatchModel.ReviewAnswer(levels, status.equals("accepted")));
                }
                if (page.size() < 1_000) break;
                after = page.get(page.size() - 1).entry();
            }
        return out;
    }

    private ProjectionChanges.DecisionRow openReview(long entry) {
        ProjectionChanges.DecisionRow row = node.projections().decision(entry)
                .filter(r -> IdentityDecision.REVIEW.equals(r.decision().kind()))
                .orElseThrow(() -> new NoSuchElementException("entry " + entry + " is not a review"));
        if (!"open".equals(row.status())) throw new IllegalStateException("review " + entry + " is already " + row.status());
        return row;
    }

    /**
     * Splits a customer (unmerge, docs/identity.md). With {@code absorbed}, undoes the merge of that customer: it is its own
     * customer again under its old id, with every identifier first linked to it (or to customers merged into it).
     * With {@code identifiers} instead, those identifiers move to a new customer. The customer keeps its id for the
     * rest; records are re-attributed by the identifiers they carry; the two parts are kept apart from then on.
     */
    public long unmerge(String customerId, String absorbed, List<Identifier> identifiers, String actor, String reason) {
        String c = node.customers().current(customerId)
                .orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        if (!c.equals(customerId)) throw new IllegalArgumentException(customerId + " was merged into " + c + ": unmerge " + c);
        if ((absorbed == null) == (identifiers == null || identifiers.isEmpty()))
            throw new IllegalArgumentException("give either 'absorbed' (a customer merged into this one) or 'identifiers' to split off");
        List<ProjectionChanges.Link> links = node.projections().linksOf(c);
        List<String> keys = new ArrayList<>();
        String part;
        String rule;
        if (absorbed != null) {
            if (!node.projections().survivorOf(absorbed).map(c::equals).orElse(false))
                throw new IllegalArgumentException(absorbed + " is not a customer merged into " + c);
            // The identifiers first linked to the absorbed customer or to any customer that followed it in.
            Set<String> family = new HashSet<>(StoredIdentityState.followers(absorbed, node.projections().mergesInto(c)));
            family.add(absorbed);
            for (ProjectionChanges.Link l : links) if (family.contains(l.origin())) keys.add(l.identifierKey());
            part = absorbed;
            rule = "undo the merge of " + absorbed;
        } else {
            Map<String, String> owned = new LinkedHashMap<>();
            links.forEach(l -> owned.put(l.identifierKey(), l.identifierType()));
            for (Identifier id : identifiers) {
                String key = node.identifierKeys().keyOf(id);
                if (!owned.containsKey(key)) throw new IllegalArgumentException("identifier " + id.type() + " is not one of " + c + "'s");
                keys.add(key);
            }
            part = null; // named by the entry's index, once the writer gives it one
            rule = "split identifiers off";
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("nothing to split off: " + absorbed + " brought no identifier that is still " + c + "'s");
        if (keys.size() == links.size()) throw new IllegalArgumentException("that would leave " + c + " with no identifier: nothing to keep");
        String named = part;
        if (!appends) return -1;
        return node.command(actor, (index, graph, changes) -> {
            IdentityDecision d = new IdentityDecision(IdentityDecision.UNMERGED, -1, clock.instant(), c,
                    named != null ? named : IdentityGraph.customerId(index, 0), null, null, keys, rule, null, actor, reason, null);
            apply(d, index, graph, changes);
            return List.of(CommandEntry.of(d));
        });
    }

    /** Records a relationship that never merges: a household member, a proxy, an employee, a parent organisation. */
    public long relate(String type, String fromCustomer, String toCustomer, LocalDate validFrom, LocalDate validTo, String actor) {
        if (!IdentityDecision.Relationship.TYPES.contains(type))
            throw new IllegalArgumentException("relationship type '" + type + "' is not one of " + IdentityDecision.Relationship.TYPES);
        String from = node.customers().current(fromCustomer).orElseThrow(() -> new NoSuchElementException("no customer " + fromCustomer));
        String to = node.customers().current(toCustomer).orElseThrow(() -> new NoSuchElementException("no customer " + toCustomer));
        if (from.equals(to)) throw new IllegalArgumentException("a customer cannot be related to itself");
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom))
            throw new IllegalArgumentException("validTo " + validTo + " is before validFrom " + validFrom);
        return append(actor, new IdentityDecision(IdentityDecision.RELATIONSHIP, -1, clock.instant(), from, to, null, null, null,
                "relationship, never a merge", null, actor, null, new IdentityDecision.Relationship(type,
                validFrom == null ? null : validFrom.toString(), validTo == null ? null : validTo.toString())));
    }

    /** Ends a relationship on {@code validTo} (inclusive). */
    public long endRelationship(long relationshipEntry, LocalDate validTo, String actor) {
        ProjectionChanges.Relationship r = node.projections().relationship(relationshipEntry)
                .orElseThrow(() -> new NoSuchElementException("entry " + relationshipEntry + " is not a relationship"));
        if (r.validTo() != null) throw new IllegalStateException("relationship " + relationshipEntry + " already ended on " + r.validTo());
        if (validTo == null) throw new IllegalArgumentException("validTo is required");
        if (r.validFrom() != null && validTo.isBefore(LocalDate.parse(r.validFrom())))
            throw new IllegalArgumentException("validTo " + validTo + " is before the relationship began (" + r.validFrom() + ")");
        return append(actor, new IdentityDecision(IdentityDecision.RELATIONSHIP_ENDED, relationshipEntry, clock.instant(), r.from(), r.to(),
                null, null, null, "relationship ended", null, actor, null,
                new IdentityDecision.Relationship(r.type(), r.validFrom(), validTo.toString())));
    }

    private long append(String actor, IdentityDecision d) {
        if (!appends) return -1;
        return node.command(actor == null ? "touchline" : actor, (index, graph, changes) -> {
            apply(d, index, graph, changes);
            return List.of(CommandEntry.of(d));
        });
    }

    /**
     * The effect of a command entry at {@code index} on the resolver and the projections, which must hold everything
     * before {@code index} (the writer and the rebuild both make sure). Throws when the command cannot apply; a rebuild
     * then records it as refused, as it was live.
     */
    void apply(IdentityDecision d, long index, IdentityGraph graph, ProjectionChanges changes) {
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
        boolean newPart = !node.projections().customerExists(part);
        Set<String> moving = new HashSet<>(d.identifierKeys());
        Map<String, String> movingTypes = new LinkedHashMap<>(), remainingTypes = new LinkedHashMap<>();
        for (ProjectionChanges.Link l : node.projections().linksOf(from))
            (moving.contains(l.identifierKey()) ? movingTypes : remainingTypes).put(l.identifierKey(), l.identifierType());
        graph.split(index, from, part, newPart, movingTypes, remainingTypes, changes);
        if (!newPart) changes.unmerges.add(new ProjectionChanges.Unmerge(part, from, index, graph.mergedInto(part)));
        for (String key : movingTypes.keySet()) changes.relinks.add(new ProjectionChanges.Relink(key, part));
        // Re-attribute: a record goes with the part when the identifiers it carries for that role are the part's only.
        // The search index follows: the part holds the names and postcodes of the records that go with it and of the
        // identifiers it takes; the customer keeps those of the records and identifiers it keeps, and loses the rest.
        Set<String> partSearch = new TreeSet<>(), fromSearch = new TreeSet<>(), seenSearch = new TreeSet<>();
        for (TimelineRow row : node.projections().timeline(from, null, null, Integer.MAX_VALUE)) {
            if (row.role().equals("identity")) continue;
            Optional<PersonalPart> personal = node.vault().openPart(node.ledger(), row.index());
            if (personal.isEmpty()) continue;
            Interaction i = InteractionEntry.parse(node.ledger().leaf(row.index())).withPersonal(personal.get());
            boolean toPart = false, toFrom = false;
            List<String> rowSearch = new ArrayList<>();
            for (IdentityGraph.RoleIdentifiers p : IdentityGraph.parties(i)) {
                if (!p.role().equals(row.role())) continue;
                for (Identifier id : p.identifiers()) {
                    String key = node.identifierKeys().keyOf(id), searchKey = node.identifierKeys().searchKeyOf(id);
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
