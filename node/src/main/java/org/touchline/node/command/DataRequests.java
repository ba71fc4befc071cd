package org.touchline.node.command;

import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.RequestProjection;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Consents;
import org.touchline.node.Customers;
import org.touchline.node.EventEntries;
import org.touchline.node.RequestDeadlines;
import org.touchline.node.RequestEntries;
import org.touchline.node.Vault;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.touchline.node.RequestEntries.AWAITING_VERIFICATION;
import static org.touchline.node.RequestEntries.CLOSED;
import static org.touchline.node.RequestEntries.EXTENDED;
import static org.touchline.node.RequestEntries.FILED;
import static org.touchline.node.RequestEntries.FULFILLED;
import static org.touchline.node.RequestEntries.REFUSED;
import static org.touchline.node.RequestEntries.VERIFIED;

/**
 * Data-subject requests (docs/requests.md; GDPR articles 12 and 15-21): filed, identity-checked, extended, fulfilled with
 * the node's own commands (the export, the erasure, consent withdrawals, a recorded correction) and closed, each step
 * a ledger entry about the filing's. Each method checks the request against the request's status as the projections
 * hold it, then appends through the node's single writer; with {@code appends} false it only checks (see
 * {@link CustomerEvents}).
 */
public final class DataRequests {
    /** How a customer signed in to the portal is verified: by that sign-in, and nothing else to record. */
    public static final String SIGNED_IN = "portal sign-in";
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.]{0,63}");

    private final LedgerStore ledger;
    private final RequestProjection requests;
    private final EventProjection events;
    private final Customers customers;
    private final CustomerEvents customerEvents;
    private final TimelineProjection timelines;
    private final Supplier<RequestDeadlines> deadlines;
    private final Vault vault;
    private final CommandWriter writer;
    private final Clock clock;
    private final boolean appends;

    public DataRequests(LedgerStore ledger, RequestProjection requests, EventProjection events, Customers customers, CustomerEvents customerEvents,
                        TimelineProjection timelines, Supplier<RequestDeadlines> deadlines, Vault vault, CommandWriter writer, Clock clock,
                        boolean appends) {
        this.ledger = ledger;
        this.requests = requests;
        this.events = events;
        this.customers = customers;
        this.customerEvents = customerEvents;
        this.timelines = timelines;
        this.deadlines = deadlines;
        this.vault = vault;
        this.writer = writer;
        this.clock = clock;
        this.appends = appends;
    }

    /**
     * A request as received: its type; the customer when known, else the identifiers the requester gave; where it came
     * from; when it was received (null: now); for an objection the purposes, for a rectification the fields it names;
     * and, for a customer signed in to the portal, who signed in (the request is then verified by that sign-in).
     */
    public record Filing(String type, String customer, List<Identifier> identifiers, String channel, Instant receivedAt, List<String> names,
                         String signedIn, String actor) {
        public Filing {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /**
     * Records a request. A requester whose identifiers name no customer is recorded too: the identifiers are sealed beside
     * the log (never in the leaf), and the verification names the customer. {@code salt} seals them (a cluster's nodes
     * seal with the salt their ordered message carries; null: a new one). Returns the filing's index.
     */
    public long file(Filing f, byte[] salt) {
        if (!RequestEntries.TYPES.contains(f.type())) throw new IllegalArgumentException("request type '" + f.type() + "' is not one of " + RequestEntries.TYPES);
        if (blank(f.channel())) throw new IllegalArgumentException("channel is required: where the request came in");
        Instant now = clock.instant();
        Instant received = f.receivedAt() == null ? now : f.receivedAt();
        if (received.isBefore(now.minus(Duration.ofDays(366))) || received.isAfter(now.plus(Duration.ofDays(1))))
            throw new IllegalArgumentException("receivedAt " + received + " is not when a request still open can have arrived: more than a year ago or in the future");
        String customer = null;
        if (!blank(f.customer())) customer = current(f.customer());
        else if (f.identifiers().isEmpty()) throw new IllegalArgumentException("give the customer, or the identifiers the requester gave (email, phone...)");
        else for (Identifier i : f.identifiers()) {
            Optional<String> found = customers.findByIdentifier(i).flatMap(customers::current);
            if (found.isPresent()) {
                customer = found.get();
                break;
            }
        }
        SortedMap<String, String> fields = new TreeMap<>(Map.of(RequestEntries.STEP, FILED, "type", f.type(), "channel", f.channel(),
                RequestEntries.DUE_AT, deadlines.get().dueAfter(received).toString()));
        if (f.receivedAt() != null) fields.put(EventEntry.OCCURRED_AT, received.toString());
        if (!blank(f.actor())) fields.put("actor", f.actor());
        names(f.type(), f.names()).ifPresent(n -> fields.put(f.type().equals(RequestEntries.OBJECTION) ? "purposes" : "fields", n));
        if (f.signedIn() != null) {
            if (customer == null || !customer.equals(customers.current(f.signedIn()).orElse(null)))
                throw new IllegalArgumentException("a customer signed in files requests for themselves only");
            fields.put("method", SIGNED_IN);
            fields.put("verifiedBy", f.signedIn());
            fields.put(RequestEntries.STATUS, VERIFIED);
        } else {
            fields.put(RequestEntries.STATUS, AWAITING_VERIFICATION);
        }
        byte[] canonical = null, sealSalt = null, commitment = null;
        if (customer == null) {
            // Nobody is known by what the requester gave: keep it, sealed, for the verification to go on.
            canonical = new PersonalPart(f.identifiers(), List.of(), null, Map.of()).canonical();
            sealSalt = salt != null ? salt.clone() : vault.newSalt();
            commitment = PersonalPart.commitment(sealSalt, canonical);
            fields.put("identifierTypes", String.join(",", f.identifiers().stream().map(Identifier::type).distinct().sorted().toList()));
        }
        EventEntry e = new EventEntry(EventEntry.REQUEST, -1, now, customer, fields, commitment);
        return append(entry(e, sealSalt, canonical, "request-"));
    }

    /** The purposes of an objection or the fields of a rectification, checked and in order; none for the other types. */
    private static Optional<String> names(String type, List<String> names) {
        switch (type) {
            case RequestEntries.OBJECTION -> {
                if (names.isEmpty()) throw new IllegalArgumentException("an objection names the purposes it objects to: " + Consents.PURPOSES);
                for (String p : names) {
                    if (!Consents.PURPOSES.contains(p)) throw new IllegalArgumentException("purpose '" + p + "' is not one of " + Consents.PURPOSES);
                    // Serving the customer needs no consent to withdraw: what they object to is every other use.
                    if (p.equals("service")) throw new IllegalArgumentException("purpose 'service' is serving the customer themselves: an objection names the other purposes");
                }
            }
            case RequestEntries.RECTIFICATION -> {
                if (names.isEmpty()) throw new IllegalArgumentException("a rectification names the fields to correct (name, email, address...)");
                for (String n : names)
                    if (!FIELD_NAME.matcher(n).matches()) throw new IllegalArgumentException("field name '" + n + "' must be letters, digits, '_' or '.'");
            }
            default -> {
                if (!names.isEmpty()) throw new IllegalArgumentException("a request of type " + type + " names no purposes or fields");
                return Optional.empty();
            }
        }
        return Optional.of(String.join(",", new TreeSet<>(names)));
    }

    /**
     * Records how the requester's identity was checked ({@code method}: "called back on the phone number on file", "ID
     * shown in store") and by whom; {@code customer} names them when the filing did not know them (and may repeat it).
     */
    public long verify(long request, String method, String agent, String customer) {
        ProjectionChanges.RequestRow r = request(request);
        require(r, AWAITING_VERIFICATION, "verified");
        if (blank(method)) throw new IllegalArgumentException("method is required: how the requester's identity was checked");
        if (blank(agent)) throw new IllegalArgumentException("agent is required: who checked it");
        String c;
        if (r.customer() == null) {
            if (blank(customer)) throw new IllegalArgumentException("request " + request + " names no customer yet: give the customer the requester was found to be");
            c = current(customer);
        } else {
            c = current(r.customer());
            if (!blank(customer) && !c.equals(customers.current(customer).orElse(null)))
                throw new IllegalArgumentException("request " + request + " is for customer " + c + ", not " + customer);
        }
        SortedMap<String, String> fields = step(VERIFIED, VERIFIED, agent);
        fields.put("method", method);
        if (r.customer() == null) fields.put(RequestEntries.SEALED_FILING, Instant.ofEpochMilli(r.receivedAt()).toString());
        return append(entry(new EventEntry(EventEntry.REQUEST, request, clock.instant(), c, fields, null), null, null, null));
    }

    /** Refuses the request with the reason the requester is told (identity not confirmed, manifestly unfounded: Art. 12(5)). */
    public long refuse(long request, String reason, String agent) {
        ProjectionChanges.RequestRow r = request(request);
        require(r, AWAITING_VERIFICATION + "," + VERIFIED, "refused");
        if (blank(reason)) throw new IllegalArgumentException("reason is required: the requester is told why");
        if (blank(agent)) throw new IllegalArgumentException("agent is required: who refused it");
        SortedMap<String, String> fields = step(REFUSED, REFUSED, agent);
        fields.put("reason", reason);
        return append(entry(new EventEntry(EventEntry.REQUEST, request, clock.instant(), r.customer(), fields, null), null, null, null));
    }

    /**
     * Extends the deadline by {@code months} (Art. 12(3): by two further months at most, where the request is complex or
     * one of many), with the reason the requester is told; the request keeps its status.
     */
    public long extend(long request, int months, String reason, String agent) {
        ProjectionChanges.RequestRow r = request(request);
        require(r, String.join(",", RequestEntries.OPEN), "extended");
        if (months < 1) throw new IllegalArgumentException("months must be at least 1, got " + months);
        if (blank(reason)) throw new IllegalArgumentException("reason is required: the requester is told why it takes longer");
        if (blank(agent)) throw new IllegalArgumentException("agent is required: who extended it");
        Instant firstDue = Instant.parse(filing(request).field(RequestEntries.DUE_AT));
        Instant due = Instant.ofEpochMilli(r.dueAt()).atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
        RequestDeadlines limits = deadlines.get();
        Instant furthest = limits.furthestExtension(firstDue);
        if (due.isAfter(furthest))
            throw new IllegalArgumentException("request " + request + " may be extended to " + furthest + " at most (" + limits.extendBy()
                    + " after it was first due), not to " + due);
        SortedMap<String, String> fields = step(EXTENDED, r.status(), agent);
        fields.put("reason", reason);
        fields.put(RequestEntries.DUE_AT, due.toString());
        fields.put("months", Integer.toString(months));
        return append(entry(new EventEntry(EventEntry.REQUEST, request, clock.instant(), r.customer(), fields, null), null, null, null));
    }

    /**
     * Fulfils a verified request with what the node already does: access, the customer's export bundle (the entry
     * records how many entries it holds and their hash; the caller hands the bundle over); erasure, the erasure;
     * objection, a withdrawal of each purpose; rectification, the corrected values of the named fields
     * ({@code corrections}), sealed beside the log like every personal part. The fulfilment entry names the entries that
     * did it. Returns its index.
     */
    public long fulfil(long request, String agent, Map<String, String> corrections, byte[] salt) {
        ProjectionChanges.RequestRow r = request(request);
        require(r, VERIFIED, "fulfilled");
        if (blank(agent)) throw new IllegalArgumentException("agent is required: who fulfilled it");
        String c = current(r.customer());
        EventEntry filing = filing(request);
        SortedMap<String, String> fields = step(FULFILLED, FULFILLED, agent);
        byte[] canonical = null, sealSalt = null, commitment = null;
        switch (r.type()) {
            case RequestEntries.ACCESS -> {
                // What the export bundle holds, as every node of a cluster reads it alike: the customer's entries, by
                // count and by a SHA-256 over their indexes and leaves (the bundle itself carries this node's checkpoint).
                TreeSet<Long> exported = new TreeSet<>();
                for (TimelineRow t : timelines.timeline(customers.idsOf(c), null, null, Integer.MAX_VALUE)) exported.add(t.index());
                fields.put("exported", Integer.toString(exported.size()));
                fields.put("exportedHash", exportedHash(exported));
            }
            case RequestEntries.ERASURE -> {
                long erasure = customerEvents.erase(c, agent);
                if (erasure >= 0) fields.put(RequestEntries.FULFILLED_BY, Long.toString(erasure));
            }
            case RequestEntries.OBJECTION -> {
                List<CustomerEvents.ConsentChange> withdrawals = new ArrayList<>();
                for (String purpose : filing.field("purposes").split(","))
                    withdrawals.add(new CustomerEvents.ConsentChange(c, purpose, "withdrawn", r.channel(), "objection (request " + request + ")"));
                long first = customerEvents.consents(withdrawals);
                if (first >= 0) {
                    List<String> indexes = new ArrayList<>();
                    for (int k = 0; k < withdrawals.size(); k++) indexes.add(Long.toString(first + k));
                    fields.put(RequestEntries.FULFILLED_BY, String.join(",", indexes));
                }
            }
            case RequestEntries.RECTIFICATION -> {
                TreeSet<String> named = new TreeSet<>(List.of(filing.field("fields").split(",")));
                Map<String, String> given = corrections == null ? Map.of() : new TreeMap<>(corrections);
                if (!given.keySet().equals(named))
                    throw new IllegalArgumentException("request " + request + " asks to correct " + named + ": give a corrected value for each of them, got " + given.keySet());
                given.forEach((k, v) -> {
                    if (blank(v)) throw new IllegalArgumentException("the corrected value of '" + k + "' is empty");
                });
                fields.put("fields", String.join(",", named));
                canonical = new PersonalPart(List.of(), List.of(), null, given).canonical();
                sealSalt = salt != null ? salt.clone() : vault.newSalt();
                commitment = PersonalPart.commitment(sealSalt, canonical);
            }
            default -> throw new IllegalStateException("request " + request + " has an unknown type " + r.type());
        }
        // An erased customer is still named by id, as the erasure entry itself names them: the record that it was done.
        EventEntry e = new EventEntry(EventEntry.REQUEST, request, clock.instant(), c, fields, commitment);
        return append(entry(e, sealSalt, canonical, null));
    }

    /**
     * Closes a fulfilled or refused request with its outcome; the entry names every entry of the request and of its
     * fulfilment, which {@code Requests#proof} proves against a signed checkpoint, and whether it was answered in time.
     */
    public long close(long request, String agent) {
        ProjectionChanges.RequestRow r = request(request);
        require(r, FULFILLED + "," + REFUSED, "closed");
        if (blank(agent)) throw new IllegalArgumentException("agent is required: who closed it");
        TreeSet<Long> entries = new TreeSet<>(List.of(request));
        for (ProjectionChanges.EventRow step : events.eventsAbout(request, EventEntry.REQUEST)) {
            entries.add(step.entry());
            String done = step.event().field(RequestEntries.FULFILLED_BY);
            if (done != null) for (String i : done.split(",")) entries.add(Long.parseLong(i));
        }
        Instant now = clock.instant();
        SortedMap<String, String> fields = step(CLOSED, CLOSED, agent);
        fields.put("outcome", r.status());
        fields.put(RequestEntries.COVERS, String.join(",", entries.stream().map(String::valueOf).toList()));
        fields.put("onTime", Boolean.toString(!now.isAfter(Instant.ofEpochMilli(r.dueAt()))));
        return append(entry(new EventEntry(EventEntry.REQUEST, request, now, r.customer(), fields, null), null, null, null));
    }

    private static SortedMap<String, String> step(String step, String status, String agent) {
        return new TreeMap<>(Map.of(RequestEntries.STEP, step, RequestEntries.STATUS, status, "agent", agent));
    }

    private ProjectionChanges.RequestRow request(long request) {
        return requests.request(request).orElseThrow(() -> new NoSuchElementException("no request filed at entry " + request));
    }

    private EventEntry filing(long request) { return EventEntry.parse(ledger.leaf(request)); }

    /** Refused unless the request's status is one of {@code allowed} (comma-separated). */
    private static void require(ProjectionChanges.RequestRow r, String allowed, String step) {
        if (!List.of(allowed.split(",")).contains(r.status()))
            throw new IllegalStateException("request " + r.entry() + " is " + r.status() + ": it cannot be " + step + " now");
    }

    private String current(String customerId) {
        return customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** SHA-256 over each entry's index (8 bytes, big-endian) and leaf, in index order. */
    private String exportedHash(TreeSet<Long> indexes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long i : indexes) {
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(i).array());
                sha.update(ledger.leaf(i));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long append(CommandEntry e) {
        return appends ? writer.command("touchline", (index, graph, changes) -> List.of(e)) : -1;
    }

    /**
     * The entry with its personal part, if any, sealed under the customer's data key, or for a requester not known as a
     * customer under a key of the request's own ({@code keyPrefix} and the entry's index).
     */
    private CommandEntry entry(EventEntry e, byte[] salt, byte[] canonical, String keyPrefix) {
        return new CommandEntry() {
            @Override public byte[] leaf() { return e.leaf(); }

            @Override public SealedPart seal(long index, List<Append.DataKey> newKeys) {
                if (canonical == null) return null;
                boolean own = e.customerId() == null;
                return vault.seal(index, own ? keyPrefix + index : e.customerId(), own, salt, canonical, newKeys);
            }

            @Override public EventEntry event() { return e; }

            @Override public void project(long index, ProjectionChanges changes) { EventEntries.project(index, e, changes); }
        };
    }
}
