package org.touchline.node.command;

import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.CustomerProjection;
import org.touchline.domain.store.DeadLetterStore;
import org.touchline.domain.store.ErasureProjection;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;
import org.touchline.node.AccessLog;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Consents;
import org.touchline.node.Customers;
import org.touchline.node.ErasedIdentifiers;
import org.touchline.node.EventEntries;
import org.touchline.node.Node;
import org.touchline.node.NotPermitted;
import org.touchline.node.Resolution;
import org.touchline.node.Vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a customer (or an agent for them) records about themselves, each a ledger entry (docs/security.md):
 * consent to a purpose given, refused or withdrawn; a rating of an interaction; the erasure of their personal data.
 * Each method checks the request, then appends through the node's single writer; {@link #apply} is the one place the
 * projections follow, live and in {@code touchline rebuild} alike.
 */
public final class CustomerEvents {
    private final LedgerStore ledger;
    private final CustomerProjection customerIndex;
    private final TimelineProjection timelines;
    private final EventProjection events;
    private final ErasureProjection erasures;
    private final Customers customers;
    private final Resolution resolution;
    private final Vault vault;
    private final DeadLetterStore deadLetters;
    private final AccessLog accessLog;
    private final CommandWriter writer;
    private final Clock clock;
    private final boolean appends;

    /**
     * {@code appends} false: each command checks its request as it would before appending, then appends nothing
     * (see {@link Node#customerEvents(Clock, boolean)}).
     */
    public CustomerEvents(LedgerStore ledger, CustomerProjection customerIndex, TimelineProjection timelines, EventProjection events,
                          ErasureProjection erasures, Customers customers, Resolution resolution, Vault vault, DeadLetterStore deadLetters,
                          AccessLog accessLog, CommandWriter writer, Clock clock, boolean appends) {
        this.ledger = ledger;
        this.customerIndex = customerIndex;
        this.timelines = timelines;
        this.events = events;
        this.erasures = erasures;
        this.customers = customers;
        this.resolution = resolution;
        this.vault = vault;
        this.deadLetters = deadLetters;
        this.accessLog = accessLog;
        this.writer = writer;
        this.clock = clock;
        this.appends = appends;
    }

    /** Records a consent decision for one purpose, with how it was given (channel) and why. Returns the entry's index. */
    public long consent(String customerId, String purpose, String state, String channel, String reason) {
        return consent(new ConsentChange(customerId, purpose, state, channel, reason));
    }

    /** Records one consent decision, with the time the customer gave it if the source says. Returns the entry's index. */
    public long consent(ConsentChange change) {
        EventEntry e = consentEntry(change);
        return append(e.customerId(), entry(e, null, null));
    }

    /**
     * One customer's consent decision for one purpose, as a form or a source system reported it; {@code occurredAt}
     * is when the customer gave it, as the source says (null: now, as it is recorded).
     */
    public record ConsentChange(String customer, String purpose, String state, String channel, String reason, Instant occurredAt) {
        public ConsentChange(String customer, String purpose, String state, String channel, String reason) {
            this(customer, purpose, state, channel, reason, null);
        }
    }

    /**
     * Records many consent decisions (a sign-up form's, a CRM's export) in one append, in the given order: each is an
     * entry of its own, and either all are recorded or, if one is wrong, none (the error names it). Returns the first
     * entry's index.
     */
    public long consents(List<ConsentChange> changes) {
        if (changes.isEmpty()) throw new IllegalArgumentException("no consent changes given");
        List<CommandEntry> entries = new ArrayList<>(changes.size());
        for (int k = 0; k < changes.size(); k++) {
            try {
                entries.add(entry(consentEntry(changes.get(k)), null, null));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("consent change " + (k + 1) + " (customer " + changes.get(k).customer() + "): " + e.getMessage(), e);
            }
        }
        return command("touchline", (index, graph, ch) -> entries);
    }

    private EventEntry consentEntry(ConsentChange x) {
        String c = current(x.customer());
        if (!Consents.PURPOSES.contains(x.purpose())) throw new IllegalArgumentException("purpose '" + x.purpose() + "' is not one of " + Consents.PURPOSES);
        if (!Consents.STATES.contains(x.state())) throw new IllegalArgumentException("consent state '" + x.state() + "' is not one of " + Consents.STATES);
        if (x.channel() == null || x.channel().isBlank()) throw new IllegalArgumentException("channel is required: where the customer said so");
        Map<String, String> fields = new TreeMap<>(Map.of("purpose", x.purpose(), "state", x.state(), "channel", x.channel()));
        if (x.reason() != null && !x.reason().isBlank()) fields.put("reason", x.reason());
        Instant now = clock.instant();
        if (x.occurredAt() != null) {
            // The same bounds as an interaction's occurredAt: not before 1970, not more than a day ahead (clock skew).
            if (x.occurredAt().isBefore(Instant.EPOCH) || x.occurredAt().isAfter(now.plus(Duration.ofDays(1))))
                throw new IllegalArgumentException("occurredAt " + x.occurredAt() + " is not a time the customer can have said so: before 1970 or in the future");
            fields.put(EventEntry.OCCURRED_AT, x.occurredAt().toString());
        }
        return new EventEntry(EventEntry.CONSENT, -1, now, c, new TreeMap<>(fields), null);
    }

    /**
     * Records the customer's rating (1–5) of the interaction at {@code interaction}, with an optional comment. The
     * comment is the customer's own words: it is sealed beside the log like an interaction's text, and the entry holds
     * only its commitment. The entry names the interaction's agent, whom the rating is about.
     */
    public long rate(long interaction, int rating, String comment, String channel) {
        return rate(interaction, rating, comment, channel, null);
    }

    /**
     * {@link #rate(long, int, String, String)} with the comment's salt given: the leaf holds the comment's commitment,
     * so every node of a cluster must seal it with the same salt, the one its ordered message carries. Null: a new one.
     */
    public long rate(long interaction, int rating, String comment, String channel, byte[] commentSalt) {
        return rate(interaction, rating, comment, channel, commentSalt, null);
    }

    /**
     * A rating by {@code rater} (who gave it: "customer", or the staff member who recorded it, "agent:agent-7"; null when
     * nobody is known). A customer rates an interaction once: a later rating replaces the earlier one (the entry names
     * it in {@code replaces}), and contracts act on the first only, so a reward for a rating is paid once per interaction.
     */
    public long rate(long interaction, int rating, String comment, String channel, byte[] commentSalt, String rater) {
        if (rating < 1 || rating > 5) throw new IllegalArgumentException("rating must be 1 to 5, got " + rating);
        if (interaction < 0 || interaction >= ledger.size()) throw new NoSuchElementException("no entry " + interaction);
        byte[] leaf = ledger.leaf(interaction);
        if (EntryKind.of(leaf) != EntryKind.INTERACTION) throw new IllegalArgumentException("entry " + interaction + " is not an interaction");
        InteractionEntry rated = InteractionEntry.parse(leaf);
        SealedPart part = ledger.sealedPart(interaction)
                .orElseThrow(() -> new IllegalStateException("interaction " + interaction + " was erased: it can no longer be rated"));
        String c = current(part.keyId());
        Map<String, String> fields = new TreeMap<>(Map.of("rating", Integer.toString(rating)));
        if (rated.agentId() != null) fields.put("agent", rated.agentId());
        if (channel != null && !channel.isBlank()) fields.put("channel", channel);
        if (rater != null && !rater.isBlank()) fields.put("rater", rater);
        events.eventsAbout(interaction, EventEntry.RATING).stream()
                .filter(r -> c.equals(customers.current(r.event().customerId()).orElse(r.event().customerId())))
                .mapToLong(r -> r.entry()).max().ifPresent(previous -> fields.put("replaces", Long.toString(previous)));
        byte[] salt = null, canonical = null, commitment = null;
        if (comment != null && !comment.isBlank()) {
            salt = commentSalt != null ? commentSalt.clone() : vault.newSalt();
            canonical = new PersonalPart(List.of(), List.of(), comment.strip(), Map.of()).canonical();
            commitment = PersonalPart.commitment(salt, canonical);
        }
        EventEntry e = new EventEntry(EventEntry.RATING, interaction, clock.instant(), c, new TreeMap<>(fields), commitment);
        return append(c, entry(e, salt, canonical));
    }

    /**
     * A customer rates only their own interactions: the one whose key sealed the interaction's personal part (as it
     * stands now, merges followed). Refused with {@link NotPermitted} otherwise.
     */
    public void requireOwnInteraction(String customerId, long interaction) {
        String owner = interaction < 0 || interaction >= ledger.size() ? null
                : ledger.sealedPart(interaction).flatMap(part -> customers.current(part.keyId())).orElse(null);
        String self = customers.current(customerId).orElse(customerId);
        if (!self.equals(owner)) throw new NotPermitted("a customer may only rate their own interactions");
    }

    /**
     * Erases a customer (docs/security.md, "Erasure"): the personal parts and salts of every entry on their timeline and their data
     * keys are destroyed in the same transaction as the erasure entry, which names only the customer ids and the keyed
     * hashes of their strong identifiers (refused from then on, see {@link ErasedIdentifiers}). The log and every proof
     * stay valid; every projection forgets the customer. An entry that named them beside another customer (a relative
     * at the till) loses its personal part too: erasure errs on the side of the person erased. What the erasure covers
     * is read inside the writer, after every record ordered before it: a record appended just before is erased with it.
     */
    public long erase(String customerId, String actor) {
        current(customerId); // refused here, before anything is appended, when there is no such customer
        if (!appends) return -1;
        // Their identifiers' values with their names, read before the erasure destroys them, to find the refused
        // records that hold them (never kept).
        Set<Identifier> values = new LinkedHashSet<>();
        long index = command(actor == null ? "touchline" : actor, (at, graph, changes) -> List.of(erasure(current(customerId), actor, values)));
        deadLetters.erase(holdsAnyOf(values));
        // This node's record of who read them goes with them, whoever asked for the erasure (API, command line, restore).
        accessLog.forget(EventEntries.erasedCustomers(EventEntry.parse(ledger.leaf(index))));
        return index;
    }

    /** What {@link #reapplyErasures} did: customers erased here, and keys recorded that named nobody here. */
    public record Reapplied(List<String> customers, int keysWithoutCustomer, int alreadyErased) {}

    /**
     * Re-applies erasures recorded elsewhere (the live node's, after the backup this store was restored from):
     * every customer here who holds one of {@code identifierKeys} is erased like any other erasure, and the keys that
     * name nobody here are recorded by an erasure entry of their own, so records carrying them are refused from now on.
     * Keys this log erased already change nothing, so running it twice appends nothing the second time.
     */
    public Reapplied reapplyErasures(Collection<String> identifierKeys, String actor) {
        Set<String> wanted = new TreeSet<>(identifierKeys);
        Set<String> already = erasures.erasedAmong(wanted);
        wanted.removeAll(already);
        Set<String> holders = new LinkedHashSet<>();
        for (String k : wanted) customerIndex.customerByIdentifierKey(k).flatMap(customers::current).ifPresent(holders::add);
        List<String> erased = new ArrayList<>();
        for (String c : holders) {
            if (customers.current(c).isEmpty()) continue; // erased already, merged into one erased before it
            long index = erase(c, actor);
            erased.addAll(EventEntries.erasedCustomers(EventEntry.parse(ledger.leaf(index))));
        }
        wanted.removeAll(erasures.erasedAmong(wanted));
        if (!wanted.isEmpty()) {
            Map<String, String> fields = new TreeMap<>(Map.of("customers", "", "entries", "0", ErasedIdentifiers.FIELD, String.join(",", wanted)));
            if (actor != null && !actor.isBlank()) fields.put("actor", actor);
            EventEntry e = new EventEntry(EventEntry.ERASURE, -1, clock.instant(), null, new TreeMap<>(fields), null);
            command(actor == null ? "touchline" : actor, (at, graph, changes) -> List.of(CommandEntry.recorded(e)));
        }
        return new Reapplied(erased, wanted.size(), already.size());
    }

    /** The erasure entry of customer {@code c} as the store holds them now; adds what identifies them to {@code values}. */
    private CommandEntry erasure(String c, String actor, Set<Identifier> values) {
        Set<String> ids = new LinkedHashSet<>(customers.idsOf(c));
        List<Long> entries = new ArrayList<>();
        for (TimelineRow r : timelines.timeline(List.copyOf(ids), null, null, Integer.MAX_VALUE))
            // An external event on their timeline (an outage) is nobody's personal data: it stays for everyone else.
            if (!r.role().equals("identity") && !r.role().equals("affected")) entries.add(r.index());
        // Their strong identifiers, as the identity index links them to them (a postcode or a name is shared by others
        // and is not refused; a relative's card on one of their records is the relative's).
        var rules = resolution.rules();
        Set<String> keys = new TreeSet<>();
        for (String id : ids)
            customerIndex.linksOf(id).forEach(l -> { if (rules.isStrong(l.identifierType())) keys.add(l.identifierKey()); });
        for (long index : entries)
            vault.openPart(ledger, index).ifPresent(part -> {
                part.identifiers().forEach(values::add);
                part.parties().forEach(p -> values.addAll(p.identifiers()));
            });
        values.removeIf(i -> !rules.isStrong(i.type()) && !i.type().equals("name"));
        Map<String, String> fields = new TreeMap<>(Map.of("customers", String.join(",", ids), "entries", Integer.toString(entries.size())));
        if (actor != null && !actor.isBlank()) fields.put("actor", actor);
        if (!keys.isEmpty()) fields.put(ErasedIdentifiers.FIELD, String.join(",", keys));
        EventEntry e = new EventEntry(EventEntry.ERASURE, -1, clock.instant(), c, new TreeMap<>(fields), null);
        Append.Erasure erasure = new Append.Erasure(entries, List.copyOf(ids));
        CommandEntry plain = CommandEntry.recorded(e);
        return new CommandEntry() {
            @Override public byte[] leaf() { return plain.leaf(); }

            @Override public EventEntry event() { return e; }

            @Override public void project(long i, ProjectionChanges ch) { plain.project(i, ch); }

            @Override public Append.Erasure erasure() { return erasure; }
        };
    }

    /**
     * Whether a refused record's raw text holds one of an erased person's identifiers: case-insensitively, and a phone
     * number by its last nine digits among the text's digits (a source writes "020 7946 0000" for +442079460000). Errs
     * on the side of the person: a letter that may be theirs goes.
     */
    static Predicate<String> holdsAnyOf(Set<Identifier> values) {
        List<String> texts = new ArrayList<>(), digits = new ArrayList<>();
        for (Identifier i : values) {
            String v = i.value().toLowerCase(Locale.ROOT).strip();
            if (v.length() >= 4) texts.add(v);
            String d = i.value().replaceAll("[^0-9]", "");
            if (i.type().equals("phone") && d.length() >= 9) digits.add(d.substring(d.length() - 9));
        }
        return raw -> {
            if (raw == null) return false;
            String lower = raw.toLowerCase(Locale.ROOT);
            for (String t : texts) if (lower.contains(t)) return true;
            if (digits.isEmpty()) return false;
            String rawDigits = raw.replaceAll("[^0-9]", "");
            for (String d : digits) if (rawDigits.contains(d)) return true;
            return false;
        };
    }

    private String current(String customerId) {
        return customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
    }

    private long append(String submitter, CommandEntry e) {
        return command(submitter, (index, graph, changes) -> List.of(e));
    }

    /** Appends through the node's single writer; when only checking, appends nothing and answers -1. */
    private long command(String submitter, CommandWriter.Command command) {
        return appends ? writer.command(submitter, command) : -1;
    }

    private CommandEntry entry(EventEntry e, byte[] salt, byte[] canonical) {
        return new CommandEntry() {
            @Override public byte[] leaf() { return e.leaf(); }

            @Override public SealedPart seal(long index, List<Append.DataKey> newKeys) {
                return canonical == null ? null : vault.seal(index, e.customerId(), false, salt, canonical, newKeys);
            }

            @Override public EventEntry event() { return e; }

            @Override public void project(long index, ProjectionChanges changes) { EventEntries.project(index, e, changes); }
        };
    }

}
