package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The leaf of an interaction: its non-personal header and the commitment to its personal part, as RFC 8785
 * canonical JSON (docs/architecture.md, principle 4). These bytes are what RFC 6962 hashes and every node stores.
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

    /** The leaf bytes: RFC 8785 canonical JSON, members written in canonical (sorted) order. */
    public byte[] leaf() {
        CanonicalJson.Writer w = new CanonicalJson.Writer().beginObject();
        if (agentId != null) w.key("agentId").value(agentId);
        w.key("channel").value(channel);
        w.key("commitment").value(Base64.getEncoder().encodeToString(commitment));
        w.key("id").value(id);
        w.key("kind").value(KIND);
        w.key("occurredAt").value(DateTime.text(occurredAt));
        w.key("products").beginArray();
        products.forEach(w::value);
        w.endArray();
        if (rating != null) w.key("rating").value(rating);
        w.key("source").value(source);
        w.key("sourceRecordId").value(sourceRecordId);
        w.key("type").value(type);
        w.key("v").value(1);
        return w.endObject().bytes();
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
