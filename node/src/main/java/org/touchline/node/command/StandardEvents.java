package org.touchline.node.command;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.events.ReceivedEvent;
import org.touchline.node.Customers;
import org.touchline.node.Outcome;

import java.util.List;

/**
 * Standard events in (the Segment Spec, CloudEvents, signed webhooks; docs/events.md): each event is ingested as the
 * record it was read into, and a subject whose accepted event names an organisation (Segment's {@code group})
 * becomes that organisation's employee, once, through the identity commands like any other relationship.
 */
public final class StandardEvents {
    private final Ingestion ingestion;
    private final Customers customers;
    private final IdentityCommands identity;

    public StandardEvents(Ingestion ingestion, Customers customers, IdentityCommands identity) {
        this.ingestion = ingestion;
        this.customers = customers;
        this.identity = identity;
    }

    /** One outcome per event, in order. */
    public List<Outcome> ingest(List<ReceivedEvent> events, String submitter) {
        List<Outcome> outcomes = ingestion.events(events, submitter);
        for (int k = 0; k < events.size(); k++)
            if (events.get(k).record() instanceof MappedRecord.Accepted a && outcomes.get(k).status() == Outcome.Status.ACCEPTED)
                memberships(a.interaction(), submitter);
        return outcomes;
    }

    /** The subject of {@code i} becomes an employee of each organisation it names, unless it already is one. */
    private void memberships(Interaction i, String actor) {
        List<PartyRole> organisations = i.parties().stream().filter(p -> p.role().equals("organisation")).toList();
        if (organisations.isEmpty()) return;
        String subject = firstKnown(i.identifiers());
        if (subject == null) return;
        for (PartyRole org : organisations) {
            String organisation = firstKnown(org.identifiers());
            if (organisation == null || organisation.equals(subject)) continue;
            boolean known = customers.relationships(subject).stream()
                    .anyMatch(r -> r.type().equals("employee") && r.validTo() == null
                            && (r.to().equals(organisation) || r.from().equals(organisation)));
            if (!known) identity.relate("employee", subject, organisation, null, null, actor);
        }
    }

    private String firstKnown(List<Identifier> identifiers) {
        for (Identifier id : identifiers) {
            String customer = customers.findByIdentifier(id).orElse(null);
            if (customer != null) return customer;
        }
        return null;
    }
}
