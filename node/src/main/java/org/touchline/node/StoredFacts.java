package org.touchline.node;

import org.touchline.contracts.CustomerState;
import org.touchline.domain.store.FactProjection;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts contracts see of customers (contracts/README.md), as the projections hold them after commit: what readers
 * outside the write path (audiences) evaluate rules on. The write path keeps its own view of the groups in flight.
 */
public final class StoredFacts {
    private final FactProjection facts;

    StoredFacts(FactProjection facts) { this.facts = facts; }

    /** A customer's state as contracts see it, at a moment, and the products they bought. */
    public record Of(CustomerState state, List<String> products) {}

    /** The facts of {@code customers} (current ids) at {@code at}; a customer with none yet has the empty state. */
    public Map<String, Of> of(Collection<String> customers, Instant at) {
        Map<String, String> stored = facts.factsOf(customers);
        Map<String, Of> out = new HashMap<>();
        for (String c : customers) {
            String encoded = stored.get(c);
            out.put(c, new Of(CustomerFacts.state(c, encoded, at), CustomerFacts.products(encoded)));
        }
        return out;
    }
}
