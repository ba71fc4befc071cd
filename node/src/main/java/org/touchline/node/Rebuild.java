package org.touchline.node;

import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.Progress;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentityGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code touchline rebuild}: drops every projection and replays the ledger through the same resolver the live path
 * uses, in ledger order (DESIGN.md principle 1). Entries whose personal part was erased carry no identifiers any
 * more and attach to no one.
 * <p>
 * Identity decision entries: the derived ones (merges, refusals, matches, reviews) are taken again by the resolver
 * while it replays the interaction they are about, and each recorded entry that says the same is the record of it; a
 * recorded decision the replay no longer takes (the rules changed since) stays as history, {@code superseded}.
 * Commands (review answers, unmerges, relationships) are applied at their index, exactly as live.
 */
final class Rebuild {
    private static final int FLUSH = 10_000;
    private final Node node;
    private final LedgerStore ledger;
    private final ProjectionStore projections;
    private IdentityGraph graph;
    private IdentityCommands commands;
    /** Decisions the replay took for the last interaction, waiting for the entries that recorded them. */
    private final ArrayDeque<IdentityDecision> expected = new ArrayDeque<>();
    private ProjectionChanges changes = new ProjectionChanges();
    /** Decisions the replay took that no entry recorded right after their interaction, by leaf: resolve --all records them later. */
    private final java.util.LinkedHashMap<String, IdentityDecision> waiting = new java.util.LinkedHashMap<>();
    private long superseded;

    Rebuild(Node node) {
        this.node = node;
        this.ledger = node.ledger();
        this.projections = node.projections();
    }

    /**
     * What the replay found about the recorded identity decisions: how many it no longer takes ({@code superseded},
     * kept as history), and the ones it took that no entry records yet, in ledger order of what they are about.
     */
    record Result(long superseded, List<IdentityDecision> unrecorded) {}

    Result run(Progress progress) {
        node.exclusive(() -> {
            projections.reset();
            graph = node.newGraph();
            commands = node.identityCommands();
            long size = ledger.size();
            // A chunk is read, then replayed: a scan left open would pin this thread's read snapshot, and a command
            // must see the projections flushed just before it.
            List<byte[]> chunk = new ArrayList<>(FLUSH);
            for (long from = 0; from < size; from += FLUSH) {
                chunk.clear();
                ledger.scanLeaves(from, Math.min(size, from + FLUSH), (i, leaf) -> chunk.add(leaf));
                for (int k = 0; k < chunk.size(); k++) replay(from + k, chunk.get(k));
                flush();
                progress.update("rebuild", from + chunk.size(), size);
            }
            holdBack(expected);
        });
        return new Result(superseded, List.copyOf(waiting.values()));
    }

    private void replay(long index, byte[] leaf) {
        org.touchline.domain.EntryKind kind = org.touchline.domain.EntryKind.of(leaf);
        if (kind == org.touchline.domain.EntryKind.EVENT) {
            var event = org.touchline.domain.EventEntry.parse(leaf);
            boolean erasure = event.kind().equals(org.touchline.domain.EventEntry.ERASURE);
            if (erasure) flush(); // an erasure's deletions must not reach rows the entries after it add
            CustomerEvents.apply(index, event, changes);
            if (erasure) flush();
            return;
        }
        if (kind == org.touchline.domain.EntryKind.INTERACTION) {
            holdBack(expected);
            Optional<PersonalPart> part = node.vault().openPart(ledger, index);
            if (part.isEmpty()) return;
            int before = changes.decisions.size();
            graph.attribute(index, InteractionEntry.parse(leaf).withPersonal(part.get()), changes);
            expected.addAll(changes.decisions.subList(before, changes.decisions.size()));
            return;
        }
        IdentityDecision d = IdentityDecision.parse(leaf);
        if (d.isDerived()) {
            if (!expected.isEmpty() && Arrays.equals(expected.peek().leaf(), leaf)) {
                expected.poll();
                DecisionEntries.project(index, d, changes);
            } else if (waiting.remove(key(leaf)) != null) {
                DecisionEntries.project(index, d, changes); // recorded later, by resolve --all
            } else {
                superseded++;
                changes.decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "superseded"));
            }
            return;
        }
        // A command reads the projections as they stand just before it, and its changes are applied alone.
        flush();
        try {
            commands.apply(d, index, graph, changes);
            DecisionEntries.project(index, d, changes);
        } catch (RuntimeException refused) {
            changes = new ProjectionChanges();
            changes.decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "refused"));
        }
        flush();
    }

    private void holdBack(ArrayDeque<IdentityDecision> decisions) {
        for (IdentityDecision d : decisions) waiting.put(key(d.leaf()), d);
        decisions.clear();
    }

    private static String key(byte[] leaf) { return new String(leaf, java.nio.charset.StandardCharsets.UTF_8); }

    private void flush() {
        if (!changes.isEmpty()) projections.apply(changes);
        changes = new ProjectionChanges();
    }
}
