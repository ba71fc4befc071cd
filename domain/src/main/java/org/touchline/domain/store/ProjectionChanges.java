package org.touchline.domain.store;

import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch of entries changes in the projections (docs/architecture.md: projections are rebuilt identically by replaying
 * the ledger). Collected in ledger order and applied in the same transaction as the entries.
 */
public final class ProjectionChanges {
    public record Customer(String id, long createdAt) {}

    /** {@code origin} is the customer the identifier was first linked to; {@code customerId} the one it belongs to now. */
    public record Link(String identifierKey, String identifierType, String customerId, long atIndex, String origin) {
        public Link(String identifierKey, String identifierType, String customerId, long atIndex) {
            this(identifierKey, identifierType, customerId, atIndex, customerId);
        }
    }

    /** {@code into} is the customer the absorbed one was merged into then; {@code survivor} where it points now. */
    public record Merge(String absorbed, String survivor, long atIndex, String into) {
        public Merge(String absorbed, String survivor, long atIndex) { this(absorbed, survivor, atIndex, survivor); }
    }

    /**
     * An identity decision in the projections: the review queue, the explanations and the pairs kept apart read these.
     * {@code entry} is the ledger index of the entry that records it; {@code status} is {@code open}, {@code accepted}
     * or {@code rejected} for reviews, else {@code done}.
     */
    public record DecisionRow(long entry, IdentityDecision decision, String status) {}

    /** A review's new status, set by the accept or reject entry at {@code byEntry}. */
    public record ReviewStatus(long reviewEntry, String status, long byEntry) {}

    /** Two customers an unmerge or a rejected review keeps apart: the resolver never merges them again. */
    public record Apart(String a, String b, long atIndex) {}

    /** Undoing a merge: {@code absorbed} is its own customer again; {@code reattached} customers point at it again. */
    public record Unmerge(String absorbed, String survivor, long atIndex, List<String> reattached) {}

    /** An identifier that now belongs to another customer (after an unmerge). */
    public record Relink(String identifierKey, String customerId) {}

    /**
     * A customer holding a weak identifier many customers share (a name, a postcode), by the keyed hash of its
     * searchable form: the search index, which finds every customer with a name where the identifier index finds one.
     */
    public record SearchKey(String key, String customerId) {}

    /** A timeline row that moves from one customer to another (after an unmerge). */
    public record Move(String from, String to, long occurredAtMillis, long index, String role) {}

    /** A relationship that is not identity, from the entry at {@code entry}; {@code validTo} null while open. */
    public record Relationship(long entry, String type, String from, String to, String validFrom, String validTo) {}

    public record RelationshipEnd(long relationshipEntry, String validTo) {}

    /** A consent, rating or erasure entry as the projections keep it (history and current state read these). */
    public record EventRow(long entry, EventEntry event) {}

    public final List<Customer> customers = new ArrayList<>();
    public final List<Link> links = new ArrayList<>();
    public final List<Merge> merges = new ArrayList<>();
    /** Search index rows added (a row already there is kept once), and, after an unmerge, rows that go. */
    public final Set<SearchKey> searchKeys = new LinkedHashSet<>();
    public final List<SearchKey> searchKeysDropped = new ArrayList<>();
    public final List<TimelineRow> timeline = new ArrayList<>();
    /**
     * Derived decisions the resolver took, in order, each to be recorded as a ledger entry right after the interaction
     * it is about. Not applied by stores: the appender (or the rebuild) turns each into a {@link DecisionRow}.
     */
    public final List<IdentityDecision> decisions = new ArrayList<>();
    public final List<DecisionRow> decisionRows = new ArrayList<>();
    public final List<ReviewStatus> reviewStatuses = new ArrayList<>();
    public final List<Apart> apart = new ArrayList<>();
    public final List<Unmerge> unmerges = new ArrayList<>();
    public final List<Relink> relinks = new ArrayList<>();
    public final List<Move> moves = new ArrayList<>();
    public final List<Relationship> relationships = new ArrayList<>();
    public final List<RelationshipEnd> relationshipEnds = new ArrayList<>();
    public final List<EventRow> events = new ArrayList<>();

    /**
     * A data-subject request as it stands (docs/requests.md): filed by the entry at {@code entry}, for {@code customer}
     * (null while the requester is not known as one), through {@code channel}; {@code status} awaiting_verification,
     * verified, fulfilled, refused or closed; times in epoch milliseconds; {@code lastEntry} the entry of its latest step.
     */
    public record RequestRow(long entry, String type, String customer, String channel, String status, long receivedAt, long dueAt, long lastEntry) {}

    /**
     * A later step of the request filed at {@code request}, recorded at {@code entry}: its new status, and where the
     * step says so its customer (a verification that found them) or due date (an extension); null or -1 otherwise.
     */
    public record RequestStep(long request, long entry, String status, String customer, long dueAt) {}

    /** Requests filed, then their later steps, each in ledger order. */
    public final List<RequestRow> requests = new ArrayList<>();
    public final List<RequestStep> requestSteps = new ArrayList<>();
    /** Contracts' view of customers (interactions, complaints, tokens, consents), encoded; null forgets one. */
    public final Map<String, String> facts = new LinkedHashMap<>();
    /** The products each changed customer has bought, all of them (a recall reaches them); null forgets the customer. */
    public final Map<String, List<String>> products = new LinkedHashMap<>();
    /** A token movement on an account ({@code customer:<id>} or {@code agent:<id>}): mint, burn or expire. */
    public record TokenMovement(long entry, String account, String movement, long amount, long atMillis) {}
    /** Part of an earlier mint (a lot) used up by a burn or an expiry, oldest lots first. */
    public record TokenUse(long lot, long amount) {}
    public final List<TokenMovement> tokenMovements = new ArrayList<>();
    public final List<TokenUse> tokenUses = new ArrayList<>();
    /** Burns and expiries that name no lots (a contract's expiry): the store takes them from the oldest lots before them. */
    public final List<TokenMovement> tokenUsesOldestFirst = new ArrayList<>();
    /** Customers erased (with every id merged into them): every projection forgets them. */
    public final List<String> erased = new ArrayList<>();
    /**
     * A strong identifier of an erased person, by its keyed hash, and the erasure entry that recorded it: a record
     * carrying it is refused when its group is applied, on every node alike.
     */
    public record ErasedIdentifier(String identifierKey, long entry) {}

    public final List<ErasedIdentifier> erasedIdentifiers = new ArrayList<>();
    /** Match profiles, sealed (they are personal data), by customer; null removes one. Last write wins. */
    public final Map<String, byte[]> profiles = new LinkedHashMap<>();
    /**
     * The blocks each changed match profile is in, one per blocking rule (0: none), so the store can offer a record
     * the customers sharing a block with it; null removes the customer from every block. Last write wins.
     */
    public final Map<String, long[]> matchBlocks = new LinkedHashMap<>();
    /**
     * The keyed postcode areas each changed match profile is in (an outage's customers are found by them); null or
     * empty removes the customer's areas. Last write wins.
     */
    public final Map<String, List<String>> postcodeAreas = new LinkedHashMap<>();

    public boolean isEmpty() {
        return customers.isEmpty() && links.isEmpty() && merges.isEmpty() && searchKeys.isEmpty() && searchKeysDropped.isEmpty() && timeline.isEmpty() && decisionRows.isEmpty()
                && reviewStatuses.isEmpty() && apart.isEmpty() && unmerges.isEmpty() && relinks.isEmpty() && moves.isEmpty()
                && relationships.isEmpty() && relationshipEnds.isEmpty() && profiles.isEmpty() && matchBlocks.isEmpty() && postcodeAreas.isEmpty() && events.isEmpty() && erased.isEmpty() && erasedIdentifiers.isEmpty()
                && tokenMovements.isEmpty() && tokenUses.isEmpty() && tokenUsesOldestFirst.isEmpty() && facts.isEmpty() && products.isEmpty()
                && requests.isEmpty() && requestSteps.isEmpty();
    }
}
