package org.touchline.node.command;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.store.CustomerProjection;
import org.touchline.domain.store.IdentityProjection;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentityGraph;
import org.touchline.identity.StoredIdentityState;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Customers;
import org.touchline.node.IdentityEffects;
import org.touchline.node.Node;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What a person can decide about identity, each recorded as a ledger entry (docs/identity.md): accept or reject a
 * pair from the review queue, unmerge a customer, relate two customers without merging them, end a relationship.
 * Each method checks the request against the projections, then appends through the node's single writer; {@link
 * IdentityEffects} is the one place the effect is computed, live and in {@code touchline rebuild} alike.
 */
public final class IdentityCommands {
    private final CustomerProjection customerIndex;
    private final IdentityProjection decisions;
    private final Customers customers;
    private final IdentifierKeys identifierKeys;
    private final IdentityEffects effects;
    private final CommandWriter writer;
    private final Clock clock;
    private final boolean appends;

    /**
     * {@code appends} false: each command checks its request as it would before appending, then appends nothing
     * (see {@link Node#identityCommands(Clock, boolean)}).
     */
    public IdentityCommands(CustomerProjection customerIndex, IdentityProjection decisions, Customers customers, IdentifierKeys identifierKeys,
                            IdentityEffects effects, CommandWriter writer, Clock clock, boolean appends) {
        this.customerIndex = customerIndex;
        this.decisions = decisions;
        this.customers = customers;
        this.identifierKeys = identifierKeys;
        this.effects = effects;
        this.writer = writer;
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
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        String o = customers.current(otherCustomerId).orElseThrow(() -> new NoSuchElementException("no customer " + otherCustomerId));
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
                List<ProjectionChanges.DecisionRow> page = decisions.reviews(status, after, 1_000);
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
        ProjectionChanges.DecisionRow row = decisions.decision(entry)
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
        String c = customers.current(customerId)
                .orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        if (!c.equals(customerId)) throw new IllegalArgumentException(customerId + " was merged into " + c + ": unmerge " + c);
        if ((absorbed == null) == (identifiers == null || identifiers.isEmpty()))
            throw new IllegalArgumentException("give either 'absorbed' (a customer merged into this one) or 'identifiers' to split off");
        List<ProjectionChanges.Link> links = customerIndex.linksOf(c);
        List<String> keys = new ArrayList<>();
        String part;
        String rule;
        if (absorbed != null) {
            if (!customerIndex.survivorOf(absorbed).map(c::equals).orElse(false))
                throw new IllegalArgumentException(absorbed + " is not a customer merged into " + c);
            // The identifiers first linked to the absorbed customer or to any customer that followed it in.
            Set<String> family = new HashSet<>(StoredIdentityState.followers(absorbed, customerIndex.mergesInto(c)));
            family.add(absorbed);
            for (ProjectionChanges.Link l : links) if (family.contains(l.origin())) keys.add(l.identifierKey());
            part = absorbed;
            rule = "undo the merge of " + absorbed;
        } else {
            Map<String, String> owned = new LinkedHashMap<>();
            links.forEach(l -> owned.put(l.identifierKey(), l.identifierType()));
            for (Identifier id : identifiers) {
                String key = identifierKeys.keyOf(id);
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
        return writer.command(actor, (index, graph, changes) -> {
            IdentityDecision d = new IdentityDecision(IdentityDecision.UNMERGED, -1, clock.instant(), c,
                    named != null ? named : IdentityGraph.customerId(index, 0), null, null, keys, rule, null, actor, reason, null);
            effects.apply(d, index, graph, changes);
            return List.of(CommandEntry.of(d));
        });
    }

    /** Records a relationship that never merges: a household member, a proxy, an employee, a parent organisation. */
    public long relate(String type, String fromCustomer, String toCustomer, LocalDate validFrom, LocalDate validTo, String actor) {
        if (!IdentityDecision.Relationship.TYPES.contains(type))
            throw new IllegalArgumentException("relationship type '" + type + "' is not one of " + IdentityDecision.Relationship.TYPES);
        String from = customers.current(fromCustomer).orElseThrow(() -> new NoSuchElementException("no customer " + fromCustomer));
        String to = customers.current(toCustomer).orElseThrow(() -> new NoSuchElementException("no customer " + toCustomer));
        if (from.equals(to)) throw new IllegalArgumentException("a customer cannot be related to itself");
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom))
            throw new IllegalArgumentException("validTo " + validTo + " is before validFrom " + validFrom);
        return append(actor, new IdentityDecision(IdentityDecision.RELATIONSHIP, -1, clock.instant(), from, to, null, null, null,
                "relationship, never a merge", null, actor, null, new IdentityDecision.Relationship(type,
                validFrom == null ? null : validFrom.toString(), validTo == null ? null : validTo.toString())));
    }

    /** Ends a relationship on {@code validTo} (inclusive). */
    public long endRelationship(long relationshipEntry, LocalDate validTo, String actor) {
        ProjectionChanges.Relationship r = decisions.relationship(relationshipEntry)
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
        return writer.command(actor == null ? "touchline" : actor, (index, graph, changes) -> {
            effects.apply(d, index, graph, changes);
            return List.of(CommandEntry.of(d));
        });
    }
}
