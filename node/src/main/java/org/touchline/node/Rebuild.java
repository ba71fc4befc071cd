package org.touchline.node;

import org.touchline.domain.Progress;

import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentityGraph;

import java.util.Optional;

/**
 * {@code touchline rebuild}: drops every projection and replays the ledger through the same resolver the live path
 * uses, in ledger order (DESIGN.md principle 1). Entries whose personal part was erased carry no identifiers any
 * more and attach to no one.
 */
final class Rebuild {
    private static final int FLUSH = 10_000;
    private final Node node;

    Rebuild(Node node) { this.node = node; }

    void run(Progress progress) {
        node.exclusive(() -> {
            LedgerStore ledger = node.ledger();
            ProjectionStore projections = node.projections();
            projections.reset();
            IdentityGraph graph = new IdentityGraph(node.identifierKeys(), node.identityRules());
            long size = ledger.size();
            ProjectionChanges[] changes = {new ProjectionChanges()};
            ledger.scanLeaves(0, size, (index, leaf) -> {
                Optional<PersonalPart> part = node.vault().openPart(ledger, index);
                if (part.isPresent()) graph.attribute(index, InteractionEntry.parse(leaf).withPersonal(part.get()), changes[0]);
                if ((index + 1) % FLUSH == 0 || index + 1 == size) {
                    projections.apply(changes[0]);
                    changes[0] = new ProjectionChanges();
                    progress.update("rebuild", index + 1, size);
                }
            });
        });
    }
}
