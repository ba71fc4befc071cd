package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * Where contracts' actions land (contracts/README.md): a proposed next best action shows beside the customer's own
 * recommendation, a task waits in its channel team's queue, a notification in the outbox that a messaging system
 * reads. The actions are ledger entries already; these are only views of them.
 */
public final class ContractActions {
    private final Customers customers;
    private final ProjectionStore projections;

    ContractActions(Customers customers, ProjectionStore projections) {
        this.customers = customers;
        this.projections = projections;
    }

    /** Actions contracts proposed for the customer in the {@code within} before {@code at}, newest first. */
    public List<ProjectionChanges.EventRow> proposals(String customerId, Instant at, Duration within) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        return projections.events(customers.idsOf(c), EventEntry.ACTION).stream()
                .filter(r -> "propose_action".equals(r.event().field("action")))
                .filter(r -> !r.event().at().isAfter(at) && r.event().at().isAfter(at.minus(within)))
                .sorted(Comparator.comparing((ProjectionChanges.EventRow r) -> r.event().at()).reversed()).toList();
    }

    /** Tasks contracts opened for a channel's team, due on or after {@code dueFrom}, soonest first. */
    public List<ProjectionChanges.EventRow> tasks(String channel, Instant dueFrom) {
        return of("open_task", r -> channel.equals(r.event().field("param.channel"))
                && !Instant.parse(r.event().field("param.dueAt") != null ? r.event().field("param.dueAt") : r.event().at().toString()).isBefore(dueFrom),
                Comparator.comparing((ProjectionChanges.EventRow r) -> r.event().field("param.dueAt") != null ? r.event().field("param.dueAt") : r.event().at().toString()));
    }

    /** Messages contracts asked to send, after entry {@code afterEntry}, in ledger order: the outbox. */
    public List<ProjectionChanges.EventRow> notifications(long afterEntry) {
        return of("notify", r -> r.entry() > afterEntry, Comparator.comparingLong(ProjectionChanges.EventRow::entry));
    }

    private List<ProjectionChanges.EventRow> of(String action, Predicate<ProjectionChanges.EventRow> keep,
                                                Comparator<ProjectionChanges.EventRow> order) {
        List<ProjectionChanges.EventRow> out = new ArrayList<>();
        projections.allEvents(EventEntry.ACTION, r -> { if (action.equals(r.event().field("action")) && keep.test(r)) out.add(r); });
        out.sort(order);
        return out;
    }
}
