package org.touchline.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.EntryKind;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.SealedPart;
import org.touchline.ledger.Hashes;
import org.touchline.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ledger entries turned into outbound events, and the checks made at the moment of delivery: an erased customer's
 * entries are never delivered, nor an entry about a customer whose consent for the subscription's purpose is not a grant
 * (docs/architecture.md, principle 7; docs/destinations.md, "Consent").
 *
 * <p>A receiver gets what the leaf holds (the non-personal header: ids, channel, type, times, products, references)
 * and the customer's id: never the personal part. The event follows the Standard Webhooks payload shape
 * ({@code type}, {@code timestamp}, {@code data}).
 */
final class LedgerEvents {
    /** The key the vault seals external events under (docs/analytics.md): they are nobody's personal data. */
    private static final String EXTERNAL_KEY = "external";
    private final Node node;

    LedgerEvents(Node node) { this.node = node; }

    /** Why an event is not sent at delivery time: its customer was erased, or does not allow the purpose. */
    enum Skip { ERASED, NO_CONSENT }

    /** The event of entry {@code index}. */
    OutboundEvent event(long index) {
        byte[] leaf = node.ledger().leaf(index);
        String kind = EntryKinds.of(leaf);
        JsonNode entry;
        try {
            entry = InteractionJson.MAPPER.readTree(leaf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String named = namedCustomer(index, leaf);
        String customer = named == null || named.isEmpty() ? null : node.customers().current(named).orElse(null);
        String type = entry.path("kind").asText() + (entry.has("decision") ? "." + entry.get("decision").asText() : "");
        Instant at = Instant.parse(entry.has("at") ? entry.get("at").asText() : entry.path("occurredAt").asText());
        String id = index + "-" + HexFormat.of().formatHex(Hashes.leafHash(leaf), 0, 8);
        ObjectNode body = InteractionJson.MAPPER.createObjectNode().put("type", type).put("timestamp", at.toString());
        ObjectNode data = body.putObject("data").put("id", id).put("index", index).put("kind", kind);
        if (customer != null) data.put("customer", customer);
        data.set("entry", entry);
        return new OutboundEvent(id, index, kind, customer, body.toString());
    }

    /**
     * Whether entry {@code index} may go to a receiver using it for {@code purpose}, asked at the moment it would be sent;
     * empty when it may.
     */
    Optional<Skip> check(OutboundEvent event, String purpose) {
        byte[] leaf = node.ledger().leaf(event.index());
        String named = namedCustomer(event.index(), leaf);
        if (named == null) return Optional.empty(); // about nobody (a contract deployed, an outage): no personal data
        if (named.isEmpty() || node.customers().current(named).isEmpty()) return Optional.of(Skip.ERASED);
        return node.consents().allows(named, purpose) ? Optional.empty() : Optional.of(Skip.NO_CONSENT);
    }

    /**
     * The customer an entry names as recorded: an interaction's is the key its personal part is sealed under (its
     * subject when it was recorded); "" when the part is gone (erased); null for entries about nobody.
     */
    private String namedCustomer(long index, byte[] leaf) {
        if (EntryKind.of(leaf) == EntryKind.INTERACTION) {
            Optional<SealedPart> part = node.ledger().sealedPart(index);
            if (part.isEmpty()) return "";
            return part.get().keyId().equals(EXTERNAL_KEY) ? null : part.get().keyId();
        }
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(leaf);
            return n.hasNonNull("customer") ? n.get("customer").asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
