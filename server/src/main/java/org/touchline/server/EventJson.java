package org.touchline.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;

/** The JSON of consent, rating and erasure entries. */
final class EventJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EventJson() {}

    /** An entry as it shows on a timeline; {@code comment} is a rating's opened comment, if any. */
    static ObjectNode event(EventEntry e, String comment) {
        // "at" is the time it records (the source's, if it gave one); "recordedAt" when the node recorded it, if that differs.
        ObjectNode n = F.objectNode().put("kind", e.kind()).put("at", e.occurredAt().toString()).put("customerId", e.customerId());
        if (!e.occurredAt().equals(e.at())) n.put("recordedAt", e.at().toString());
        if (e.about() >= 0) n.put("about", e.about());
        e.fields().forEach((k, v) -> {
            if (k.equals(EventEntry.OCCURRED_AT)) return;
            if (k.equals("rating") || k.equals("entries") || k.equals("amount") || k.equals("version")) n.put(k, Long.parseLong(v));
            else n.put(k, v);
        });
        if (comment != null) n.put("comment", comment);
        return n;
    }

    static ObjectNode row(ProjectionChanges.EventRow r) {
        return event(r.event(), null).put("entry", r.entry());
    }
}
