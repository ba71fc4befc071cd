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
import java.util.Arrays;
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

    Rebuild(Node node) { this.node = node; }

    /** What the replay found about the recorded identity decisions. */
    record Result(long superseded, long unrecorded) {}

    Result run(Progress progress) {
        long[] counts = new long[2];
        node.exclusive(() -> {
            LedgerStore ledger = node.ledger();
            ProjectionStore projections = node.projections();
            projections.reset();
            IdentityGraph graph = node.newGraph();
            IdentityCommands commands = node.identityCommands();
            ArrayDeque<IdentityDecision> expected = new ArrayDeque<>();
            long size = ledger.size();
            ProjectionChanges[] changes = {new ProjectionChanges()};
            ledger.scanLeaves(0, size, (index, leaf) -> {
                if (IdentityDecision.isIdentityLeaf(leaf)) {
                    IdentityDecision d = IdentityDecision.parse(leaf);
                    if (d.isDerived()) {
                        if (!expected.isEmpty() && Arrays.equals(expected.peek().leaf(), leaf)) {
                            expected.poll();
                            DecisionEntries.project(index, d, changes[0]);
                        } else {
                            counts[0]++;
                            changes[0].decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "superseded"));
                        }
                    } else {
                        // A command reads the projections as they stand before it, and its changes go alone.
                        projections.apply(changes[0]);
                        changes[0] = new ProjectionChanges();
                        try {
                            commands.apply(d, index, graph, changes[0]);
                            DecisionEntries.project(index, d, changes[0]);
                        } catch (RuntimeException refused) {
                            changes[0] = new ProjectionChanges();
                            changes[0].decisionRows.add(new ProjectionChanges.DecisionRow(index, d, "refused"));
                        }
                        projections.apply(changes[0]);
                        changes[0] = new ProjectionChanges();
                    }
                } else {
                    counts[1] += expected.size();
                    expected.clear();
                    Optional<PersonalPart> part = node.vault().openPart(ledger, index);
                    if (part.isPresent()) {
                        int before = changes[0].decisions.size();
                        graph.attribute(index, InteractionEntry.parse(leaf).withPersonal(part.get()), changes[0]);
                        expected.addAll(changes[0].decisions.subList(before, changes[0].decisions.size()));
                    }
                }
                if ((index + 1) % FLUSH == 0 || index + 1 == size) {
                    projections.apply(changes[0]);
                    changes[0] = new ProjectionChanges();
                    progress.update("rebuild", index + 1, size);
                }
            });
            counts[1] += expected.size();
        });
        return new Result(counts[0], counts[1]);
    }
}
