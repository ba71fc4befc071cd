package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.EventProjection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a marketing campaign may reach at a moment (contracts and consent): the customers whose consent to marketing is
 * in force ({@link Consents#audience}), less those a contract suppressed for that campaign until after that moment (e.g.
 * the fortnight after a complaint). The moment is given, not read from the clock, so a run can be repeated.
 */
public final class Campaigns {
    private final EventProjection events;
    private final Customers customers;
    private final Consents consents;

    Campaigns(EventProjection events, Customers customers, Consents consents) {
        this.events = events;
        this.customers = customers;
        this.consents = consents;
    }

    public List<String> audience(String campaign, Instant at) {
        Set<String> suppressed = new HashSet<>();
        events.allEvents(EventEntry.ACTION, row -> {
            EventEntry e = row.event();
            if (!"suppress_campaign".equals(e.field("action")) || !campaign.equals(e.field("param.campaign"))) return;
            String until = e.field("param.until");
            if (until != null && Instant.parse(until).isAfter(at) && !e.at().isAfter(at))
                customers.current(e.customerId()).ifPresent(suppressed::add);
        });
        List<String> out = new ArrayList<>();
        for (String c : consents.audience("marketing")) if (!suppressed.contains(c)) out.add(c);
        return out;
    }
}
