package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.Interaction;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.IdentityGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Events from outside the company (docs/analytics.md): a network outage in a postcode area, a storm warning, a product
 * recall. They arrive like any source, as interactions of channel {@code external}, but belong to no customer: they
 * reach the customers they affect (by account, postcode area, product) and appear on those customers' timelines, and
 * contracts run on them for each affected customer, so care can start before the customer calls. The live appender
 * and the rebuild both place them through here, in ledger order, so both reach the same customers.
 */
final class ExternalEvents {
    /** Their text (a description of the outage) is sealed under a key of its own: it is nobody's personal data. */
    static final String KEY_ID = "external";
    /** An event reaching more customers than this still goes on every timeline, but contracts run for the first ones only. */
    static final int MAX_CONTRACT_RUNS = 100_000;

    private ExternalEvents() {}

    static boolean is(Interaction i) { return "external".equals(i.channel()); }

    /** Places the event on its customers' timelines and returns the contracts' actions, customer by customer. */
    static List<EventEntry> place(long index, Interaction i, IdentityGraph graph, ContractRunner contracts, ProjectionChanges changes) {
        List<String> reached = graph.affect(index, i, contracts.facts().holdersOf(i.products()), changes);
        List<EventEntry> actions = new ArrayList<>();
        for (String c : reached.subList(0, Math.min(reached.size(), MAX_CONTRACT_RUNS))) actions.addAll(contracts.affected(index, i, c));
        return actions;
    }
}
