package org.touchline.node.audience;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.EventEntry;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.AudienceStore.DailySize;
import org.touchline.domain.store.AudienceStore.Member;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.journeys.StageMap;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Customers;
import org.touchline.node.StoredFacts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Audiences (docs/audiences.md): named CEL rules over customers, defined, changed and deleted as ledger entries (kind
 * {@code audience}), so every node and every replay has the same definitions; their members kept by the
 * {@link AudienceEvaluator}, which reads the log after commit and records each customer entering or leaving as a
 * ledger entry (kind {@code membership}) that destinations deliver. Read here whichever way the request came.
 */
public final class Audiences implements AutoCloseable {
    /** A name: lower-case letters, digits, '-' and '_', starting with a letter or digit, up to 64. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int MAX_DESCRIPTION = 200;
    public static final String DEFINED = "defined", CHANGED = "changed", DELETED = "deleted", ENTERED = "entered", LEFT = "left";

    private final EventProjection events;
    private final AudienceStore store;
    private final Customers customers;
    private final CommandWriter writer;
    private final Clock clock;
    private final AudienceEvaluator evaluator;

    /**
     * The audiences of a node: definitions read from {@code events}, customers' facts from the projections, the
     * propensities from {@code propensities} (a customer's scores now; none without their personalisation consent),
     * entries appended through {@code writer}, members kept in {@code store}.
     */
    public Audiences(LedgerStore ledger, EventProjection events, TimelineProjection timelines, Customers customers, StoredFacts facts,
                     StageMap stages, BiFunction<String, Instant, Map<String, Double>> propensities, AudienceStore store,
                     CommandWriter writer, Clock clock, AudienceEvaluator.Settings settings) {
        this.events = events;
        this.store = store;
        this.customers = customers;
        this.writer = writer;
        this.clock = clock;
        AudienceFacts seen = new AudienceFacts(ledger, timelines, customers, facts, stages, propensities);
        this.evaluator = new AudienceEvaluator(this, ledger, store, seen, customers, writer, clock, settings);
    }

    /** An audience as the ledger defines it: its rule, what it is for, and the entry that last defined or changed it. */
    public record Definition(String name, String rule, String description, long entry, Instant definedAt, String actor) {}

    /** An audience with its size now; {@code evaluating} while the first pass of its rule has not reached every customer. */
    public record Status(Definition definition, long size, boolean evaluating) {
        public ObjectNode json() {
            Definition d = definition;
            ObjectNode n = InteractionJson.MAPPER.createObjectNode().put("name", d.name()).put("rule", d.rule());
            if (d.description() != null) n.put("description", d.description());
            n.put("entry", d.entry()).put("definedAt", d.definedAt().toString());
            if (d.actor() != null) n.put("definedBy", d.actor());
            return n.put("size", size).put("evaluating", evaluating);
        }
    }

    /** The audiences the ledger defines now, by name. */
    public Map<String, Definition> definitions() {
        Map<String, Definition> out = new TreeMap<>();
        events.allEvents(EventEntry.AUDIENCE, row -> {
            EventEntry e = row.event();
            String name = e.field("name");
            if (DELETED.equals(e.field("change"))) out.remove(name);
            else out.put(name, new Definition(name, e.field("rule"), e.field("description"), row.entry(), e.at(), e.field("actor")));
        });
        return out;
    }

    public List<Status> list() {
        Map<String, AudienceStore.State> states = store.states();
        List<Status> out = new ArrayList<>();
        for (Definition d : definitions().values()) out.add(status(d, states.get(d.name())));
        return out;
    }

    public Status status(String name) { return status(definition(name), store.states().get(name)); }

    private static Status status(Definition d, AudienceStore.State s) {
        // Not yet seen by the evaluator: nobody is a member yet, and the first pass is still to come.
        return new Status(d, s == null ? 0 : s.size(), s == null || s.backfillAfter() != null);
    }

    private Definition definition(String name) {
        Definition d = definitions().get(name);
        if (d == null) throw new NoSuchElementException("no audience " + name);
        return d;
    }

    /** Defines a new audience; refused if one of that name exists. Returns it as defined, with no members yet. */
    public Status define(String name, String rule, String description, String actor) {
        return write(DEFINED, name, rule, description, actor);
    }

    /** Changes an audience's rule (and description): its members are evaluated again, every customer, under the new rule. */
    public Status change(String name, String rule, String description, String actor) {
        return write(CHANGED, name, rule, description, actor);
    }

    /** Deletes an audience: its members and sizes are forgotten, and destinations are told by the entry that records it. */
    public void delete(String name, String actor) { write(DELETED, name, null, null, actor); }

    private Status write(String change, String name, String rule, String description, String actor) {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("audience '" + name + "', field 'name': lower-case letters, digits, '-' and '_', up to 64, starting with a letter or digit");
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("actor is required: who changes the audiences");
        if (!change.equals(DELETED)) AudienceRule.compile(name, rule);
        if (description != null && description.length() > MAX_DESCRIPTION)
            throw new IllegalArgumentException("audience '" + name + "', field 'description': at most " + MAX_DESCRIPTION + " characters");
        TreeMap<String, String> fields = new TreeMap<>(Map.of("name", name, "change", change, "actor", actor));
        if (rule != null) fields.put("rule", rule);
        if (description != null && !description.isBlank()) fields.put("description", description.strip());
        EventEntry e = new EventEntry(EventEntry.AUDIENCE, -1, clock.instant(), null, fields, null);
        writer.command(actor, (index, graph, changes) -> {
            // Checked inside the writer, against the definitions exactly as the ledger holds them now.
            boolean exists = definitions().containsKey(name);
            if (change.equals(DEFINED) && exists) throw new IllegalStateException("audience '" + name + "' exists: change it or delete it first");
            if (!change.equals(DEFINED) && !exists) throw new NoSuchElementException("no audience " + name);
            return List.of(CommandEntry.recorded(e));
        });
        return change.equals(DELETED) ? null : status(name);
    }

    /**
     * Members of {@code name} after customer {@code after}, in id order. Who may see them is the caller's to decide
     * (the API shows an analyst only audiences of at least the minimum count).
     */
    public List<Member> members(String name, String after, int limit) {
        definition(name);
        return store.members(name, after, limit);
    }

    /** The audience's size at the end of every day from {@code from} to {@code to}: a day with no change keeps the day before's. */
    public List<DailySize> sizes(String name, LocalDate from, LocalDate to) {
        definition(name);
        if (to.isBefore(from)) throw new IllegalArgumentException("to: " + to + " is before from " + from);
        if (from.plusDays(3660).isBefore(to)) throw new IllegalArgumentException("from, to: at most ten years of days");
        List<DailySize> stored = store.sizes(name, from, to);
        Map<LocalDate, DailySize> byDay = new LinkedHashMap<>();
        long size = 0;
        int k = 0;
        if (!stored.isEmpty() && stored.get(0).day().isBefore(from)) size = stored.get(k++).size();
        for (; k < stored.size(); k++) byDay.put(stored.get(k).day(), stored.get(k));
        List<DailySize> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            DailySize s = byDay.get(d);
            if (s != null) size = s.size();
            out.add(s != null ? s : new DailySize(d, size, 0, 0));
        }
        return out;
    }

    /** Today, as the node's clock says (UTC): where a series of sizes ends by default. */
    public LocalDate today() { return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC); }

    /** The audiences {@code customerId} is in now (merges followed), by name. */
    public List<Member> of(String customerId) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        Map<String, Definition> defined = definitions();
        List<Member> out = new ArrayList<>();
        for (Member m : store.membershipsOf(c).values()) if (defined.containsKey(m.audience())) out.add(m);
        return out;
    }

    /** A customer's audiences as the API answers them. */
    public static ArrayNode json(List<Member> members) {
        ArrayNode a = InteractionJson.MAPPER.createArrayNode();
        for (Member m : members) {
            ObjectNode n = a.addObject().put("audience", m.audience()).put("customer", m.customer()).put("since", m.since().toString());
            if (m.entry() >= 0) n.put("entry", m.entry());
        }
        return a;
    }

    /** The evaluator: started by the node that serves; a test or a benchmark may run its rounds itself. */
    public AudienceEvaluator evaluator() { return evaluator; }

    /** Starts evaluating in the background (the node that serves does). */
    public Audiences start() {
        evaluator.start();
        return this;
    }

    @Override
    public void close() { evaluator.close(); }
}
