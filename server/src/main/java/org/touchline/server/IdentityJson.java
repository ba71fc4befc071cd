package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.ProjectionChanges;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The JSON of identity decisions, review rows and relationships, and the reading of identity command bodies. */
final class IdentityJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private IdentityJson() {}

    static ObjectNode decision(IdentityDecision d) {
        ObjectNode n = F.objectNode().put("decision", d.kind()).put("at", d.at().toString());
        if (d.about() >= 0) n.put("about", d.about());
        if (d.customerId() != null) n.put("customerId", d.customerId());
        if (d.otherCustomerId() != null) n.put("otherCustomerId", d.otherCustomerId());
        if (d.identifierType() != null) n.put("identifierType", d.identifierType());
        if (!d.identifierKeys().isEmpty()) n.put("identifiersMoved", d.identifierKeys().size());
        if (d.rule() != null) n.put("rule", d.rule());
        if (d.score() != null) {
            ObjectNode s = n.putObject("score").put("probability", d.score().probability()).put("weight", d.score().weight());
            var cs = s.putArray("contributions");
            for (var c : d.score().contributions()) cs.addObject().put("field", c.field()).put("level", c.level()).put("weight", c.weight());
        }
        if (d.actor() != null) n.put("actor", d.actor());
        if (d.reason() != null) n.put("reason", d.reason());
        if (d.relationship() != null) {
            ObjectNode r = n.putObject("relationship").put("type", d.relationship().type());
            r.put("validFrom", d.relationship().validFrom()).put("validTo", d.relationship().validTo());
        }
        return n;
    }

    /** A decision as the projections hold it: the entry that records it and its status. */
    static ObjectNode row(ProjectionChanges.DecisionRow row) {
        ObjectNode n = decision(row.decision());
        n.put("entry", row.entry()).put("status", row.status());
        return n;
    }

    static ObjectNode relationship(ProjectionChanges.Relationship r) {
        return F.objectNode().put("entry", r.entry()).put("type", r.type()).put("from", r.from()).put("to", r.to())
                .put("validFrom", r.validFrom()).put("validTo", r.validTo());
    }

    static JsonNode body(String text) throws IOException {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a JSON body is required");
        JsonNode n = InteractionJson.MAPPER.readTree(text);
        if (!n.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
        return n;
    }

    static String required(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalArgumentException("field '" + field + "' is required (a string)");
        return v.asText();
    }

    /** A body field's text, or null when it is absent or null. */
    static String optional(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    static LocalDate optionalDate(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : date(v.asText(), field);
    }

    static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' must be a date like 2026-11-23, got '" + text + "'");
        }
    }
}
