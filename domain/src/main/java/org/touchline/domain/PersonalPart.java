package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;

import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an interaction that says who and what was said (docs/architecture.md, principle 4): identifiers, parties, free
 * text and source attributes. It never enters a leaf; the leaf holds {@code SHA-256(salt ‖ canonical(part))}.
 */
public record PersonalPart(List<Identifier> identifiers, List<PartyRole> parties, String text, Map<String, String> attributes) {

    public static PersonalPart of(Interaction i) {
        return new PersonalPart(i.identifiers(), i.parties(), i.text(), i.attributes());
    }

    /** RFC 8785 canonical JSON of the part: what the commitment covers. Members in canonical (sorted) order. */
    public byte[] canonical() {
        CanonicalJson.Writer w = new CanonicalJson.Writer().beginObject();
        w.key("attributes").members(attributes);
        w.key("identifiers");
        identifiers(w, identifiers);
        w.key("parties").beginArray();
        for (PartyRole p : parties) {
            w.beginObject().key("identifiers");
            identifiers(w, p.identifiers());
            w.key("role").value(p.role()).endObject();
        }
        w.endArray();
        if (text != null) w.key("text").value(text);
        return w.endObject().bytes();
    }

    private static void identifiers(CanonicalJson.Writer w, List<Identifier> ids) {
        w.beginArray();
        for (Identifier id : ids) w.beginObject().key("type").value(id.type()).key("value").value(id.value()).endObject();
        w.endArray();
    }

    public static PersonalPart fromCanonical(byte[] canonical) {
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(canonical);
            List<Identifier> ids = identifiers(n.get("identifiers"));
            List<PartyRole> parties = new ArrayList<>();
            for (JsonNode p : n.path("parties")) parties.add(new PartyRole(p.path("role").asText(), identifiers(p.get("identifiers"))));
            Map<String, String> attrs = new LinkedHashMap<>();
            n.path("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
            return new PersonalPart(ids, parties, n.hasNonNull("text") ? n.get("text").asText() : null, attrs);
        } catch (IOException e) {
            throw new IllegalArgumentException("personal part is not valid JSON", e);
        }
    }

    private static List<Identifier> identifiers(JsonNode a) {
        List<Identifier> ids = new ArrayList<>();
        if (a != null) for (JsonNode id : a) ids.add(new Identifier(id.path("type").asText(), id.path("value").asText()));
        return ids;
    }

    /** {@code SHA-256(salt ‖ canonical)}: binds the leaf to this part without revealing it; erase the salt and the link is gone. */
    public static byte[] commitment(byte[] salt, byte[] canonical) {
        return Hashes.sha256(salt, canonical);
    }
}
