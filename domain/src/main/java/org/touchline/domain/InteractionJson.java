package org.touchline.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes Interaction v1 as JSON (docs/architecture.md "Formats to keep stable"). Reading reports every field that is
 * wrong, naming the record and the field, instead of stopping at the first.
 */
public final class InteractionJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> FIELDS = Set.of("id", "source", "sourceRecordId", "occurredAt", "channel", "type",
            "identifiers", "parties", "agentId", "products", "text", "rating", "attributes");

    private InteractionJson() {}

    public static Interaction parse(String record, String json) throws InvalidRecordException {
        Interaction plain = InteractionStreamParser.read(json);
        if (plain != null) return plain;
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(new Problem(record, "(json)", "is not valid JSON: " + e.getOriginalMessage()));
        }
        return fromJson(record, node);
    }

    /**
     * The interaction a line holds when it has the plain shape senders write and at most {@code maxValues} JSON
     * values, read in one streaming pass; null for any other line, which the caller then reads as a tree (and so
     * names its problems). Same result as the tree for every line it takes.
     */
    public static Interaction parsePlain(String json, int maxValues) { return InteractionStreamParser.read(json, maxValues); }

    /**
     * As {@link #parsePlain(String, int)}, from a line's bytes {@code line[offset, offset + length)} with no String of
     * the line made first; null too when the line is not all ASCII (decode it and read the String instead).
     */
    public static Interaction parsePlain(byte[] line, int offset, int length, int maxValues) {
        return InteractionStreamParser.read(line, offset, length, maxValues);
    }

    public static Interaction fromJson(String record, JsonNode n) throws InvalidRecordException {
        List<Problem> p = new ArrayList<>();
        if (n == null || !n.isObject()) throw new InvalidRecordException(new Problem(record, "(json)", "must be a JSON object"));
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.isBlank()) p.add(new Problem(record, "(empty field name)", "a field has an empty name (\"\": ...); remove it or name it"));
            else if (!FIELDS.contains(f)) p.add(new Problem(record, f, "is not a field of Interaction v1; put source-specific fields in 'attributes'"));
        }
        String source = text(p, record, n, "source");
        String sourceRecordId = text(p, record, n, "sourceRecordId");
        Instant occurredAt = null;
        String at = text(p, record, n, "occurredAt");
        if (at != null) {
            try {
                occurredAt = DateTime.instant(at);
            } catch (DateTimeParseException e) {
                p.add(new Problem(record, "occurredAt", "'" + at + "' is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z"));
            }
        }
        List<Identifier> identifiers = identifiers(p, record, "identifiers", n.get("identifiers"));
        List<PartyRole> parties = new ArrayList<>();
        JsonNode ps = n.get("parties");
        if (ps != null && !ps.isNull()) {
            if (!ps.isArray()) p.add(new Problem(record, "parties", "must be an array"));
            else for (int k = 0; k < ps.size(); k++) {
                JsonNode party = ps.get(k);
                String role = party.path("role").isTextual() ? party.get("role").asText() : null;
                parties.add(new PartyRole(role, identifiers(p, record, "parties[" + k + "].identifiers", party.get("identifiers"))));
            }
        }
        List<String> products = new ArrayList<>();
        JsonNode pr = n.get("products");
        if (pr != null && !pr.isNull()) {
            if (!pr.isArray()) p.add(new Problem(record, "products", "must be an array of strings"));
            else pr.forEach(x -> products.add(x.asText()));
        }
        Integer rating = null;
        JsonNode r = n.get("rating");
        if (r != null && !r.isNull()) {
            if (r.canConvertToInt() && r.isIntegralNumber()) rating = r.intValue();
            else p.add(new Problem(record, "rating", "must be a whole number from 1 to 5, got " + r));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode a = n.get("attributes");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) p.add(new Problem(record, "attributes", "must be an object"));
            else a.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        if (!p.isEmpty()) throw new InvalidRecordException(p);
        return new Interaction(null, source, sourceRecordId, occurredAt, text(p, record, n, "channel"), text(p, record, n, "type"),
                identifiers, parties, text(p, record, n, "agentId"), products, text(p, record, n, "text"), rating, attributes);
    }

    private static String text(List<Problem> p, String record, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode() || v.isBinary()) {
            p.add(new Problem(record, field, "must be a string"));
            return null;
        }
        return v.asText();
    }

    private static List<Identifier> identifiers(List<Problem> p, String record, String field, JsonNode ids) {
        List<Identifier> out = new ArrayList<>();
        if (ids == null || ids.isNull()) return out;
        if (!ids.isArray()) {
            p.add(new Problem(record, field, "must be an array of {type, value}"));
            return out;
        }
        for (int k = 0; k < ids.size(); k++) {
            JsonNode id = ids.get(k);
            try {
                out.add(new Identifier(id.path("type").asText(null), id.path("value").asText(null)));
            } catch (IllegalArgumentException e) {
                p.add(new Problem(record, field + "[" + k + "]", e.getMessage()));
            }
        }
        return out;
    }

    public static ObjectNode toJson(Interaction i) {
        ObjectNode n = F.objectNode();
        n.put("id", i.id());
        n.put("source", i.source());
        n.put("sourceRecordId", i.sourceRecordId());
        n.put("occurredAt", i.occurredAt() == null ? null : i.occurredAt().toString());
        n.put("channel", i.channel());
        n.put("type", i.type());
        n.set("identifiers", identifiersJson(i.identifiers()));
        ArrayNode parties = n.putArray("parties");
        for (PartyRole p : i.parties()) {
            ObjectNode pn = parties.addObject();
            pn.put("role", p.role());
            pn.set("identifiers", identifiersJson(p.identifiers()));
        }
        if (i.agentId() != null) n.put("agentId", i.agentId());
        ArrayNode products = n.putArray("products");
        i.products().forEach(products::add);
        if (i.text() != null) n.put("text", i.text());
        if (i.rating() != null) n.put("rating", i.rating());
        ObjectNode attrs = n.putObject("attributes");
        i.attributes().forEach(attrs::put);
        return n;
    }

    public static ArrayNode identifiersJson(List<Identifier> ids) {
        ArrayNode a = F.arrayNode();
        for (Identifier id : ids) a.addObject().put("type", id.type()).put("value", id.value());
        return a;
    }

    public static String toJsonLine(Interaction i) {
        try {
            return MAPPER.writeValueAsString(toJson(i));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
