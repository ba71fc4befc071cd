package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A ledger entry about a customer that is neither an interaction nor an identity decision: a consent given or
 * withdrawn, a rating of an interaction, an erasure (docs/security.md). The leaf is RFC 8785 canonical JSON like every other
 * entry and holds no personal data: customers by id, free text (a rating's comment) only as the commitment to a
 * personal part sealed beside the log, exactly as for interactions.
 *
 * @param about  the ledger index of the entry this one is about (the rated interaction), or -1
 * @param fields the kind's own members, as text
 */
public record EventEntry(String kind, long about, Instant at, String customerId, SortedMap<String, String> fields, byte[] commitment) {
    public static final String CONSENT = "consent", RATING = "rating", ERASURE = "erasure", TOKEN = "token",
            CONTRACT = "contract", ACTION = "action", RECOMMENDATION = "recommendation", OUTCOME = "outcome",
            AUDIENCE = "audience", MEMBERSHIP = "membership", REQUEST = "request";
    /**
     * {@code contract}: a deployment, pause, resume or retirement; {@code action}: a contract's non-token action;
     * {@code recommendation}: a next best action recorded for a customer (docs/intelligence.md); {@code outcome}: how the customer
     * answered it (accepted, declined, ignored), about the recommendation's entry; {@code audience}: an audience defined,
     * changed or deleted (docs/audiences.md), about nobody; {@code membership}: a customer entered or left an audience,
     * about the entry that moved them when one did; {@code request}: a step of a data-subject request (filed, verified,
     * refused, extended, fulfilled, closed; docs/requests.md), each step after the filing about the filing's entry.
     */
    public static final List<String> KINDS = List.of(CONSENT, RATING, ERASURE, TOKEN, CONTRACT, ACTION, RECOMMENDATION, OUTCOME, AUDIENCE, MEMBERSHIP, REQUEST);

    public EventEntry {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("unknown entry kind '" + kind + "'");
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields == null ? Map.of() : fields));
        commitment = commitment == null ? null : commitment.clone();
    }

    public String field(String name) { return fields.get(name); }

    /**
     * The field holding when it happened, as the source says (a consent given on a sign-up form months before it was
     * recorded), when that is not when the entry was recorded ({@code at}, the node's time): both are kept.
     */
    public static final String OCCURRED_AT = "occurredAt";

    /** When it happened: the source's time if the entry carries one, else when it was recorded. Timelines show and sort by this. */
    public Instant occurredAt() {
        String given = fields.get(OCCURRED_AT);
        return given == null ? at : Instant.parse(given);
    }

    /** The leaf bytes: RFC 8785 canonical JSON, members in canonical (sorted) order. */
    public byte[] leaf() {
        CanonicalJson.Writer w = new CanonicalJson.Writer().beginObject();
        if (about >= 0) w.key("about").value(about);
        w.key("at").value(at.toString());
        if (commitment != null) w.key("commitment").value(Base64.getEncoder().encodeToString(commitment));
        if (customerId != null) w.key("customer").value(customerId);
        w.key("fields").members(fields);
        w.key("kind").value(kind);
        w.key("v").value(1);
        return w.endObject().bytes();
    }

    public static EventEntry parse(byte[] leaf) {
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(leaf);
            if (n.path("v").asInt() != 1) throw new IllegalArgumentException("not a v1 entry");
            SortedMap<String, String> fields = new TreeMap<>();
            n.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return new EventEntry(n.path("kind").asText(), n.has("about") ? n.get("about").asLong() : -1, Instant.parse(n.path("at").asText()),
                    n.hasNonNull("customer") ? n.get("customer").asText() : null, fields,
                    n.hasNonNull("commitment") ? Base64.getDecoder().decode(n.get("commitment").asText()) : null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("entry is not a valid event entry: " + e.getMessage(), e);
        }
    }
}
