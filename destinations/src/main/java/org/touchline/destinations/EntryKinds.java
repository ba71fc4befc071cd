package org.touchline.destinations;

import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionJson;

import java.io.IOException;
import java.util.List;

/**
 * The kinds of ledger entry a destination subscribes to, by the names receivers and the API use. Ratings, erasures and
 * the identity rules in force are nobody's to subscribe to. Audience changes are customers entering and leaving
 * audiences, and audiences defined, changed or deleted (docs/audiences.md).
 */
final class EntryKinds {
    static final String INTERACTIONS = "interactions", IDENTITY_DECISIONS = "identity_decisions", CONTRACT_ACTIONS = "contract_actions",
            CONSENT_CHANGES = "consent_changes", NEXT_BEST_ACTIONS = "next_best_actions", AUDIENCE_CHANGES = "audience_changes";
    static final List<String> ALL = List.of(INTERACTIONS, IDENTITY_DECISIONS, CONTRACT_ACTIONS, CONSENT_CHANGES, NEXT_BEST_ACTIONS, AUDIENCE_CHANGES);

    private EntryKinds() {}

    /** The subscription kind a leaf belongs to, or null for the entries no destination takes. */
    static String of(byte[] leaf) {
        return switch (EntryKind.of(leaf)) {
            case INTERACTION -> INTERACTIONS;
            case IDENTITY -> IdentityDecision.RULES.equals(member(leaf, "decision")) ? null : IDENTITY_DECISIONS;
            case EVENT -> switch (member(leaf, "kind")) {
                case EventEntry.CONSENT -> CONSENT_CHANGES;
                case EventEntry.ACTION, EventEntry.TOKEN, EventEntry.CONTRACT -> CONTRACT_ACTIONS;
                case EventEntry.RECOMMENDATION, EventEntry.OUTCOME -> NEXT_BEST_ACTIONS;
                case EventEntry.MEMBERSHIP, EventEntry.AUDIENCE -> AUDIENCE_CHANGES;
                default -> null; // ratings, erasures
            };
        };
    }

    private static String member(byte[] leaf, String name) {
        try {
            return InteractionJson.MAPPER.readTree(leaf).path(name).asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("entry is not JSON: " + e.getMessage(), e);
        }
    }
}
