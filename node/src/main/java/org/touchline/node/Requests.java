package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.RequestProjection;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Receipt;
import org.touchline.ledger.SignedNote;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Data-subject requests as the privacy team and the customer read them (docs/requests.md): open ones by due date, the
 * overdue flagged; one request with every step; a closed request's receipts. Whether a request is overdue is read
 * against the clock, never stored: the projections depend on the ledger alone.
 */
public final class Requests {
    private final LedgerStore ledger;
    private final LedgerReader reader;
    private final RequestProjection requests;
    private final EventProjection events;
    private final Customers customers;
    private final Clock clock;

    public Requests(LedgerStore ledger, LedgerReader reader, RequestProjection requests, EventProjection events, Customers customers, Clock clock) {
        this.ledger = ledger;
        this.reader = reader;
        this.requests = requests;
        this.events = events;
        this.customers = customers;
        this.clock = clock;
    }

    /** One step of a request: the entry that recorded it, what it was, when, and its fields (no personal data). */
    public record Step(long entry, String step, Instant at, SortedMap<String, String> fields) {}

    /**
     * A request as it stands: {@code overdue} when it is still open after its due date; {@code steps} from the filing on
     * (empty in lists, which show the request alone).
     */
    public record Request(long entry, String type, String customer, String channel, String status, Instant receivedAt, Instant dueAt,
                          boolean overdue, List<Step> steps) {}

    /**
     * Requests in {@code statuses} (the open ones when empty) of {@code type} (any when null), earliest due first: the
     * overdue come first.
     */
    public List<Request> list(Collection<String> statuses, String type, int limit) {
        for (String s : statuses)
            if (!RequestEntries.STATUSES.contains(s)) throw new IllegalArgumentException("status '" + s + "' is not one of " + RequestEntries.STATUSES);
        if (type != null && !RequestEntries.TYPES.contains(type)) throw new IllegalArgumentException("type '" + type + "' is not one of " + RequestEntries.TYPES);
        if (limit < 1 || limit > Customers.MAX_PAGE) throw new IllegalArgumentException("limit must be 1 to " + Customers.MAX_PAGE + ", got " + limit);
        Instant now = clock.instant();
        return requests.requests(statuses.isEmpty() ? RequestEntries.OPEN : statuses, type, limit).stream().map(r -> request(r, now, List.of())).toList();
    }

    /** A customer's requests (under every id merged into them), newest first. */
    public List<Request> of(String customerId) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        Instant now = clock.instant();
        return requests.requestsOf(customers.idsOf(c)).stream().map(r -> request(r, now, List.of())).toList();
    }

    /** The request filed at {@code entry}, with every step. */
    public Request get(long entry) {
        ProjectionChanges.RequestRow r = row(entry);
        List<Step> steps = new ArrayList<>();
        steps.add(step(entry, EventEntry.parse(ledger.leaf(entry))));
        for (ProjectionChanges.EventRow e : events.eventsAbout(entry, EventEntry.REQUEST)) steps.add(step(e.entry(), e.event()));
        return request(r, clock.instant(), steps);
    }

    /** Whether the request filed at {@code entry} is one of {@code customerId}'s (merges followed). */
    public boolean isOf(long entry, String customerId) {
        String owner = row(entry).customer();
        Optional<String> self = customers.current(customerId);
        return owner != null && self.isPresent() && self.equals(customers.current(owner));
    }

    /** A closed request's proof: each entry it names, and the close itself, as a leaf with its receipt. */
    public record Proof(long request, String outcome, long treeSize, String checkpoint, List<Proven> entries) {}

    /**
     * One entry with its C2SP tlog-proof receipt against the latest signed checkpoint (null until one covers it: try again
     * shortly).
     */
    public record Proven(long index, byte[] leaf, String receipt) {}

    /**
     * The proof of a closed request: the entries of every step and of the fulfilment (the erasure, the withdrawals), each
     * with an inclusion proof against the latest signed checkpoint, as a customer's receipts are, verifiable offline.
     */
    public Proof proof(long request) {
        Request r = get(request);
        Step close = r.steps().stream().filter(s -> s.step().equals(RequestEntries.CLOSED)).findFirst()
                .orElseThrow(() -> new IllegalStateException("request " + request + " is " + r.status() + ": a request has its proof once it is closed"));
        List<Long> indexes = new ArrayList<>();
        for (String i : close.fields().get(RequestEntries.COVERS).split(",")) indexes.add(Long.parseLong(i));
        indexes.add(close.entry());
        StoredCheckpoint signed = ledger.latestCheckpoint().orElse(null);
        long size = signed == null ? 0 : signed.size();
        List<Proven> out = new ArrayList<>();
        for (long i : indexes) {
            String receipt = null;
            if (i < size) receipt = Receipt.of(reader.inclusion(i, size), SignedNote.parse(signed.note())).encode();
            out.add(new Proven(i, ledger.leaf(i), receipt));
        }
        return new Proof(request, close.fields().get("outcome"), size, signed == null ? null : signed.note(), out);
    }

    private ProjectionChanges.RequestRow row(long entry) {
        return requests.request(entry).orElseThrow(() -> new NoSuchElementException("no request filed at entry " + entry));
    }

    private static Step step(long index, EventEntry e) { return new Step(index, RequestEntries.step(e), e.at(), e.fields()); }

    private static Request request(ProjectionChanges.RequestRow r, Instant now, List<Step> steps) {
        Instant due = Instant.ofEpochMilli(r.dueAt());
        boolean open = RequestEntries.OPEN.contains(r.status());
        return new Request(r.entry(), r.type(), r.customer(), r.channel(), r.status(), Instant.ofEpochMilli(r.receivedAt()), due,
                open && now.isAfter(due), steps);
    }
}
