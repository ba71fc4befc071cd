package org.touchline.node;

import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.Progress;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentityGraph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code touchline rebuild}: drops every projection and replays the ledger through the same resolver the live path
 * uses, in ledger order (docs/architecture.md, principle 1). Entries whose personal part was erased carry no identifiers any
 * more and attach to no one.
 * <p>
 * Identity decision entries: the derived ones (merges, refusals, matches, reviews) are taken again by the resolver
 * while it replays the interaction they are about, and each recorded entry that says the same is the record of it; a
 * recorded decision the replay no longer takes (the rules changed since) stays as history, {@code superseded}.
 * Commands (review answers, unmerges, relationships) are applied at their index, exactly as live.
 * <p>
 * Memory: the replay resolves against the state it is writing, in the store, as the live writer does (identifiers,
 * merges, customers, match profiles, contracts' facts through bounded caches, {@code -Dtouchline.stateCache}): each
 * chunk of the ledger is one group, read ahead in a few batched queries, committed before the next. So a rebuild's heap
 * does not grow with the customers, and it takes the live writer's decisions by construction.
 */
final class Rebuild {
    private static final int FLUSH = 10_000;
    private final LedgerStore ledger;
    private final ProjectionStore projections;
    private final Vault vault;
    private final IdentityEffects effects;
    private final Function<GroupCommits, IdentityGraph> newGraph;
    private final Function<GroupCommits, ContractRunner> newContracts;
    private final Consumer<Runnable> exclusive;
    private final int chunkSize;
    private GroupCommits groups;
    private IdentityGraph graph;
    private ContractRunner contracts;
    /**
     * Entries the replay derived from the last entry it replayed (identity decisions, contract actions), waiting for
     * the recorded entries that say the same.
     */
    private final ArrayDeque<CommandEntry> expected = new ArrayDeque<>();
    /** Derived entries no entry recorded right after their cause, by leaf: resolve --all records them later. */
    private final LinkedHashMap<String, CommandEntry> waiting = new LinkedHashMap<>();
    private ProjectionChanges changes = new ProjectionChanges();
    private long superseded;

    /**
     * A replay of {@code ledger} into {@code projections} against the state {@code newGraph} and {@code newContracts}
     * keep, committing every {@code chunkSize} entries; {@code exclusive} runs it with no group commit in flight.
     */
    Rebuild(LedgerStore ledger, ProjectionStore projections, Vault vault, IdentityEffects effects,
            Function<GroupCommits, IdentityGraph> newGraph, Function<GroupCommits, ContractRunner> newContracts,
            Consumer<Runnable> exclusive, int chunkSize) {
        this.ledger = ledger;
        this.projections = projections;
        this.vault = vault;
        this.effects = effects;
        this.newGraph = newGraph;
        this.newContracts = newContracts;
        this.exclusive = exclusive;
        this.chunkSize = chunkSize;
    }

    /**
     * A replay into {@code projections} against their own state behind bounded caches, under the rules and match model
     * in force: what {@code rebuild}, {@code resolve --all} and the projection check run.
     */
    static Rebuild over(LedgerStore ledger, ProjectionStore projections, Vault vault, IdentifierKeys identifierKeys,
                        Resolution resolution, Consumer<Runnable> exclusive) {
        return over(ledger, projections, vault, identifierKeys, resolution, exclusive, FLUSH);
    }

    /** As {@link #over}, committing every {@code chunkSize} entries: small chunks put many entries on a chunk's boundary. */
    static Rebuild over(LedgerStore ledger, ProjectionStore projections, Vault vault, IdentifierKeys identifierKeys,
                        Resolution resolution, Consumer<Runnable> exclusive, int chunkSize) {
        StoredEngines engines = new StoredEngines(projections, identifierKeys, resolution, vault);
        return new Rebuild(ledger, projections, vault, new IdentityEffects(ledger, projections, projections, identifierKeys, vault),
                engines::graph, engines::contracts, exclusive, chunkSize);
    }

    /**
     * What the replay found about the recorded derived entries: how many it no longer takes ({@code superseded}, kept as
     * history), the identity decisions it took that no entry records yet, in ledger order of what they are about, and
     * how the caches of store state did.
     */
    record Result(long superseded, List<IdentityDecision> unrecorded, List<CacheStats> caches) {}

    Result run(Progress progress) {
        exclusive.accept(() -> {
            projections.reset();
            groups = new GroupCommits();
            graph = newGraph.apply(groups);
            contracts = newContracts.apply(groups);
            long size = ledger.size();
            // A chunk is read, then replayed: a scan left open would pin this thread's read snapshot, and a command
            // must see the projections flushed just before it.
            List<byte[]> chunk = new ArrayList<>(chunkSize);
            Map<Long, PersonalPart> parts = new HashMap<>();
            for (long from = 0; from < size; from += chunkSize) {
                chunk.clear();
                ledger.scanLeaves(from, Math.min(size, from + chunkSize), (i, leaf) -> chunk.add(leaf));
                readAhead(from, chunk, parts);
                for (int k = 0; k < chunk.size(); k++) replay(from + k, chunk.get(k), parts.get(from + k));
                flush();
                progress.update("rebuild", from + chunk.size(), size);
            }
            holdBack();
        });
        List<IdentityDecision> unrecorded = new ArrayList<>();
        for (CommandEntry e : waiting.values())
            if (EntryKind.of(e.leaf()) == EntryKind.IDENTITY) unrecorded.add(IdentityDecision.parse(e.leaf()));
        List<CacheStats> caches = new ArrayList<>(graph.cacheStats());
        caches.addAll(contracts.facts().cacheStats());
        return new Result(superseded, unrecorded, caches);
    }

    /**
     * Opens the personal parts of the chunk's interactions and reads the state they will ask for (their identifiers'
     * holders, those customers' merges, profiles and facts) in a few batched queries, as the live writer does for a
     * group; the chunk's own changes, layered over the cache, take precedence over what was read.
     */
    private void readAhead(long from, List<byte[]> chunk, Map<Long, PersonalPart> parts) {
        parts.clear();
        List<Interaction> interactions = new ArrayList<>();
        for (int k = 0; k < chunk.size(); k++) {
            if (EntryKind.of(chunk.get(k)) != EntryKind.INTERACTION) continue;
            long index = from + k;
            Optional<PersonalPart> part = vault.openPart(ledger, index);
            if (part.isEmpty()) continue;
            parts.put(index, part.get());
            interactions.add(InteractionEntry.parse(chunk.get(k)).withPersonal(part.get()));
        }
        contracts.facts().prefetch(graph.prefetch(interactions));
    }

    private void replay(long index, byte[] leaf, PersonalPart part) {
        if (!expected.isEmpty() && Arrays.equals(expected.peek().leaf(), leaf)) {
            expected.poll().project(index, changes);
            return;
        }
        CommandEntry late = waiting.remove(key(leaf));
        if (late != null) {
            late.project(index, changes); // recorded later, by resolve --all
            return;
        }
        switch (EntryKind.of(leaf)) {
            case INTERACTION -> {
                holdBack();
                if (part == null) return; // erased
                int before = changes.decisions.size(), mergesBefore = changes.merges.size();
                var interaction = InteractionEntry.parse(leaf).withPersonal(part);
                if (ExternalEvents.is(interaction)) {
                    for (var action : ExternalEvents.place(index, interaction, graph, contracts, changes)) expected.add(CommandEntry.recorded(action));
                    return;
                }
                var who = graph.attribute(index, interaction, changes);
                for (var m : changes.merges.subList(mergesBefore, changes.merges.size())) contracts.facts().merge(m.absorbed(), m.survivor());
                for (IdentityDecision d : changes.decisions.subList(before, changes.decisions.size())) expected.add(CommandEntry.of(d));
                for (EventEntry action : contracts.interaction(index, interaction, who.subject()))
                    expected.add(CommandEntry.recorded(action));
            }
            case EVENT -> {
                var event = EventEntry.parse(leaf);
                if (event.field("contract") != null) {
                    // A contract's action the replay did not take again: the ledger says it happened, so it stands.
                    superseded++;
                    EventEntries.project(index, event, changes);
                    return;
                }
                holdBack();
                boolean erasure = event.kind().equals(EventEntry.ERASURE);
                if (erasure) flush(); // an erasure's deletions must not reach rows the entries after it add
                EventEntries.project(index, event, changes);
                for (EventEntry action : contracts.event(index, event)) expected.add(CommandEntry.recorded(action));
                if (erasure) {
                    flush();
                    // The erased customers' rows are gone from the store: gone from every cache too, as live.
                    graph.forget(EventEntries.erasedCustomers(event));
                }
            }
            case IDENTITY -> {
                IdentityDecision d = IdentityDecision.parse(leaf);
                if (d.isDerived()) {
                    superseded++;
                    changes.decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "superseded"));
                    return;
                }
                holdBack();
                // A command reads the projections as they stand just before it, and its changes are applied alone.
                flush();
                try {
                    int mergesBefore = changes.merges.size();
                    effects.apply(d, index, graph, changes);
                    for (var m : changes.merges.subList(mergesBefore, changes.merges.size())) contracts.facts().merge(m.absorbed(), m.survivor());
                    DecisionEntries.project(index, d, changes);
                } catch (RuntimeException refused) {
                    changes = new ProjectionChanges();
                    changes.decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "refused"));
                }
                flush();
            }
        }
    }

    /** Derived entries still expected when their cause's successors begin: recorded later, if ever. */
    private void holdBack() {
        for (CommandEntry e : expected) waiting.put(key(e.leaf()), e);
        expected.clear();
    }

    private static String key(byte[] leaf) { return new String(leaf, StandardCharsets.UTF_8); }

    private void flush() {
        contracts.facts().drainInto(changes);
        if (!changes.isEmpty()) projections.apply(changes);
        groups.committed(groups.close()); // the group's changes are the store's now: the caches may hold them
        changes = new ProjectionChanges();
    }
}
