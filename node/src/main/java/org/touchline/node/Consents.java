package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.node.command.CustomerEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Consent as the ledger's consent entries say now (docs/security.md), and the one purpose check every use of a
 * customer's data goes through (docs/architecture.md, principle 7). Recording a consent is {@link CustomerEvents}'.
 */
public final class Consents {
    /** The purposes data may be used for (docs/architecture.md, principle 7). */
    public static final List<String> PURPOSES = List.of("service", "analytics", "personalisation", "marketing", "model_training");
    public static final List<String> STATES = List.of("granted", "refused", "withdrawn");
    private final EventProjection events;
    private final Customers customers;

    Consents(EventProjection events, Customers customers) {
        this.events = events;
        this.customers = customers;
    }

    /** The customer's consent for each purpose now (the latest entry per purpose), absent purposes never asked. */
    public Map<String, ProjectionChanges.EventRow> consents(String customerId) {
        Map<String, ProjectionChanges.EventRow> now = new TreeMap<>();
        for (ProjectionChanges.EventRow r : consentHistory(customerId)) now.put(r.event().field("purpose"), r);
        return now;
    }

    /** Every consent entry of the customer (and of ids merged into it), oldest first. */
    public List<ProjectionChanges.EventRow> consentHistory(String customerId) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        return events.events(customers.idsOf(c), EventEntry.CONSENT);
    }

    /**
     * The one purpose check every use of customer data for analytics, personalisation, marketing or model training goes
     * through (docs/architecture.md, principle 7): true only if the customer's latest consent for the purpose is a grant. Service
     * (answering the customer) needs no consent.
     */
    public boolean allows(String customerId, String purpose) {
        if (purpose.equals("service")) return true;
        if (!PURPOSES.contains(purpose)) throw new IllegalArgumentException("purpose '" + purpose + "' is not one of " + PURPOSES);
        if (customers.current(customerId).isEmpty()) return false;
        return allowedBy(purpose, consents(customerId).get(purpose));
    }

    /** The rule of {@link #allows} on a consent already read: service needs none, the rest the latest to be a grant. */
    public static boolean allowedBy(String purpose, ProjectionChanges.EventRow latest) {
        return purpose.equals("service") || (latest != null && "granted".equals(latest.event().field("state")));
    }

    /**
     * The customers whose latest consent for {@code purpose} is a grant, by current id, in id order: the only way a
     * training set, a campaign or a next-best-action run may pick its customers (docs/architecture.md, principle 7).
     */
    public List<String> audience(String purpose) {
        if (!PURPOSES.contains(purpose)) throw new IllegalArgumentException("purpose '" + purpose + "' is not one of " + PURPOSES);
        if (purpose.equals("service")) throw new IllegalArgumentException("service needs no consent: it has no audience of its own");
        Map<String, String> latest = new TreeMap<>();
        events.allEvents(EventEntry.CONSENT, row -> {
            if (!purpose.equals(row.event().field("purpose"))) return;
            customers.current(row.event().customerId()).ifPresent(c -> latest.put(c, row.event().field("state")));
        });
        List<String> out = new ArrayList<>();
        latest.forEach((c, state) -> {
            if (state.equals("granted")) out.add(c);
        });
        return out;
    }
}
