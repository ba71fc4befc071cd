package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an interaction that says who and what was said (DESIGN.md principle 4): identifiers, parties, free
 * text and source attributes. It never enters a leaf; the leaf holds {@code SHA-256(salt ‖ canonical(part))}.
 */
public record PersonalPart(List<Identifier> identifiers, List<PartyRole> parties, String text, Map<String, String> attributes) {

    public static PersonalPart of(Interaction i) {
        return new PersonalPart(i.identifiers(), i.parties(), i.text(), i.attributes());
    }

    /** RFC 8785 canonical JSON of the part: what the commitment covers. */
    public byte[] canonical() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("identifiers", InteractionJson.identifiersJson(identifiers));
        var parties = n.putArray("parties");
        for (PartyRole p : this.parties) {
            parties.addObject().put("role", p.role()).set("identifiers", InteractionJson.identifiersJson(p.identifiers()));
        }
        if (text != null) n.put("text", text);
        ObjectNode attrs = n.putObject("attributes");
        attributes.forEach(attrs::put);
        return CanonicalJson.bytes(n);
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(canonical);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
