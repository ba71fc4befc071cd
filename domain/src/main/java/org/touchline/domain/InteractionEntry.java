package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The leaf of an interaction: its non-personal header and the commitment to its personal part, as RFC 8785
 * canonical JSON (DESIGN.md principle 4). These bytes are what RFC 6962 hashes and every node stores.
 */
public record InteractionEntry(String id, String source, String sourceRecordId, Instant occurredAt, String channel,
                               String type, String agentId, List<String> products, Integer rating, byte[] commitment) {
    public static final String KIND = "interaction";

    public InteractionEntry {
        products = products == null ? List.of() : List.copyOf(products);
    }

    public static InteractionEntry of(Interaction i, byte[] commitment) {
        return new InteractionEntry(i.id(), i.source(), i.sourceRecordId(), i.occurredAt(), i.channel(), i.type(),
                i.agentId(), i.products(), i.rating(), commitment);
    }

    public byte[] leaf() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", 1);
        n.put("kind", KIND);
        n.put("id", id);
        n.put("source", source);
        n.put("sourceRecordId", sourceRecordId);
        n.put("occurredAt", occurredAt.toString());
        n.put("channel", channel);
        n.put("type", type);
        if (agentId != null) n.put("agentId", agentId);
        var p = n.putArray("products");
        products.forEach(p::add);
        if (rating != null) n.put("rating", rating);
        n.put("commitment", Base64.getEncoder().encodeToString(commitment));
        return CanonicalJson.bytes(n);
    }

    public static InteractionEntry parse(byte[] leaf) {
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(leaf);
            if (!KIND.equals(n.path("kind").asText()) || n.path("v").asInt() != 1)
                throw new IllegalArgumentException("not an interaction v1 entry");
            List<String> products = new ArrayList<>();
            n.path("products").forEach(x -> products.add(x.asText()));
            return new InteractionEntry(n.path("id").asText(), n.path("source").asText(), n.path("sourceRecordId").asText(),
                    Instant.parse(n.path("occurredAt").asText()), n.path("channel").asText(), n.path("type").asText(),
                    n.hasNonNull("agentId") ? n.get("agentId").asText() : null, products,
                    n.hasNonNull("rating") ? n.get("rating").asInt() : null,
                    Base64.getDecoder().decode(n.path("commitment").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("entry is not a valid interaction leaf: " + e.getMessage(), e);
        }
    }

    /** The whole interaction again, given its personal part (absent once erased). */
    public Interaction withPersonal(PersonalPart part) {
        return new Interaction(id, source, sourceRecordId, occurredAt, channel, type,
                part == null ? List.of() : part.identifiers(), part == null ? List.of() : part.parties(), agentId, products,
                part == null ? null : part.text(), rating, part == null ? null : part.attributes());
    }
}
