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
        ObjectNode n = F.objectNode().put("kind", e.kind()).put("at", e.at().toString()).put("customerId", e.customerId());
        if (e.about() >= 0) n.put("about", e.about());
        e.fields().forEach((k, v) -> {
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
