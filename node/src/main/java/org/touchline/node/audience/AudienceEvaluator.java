package org.touchline.node.audience;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.AudienceStore.Change;
import org.touchline.domain.store.AudienceStore.Member;
import org.touchline.domain.store.AudienceStore.Round;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.SealedPart;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Customers;
import org.touchline.node.EventEntries;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps audiences' members as the log grows (docs/audiences.md, "How members are kept"), on a thread of its own that
 * reads the ledger after commit, never inside the write path. Each round:
 * <ol>
 * <li>reads the entries after its cursor (a bounded number), noting the customers they touch, audiences defined,
 * changed or deleted, and its own membership entries that are not recorded yet (the node stopped between appending
 * and recording them: they are applied now);</li>
 * <li>evaluates the rules for the touched customers, the customers whose time windows changed since (the sweep: each
 * customer's next such moment is stored with them, so no round rescans everyone), and the next customers of the first
 * pass of an audience defined or changed (a bounded batch per round, so a new audience never holds up the others);</li>
 * <li>appends each customer entering or leaving as a {@code membership} entry, then records the members, sizes, due
 * moments and its cursor in one transaction.</li>
 * </ol>
 * Memory is bounded by the batch: no structure per customer is held between rounds.
 */
public final class AudienceEvaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudienceEvaluator.class);
    private static final String EXTERNAL_KEY = "external";

    /**
     * How rounds go: the pause of an idle evaluator, the most ledger entries one round reads, the most customers one
     * round takes from the sweep and from each first pass, and the most membership entries one command appends.
     */
    public record Settings(Duration poll, int entries, int customers, int perCommand) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(50), 10_000, 2_000, 1_000);
    }

    private final Audiences audiences;
    private final LedgerStore ledger;
    private final AudienceStore store;
    private final AudienceFacts facts;
    private final Customers customers;
    private final CommandWriter writer;
    private final Clock clock;
    private final Settings settings;
    /** The rules in force by audience name, compiled once; reloaded when a definition entry is read. */
    private Map<String, AudienceRule> rules;
    private volatile boolean running;
    private Thread thread;

    AudienceEvaluator(Audiences audiences, LedgerStore ledger, AudienceStore store, AudienceFacts facts, Customers customers,
                      CommandWriter writer, Clock clock, Settings settings) {
        this.audiences = audiences;
        this.ledger = ledger;
        this.store = store;
        this.facts = facts;
        this.customers = customers;
        this.writer = writer;
        this.clock = clock;
        this.settings = settings;
    }

    synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::run, "touchline-audiences");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            boolean busy;
            try {
                busy = round();
            } catch (RuntimeException e) {
                // The store or the ledger failed (a full disk, a restarted database): nothing of the round was recorded.
                LOG.warn("audiences: {}", e.getMessage());
                busy = false;
            }
            if (!busy) {
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Ledger entries appended that the evaluator has not read yet. */
    public long behind() { return Math.max(0, ledger.size() - store.cursor()); }

    /** Runs rounds until one finds nothing to do: what tests and benchmarks call instead of the thread. */
    public void catchUp() {
        while (round()) {
            // each round is bounded; the next one takes what is left
        }
    }

    /** What a scan of the log found. */
    private static final class Scan {
        /** Customer ids the entries touch, with the last entry that touched each. */
        final Map<String, Long> touched = new LinkedHashMap<>();
        final List<Change> readBack = new ArrayList<>();
        final Set<String> restarted = new LinkedHashSet<>(), forgotten = new LinkedHashSet<>();
        boolean definitions;
    }

    /** One round (see the class comment); true when it found anything to do. */
    public synchronized boolean round() {
        Instant now = clock.instant();
        long from = store.cursor(), head = ledger.size(), to = Math.min(head, from + settings.entries());
        if (rules == null) rules = compiled();
        Scan scan = scan(from, to, !rules.isEmpty(), store.appliedThrough());
        if (scan.definitions) rules = compiled();
        if (!scan.readBack.isEmpty() || !scan.restarted.isEmpty() || !scan.forgotten.isEmpty())
            store.record(new Round(List.copyOf(scan.forgotten), List.copyOf(scan.restarted), scan.readBack, Map.of(), Map.of(), null,
                    scan.readBack.isEmpty() ? null : scan.readBack.get(scan.readBack.size() - 1).entry()));

        // Only the audiences whose definition this evaluator has read: one defined further on in the log is not
        // evaluated before its definition is read (its size starts there).
        Map<String, AudienceStore.State> states = store.states();
        Map<String, AudienceRule> active = new TreeMap<>(rules);
        active.keySet().retainAll(states.keySet());

        // Who is evaluated, for which audiences (null: all of them), and why.
        Map<String, Set<String>> work = new LinkedHashMap<>();
        Map<String, Long> cause = new HashMap<>();
        if (!active.isEmpty()) {
            scan.touched.forEach((id, index) -> {
                work.put(id, null);
                cause.put(id, index);
                customers.current(id).ifPresent(c -> {
                    work.put(c, null);
                    cause.put(c, index);
                });
            });
            for (String c : store.due(now, settings.customers())) work.putIfAbsent(c, null);
        }
        Map<String, String> backfill = new HashMap<>();
        for (AudienceStore.State s : states.values()) {
            if (s.backfillAfter() == null || !active.containsKey(s.audience())) continue;
            List<String> next = store.customersAfter(s.backfillAfter().isEmpty() ? null : s.backfillAfter(), settings.customers());
            for (String c : next) {
                if (work.containsKey(c) && work.get(c) == null) continue;
                work.computeIfAbsent(c, x -> new HashSet<>()).add(s.audience());
            }
            backfill.put(s.audience(), next.size() < settings.customers() ? null : next.get(next.size() - 1));
        }
        if (from == to && work.isEmpty() && backfill.isEmpty()) return false;

        List<Change> changes = new ArrayList<>();
        Map<String, Long> due = new HashMap<>();
        evaluate(work, active, now, changes, due);
        List<Change> recorded = append(changes, cause);
        store.record(new Round(List.of(), List.of(), recorded, due, backfill, to, recorded.isEmpty() ? null : recorded.get(recorded.size() - 1).entry()));
        return true;
    }

    /** The rules of the audiences defined now, compiled; one that no longer compiles is left out, with a warning. */
    private Map<String, AudienceRule> compiled() {
        Map<String, AudienceRule> out = new TreeMap<>();
        for (Audiences.Definition d : audiences.definitions().values()) {
            try {
                out.put(d.name(), AudienceRule.compile(d.name(), d.rule()));
            } catch (IllegalArgumentException e) {
                LOG.warn("audience {} is not evaluated: {}", d.name(), e.getMessage());
            }
        }
        return out;
    }

    /**
     * Reads entries {@code [from, to)}; the customers they touch only when some audience is in force ({@code touching});
     * the membership entries after {@code applied} (appended by a round the node stopped before recording) to apply.
     */
    private Scan scan(long from, long to, boolean touching, long applied) {
        Scan scan = new Scan();
        if (from >= to) return scan;
        ledger.scanLeaves(from, to, (index, leaf) -> {
            EntryKind kind = EntryKind.of(leaf);
            if (kind == EntryKind.INTERACTION) {
                if (!touching) return;
                Optional<SealedPart> part = ledger.sealedPart(index);
                if (part.isPresent() && !part.get().keyId().equals(EXTERNAL_KEY)) scan.touched.put(part.get().keyId(), index);
                return;
            }
            if (kind == EntryKind.IDENTITY) {
                if (!touching) return;
                JsonNode n = json(leaf);
                for (String f : List.of("customer", "other")) if (n.hasNonNull(f)) scan.touched.put(n.get(f).asText(), index);
                return;
            }
            EventEntry e = EventEntry.parse(leaf);
            switch (e.kind()) {
                case EventEntry.AUDIENCE -> {
                    scan.definitions = true;
                    String name = e.field("name");
                    if (Audiences.DELETED.equals(e.field("change"))) {
                        scan.forgotten.add(name);
                        scan.restarted.remove(name);
                    } else {
                        scan.restarted.add(name);
                    }
                }
                case EventEntry.MEMBERSHIP -> {
                    if (index > applied) scan.readBack.add(new Change(e.field("audience"), e.customerId(),
                            Audiences.ENTERED.equals(e.field("change")), e.at(), index));
                }
                case EventEntry.ERASURE -> {
                    if (touching) for (String c : EventEntries.erasedCustomers(e)) scan.touched.put(c, index);
                }
                default -> {
                    if (touching && e.customerId() != null) scan.touched.put(e.customerId(), index);
                }
            }
        });
        return scan;
    }

    private static JsonNode json(byte[] leaf) {
        try {
            return InteractionJson.MAPPER.readTree(leaf);
        } catch (IOException e) {
            throw new IllegalArgumentException("entry is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates the rules for {@code work}, a batch at a time: a customer erased or merged into another is in no
     * audience (the survivor is evaluated in their place); everyone else is in those whose rule holds for them now.
     */
    private void evaluate(Map<String, Set<String>> work, Map<String, AudienceRule> inForce, Instant now, List<Change> changes, Map<String, Long> due) {
        Set<String> fields = new HashSet<>(), keys = new HashSet<>();
        for (AudienceRule r : inForce.values()) {
            fields.addAll(r.fields());
            keys.addAll(r.keys());
        }
        List<String> all = new ArrayList<>(work.keySet());
        for (int from = 0; from < all.size(); from += 500) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + 500));
            List<String> live = new ArrayList<>();
            for (String c : batch) if (customers.current(c).filter(c::equals).isPresent()) live.add(c);
            Map<String, AudienceFacts.Seen> seen = facts.of(live, now, fields, keys);
            Map<String, Map<String, Member>> members = store.membershipsOf(batch);
            for (String c : batch) {
                AudienceFacts.Seen s = seen.get(c);
                Map<String, Member> was = members.getOrDefault(c, Map.of());
                Set<String> which = work.get(c);
                for (Map.Entry<String, AudienceRule> r : inForce.entrySet()) {
                    if (which != null && !which.contains(r.getKey())) continue;
                    boolean in = s != null && r.getValue().test(s.values());
                    if (in != was.containsKey(r.getKey())) changes.add(new Change(r.getKey(), c, in, now, -1));
                }
                due.put(c, s == null ? null : s.dueAt());
            }
        }
    }

    /**
     * Appends the changes as {@code membership} entries, a command per {@link Settings#perCommand} of them, each about
     * the entry that moved the customer when one did; answers them with their entries' indexes.
     */
    private List<Change> append(List<Change> changes, Map<String, Long> cause) {
        List<Change> out = new ArrayList<>(changes.size());
        for (int from = 0; from < changes.size(); from += settings.perCommand()) {
            List<Change> part = changes.subList(from, Math.min(changes.size(), from + settings.perCommand()));
            List<CommandEntry> entries = new ArrayList<>(part.size());
            for (Change c : part) {
                TreeMap<String, String> f = new TreeMap<>(Map.of("audience", c.audience(), "change", c.entered() ? Audiences.ENTERED : Audiences.LEFT));
                Long about = cause.get(c.customer());
                entries.add(CommandEntry.recorded(new EventEntry(EventEntry.MEMBERSHIP, about == null ? -1 : about, c.at(), c.customer(), f, null)));
            }
            long first = writer.command("audiences", (index, graph, ch) -> entries);
            for (int k = 0; k < part.size(); k++) {
                Change c = part.get(k);
                out.add(new Change(c.audience(), c.customer(), c.entered(), c.at(), first + k));
            }
        }
        return out;
    }

    /** Stops the thread after the round in progress (never interrupted: a round's append and record finish together). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t == null) return;
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
