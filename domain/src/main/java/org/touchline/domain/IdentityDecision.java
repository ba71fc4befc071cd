package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One identity decision as a ledger entry (docs/architecture.md, "Identity": "every link, merge, unmerge and relationship is
 * itself a ledger entry with its evidence"). Two families:
 * <ul>
 *   <li><b>derived</b> decisions the resolver takes while attributing the interaction at {@code about}: a merge, a
 *   refused merge or link, a blocked value, a probabilistic match or a pair sent to review. They follow from the
 *   ledger and the rules, so a replay takes them again; the entry records what was decided and why.</li>
 *   <li><b>commands</b> a person or an operation gave: accept or reject a review, unmerge, a relationship and its
 *   end, the rules in force. A replay applies them at their index.</li>
 * </ul>
 * No personal data: customers by id, identifiers by their keyed hash ({@code IdentifierKeys}), scores as numbers.
 * The leaf is RFC 8785 canonical JSON like every other entry; numbers that are not integers are written as fixed
 * decimal strings so every node writes the same bytes.
 *
 * @param about the ledger index of the entry the decision is about: the interaction (derived decisions), the review
 *              entry (accept/reject) or the relationship entry (its end); -1 when none
 */
public record IdentityDecision(String kind, long about, Instant at, String customerId, String otherCustomerId,
                               String identifierType, String identifierKey, List<String> identifierKeys, String rule,
                               Score score, String actor, String reason, Relationship relationship) {
    public static final String ENTRY_KIND = "identity";
    // Derived.
    public static final String MERGED = "merged", MERGE_REFUSED = "merge-refused", LINK_REFUSED = "link-refused",
            BLOCKED = "blocked", MATCHED = "matched", REVIEW = "review";
    // Commands.
    public static final String REVIEW_ACCEPTED = "review-accepted", REVIEW_REJECTED = "review-rejected",
            UNMERGED = "unmerged", RELATIONSHIP = "relationship", RELATIONSHIP_ENDED = "relationship-ended",
            RULES = "rules";
    private static final List<String> DERIVED = List.of(MERGED, MERGE_REFUSED, LINK_REFUSED, BLOCKED, MATCHED, REVIEW);
    private static final List<String> COMMANDS = List.of(REVIEW_ACCEPTED, REVIEW_REJECTED, UNMERGED, RELATIONSHIP,
            RELATIONSHIP_ENDED, RULES);

    /** A probabilistic score and each comparison's contribution in bits (log2 m/u). */
    public record Score(double probability, double weight, List<Contribution> contributions) {
        public Score {
            contributions = List.copyOf(contributions);
        }
    }

    public record Contribution(String field, String level, double weight) {}

    /** A relationship that is not identity: household, proxy, employee, parent organisation; dates inclusive, ISO. */
    public record Relationship(String type, String validFrom, String validTo) {
        public static final List<String> TYPES = List.of("household", "proxy", "employee", "parent");
    }

    public IdentityDecision {
        if (!DERIVED.contains(kind) && !COMMANDS.contains(kind)) throw new IllegalArgumentException("unknown identity decision '" + kind + "'");
        identifierKeys = identifierKeys == null ? List.of() : List.copyOf(identifierKeys);
    }

    /** A derived decision about one identifier of the interaction at {@code about}. */
    public static IdentityDecision derived(String kind, long about, Instant at, String customerId, String other,
                                           String identifierType, String identifierKey, String rule) {
        return new IdentityDecision(kind, about, at, customerId, other, identifierType, identifierKey, null, rule, null, null, null, null);
    }

    public boolean isDerived() { return DERIVED.contains(kind); }

    /** The leaf bytes: RFC 8785 canonical JSON, members in canonical (sorted) order. */
    public byte[] leaf() {
        CanonicalJson.Writer w = new CanonicalJson.Writer().beginObject();
        if (about >= 0) w.key("about").value(about);
        if (actor != null) w.key("actor").value(actor);
        w.key("at").value(at.toString());
        if (customerId != null) w.key("customer").value(customerId);
        w.key("decision").value(kind);
        if (identifierKey != null) w.key("identifierKey").value(identifierKey);
        if (!identifierKeys.isEmpty()) {
            w.key("identifierKeys").beginArray();
            identifierKeys.forEach(w::value);
            w.endArray();
        }
        if (identifierType != null) w.key("identifierType").value(identifierType);
        w.key("kind").value(ENTRY_KIND);
        if (otherCustomerId != null) w.key("other").value(otherCustomerId);
        if (reason != null) w.key("reason").value(reason);
        if (relationship != null) {
            w.key("relationship").beginObject().key("type").value(relationship.type());
            if (relationship.validFrom() != null) w.key("validFrom").value(relationship.validFrom());
            if (relationship.validTo() != null) w.key("validTo").value(relationship.validTo());
            w.endObject();
        }
        if (rule != null) w.key("rule").value(rule);
        if (score != null) {
            w.key("score").beginObject().key("contributions").beginArray();
            for (Contribution c : score.contributions())
                w.beginObject().key("field").value(c.field()).key("level").value(c.level()).key("weight").value(fixed(c.weight())).endObject();
            w.endArray().key("probability").value(fixed(score.probability())).key("weight").value(fixed(score.weight())).endObject();
        }
        w.key("v").value(1);
        return w.endObject().bytes();
    }

    /** Six decimals: enough for a probability or a weight in bits, and the same string on every node. */
    static String fixed(double x) { return String.format(Locale.ROOT, "%.6f", x); }

    public static IdentityDecision parse(byte[] leaf) {
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(leaf);
            if (!ENTRY_KIND.equals(n.path("kind").asText()) || n.path("v").asInt() != 1)
                throw new IllegalArgumentException("not an identity v1 entry");
            List<String> keys = new ArrayList<>();
            n.path("identifierKeys").forEach(k -> keys.add(k.asText()));
            Score score = null;
            if (n.has("score")) {
                JsonNode s = n.get("score");
                List<Contribution> cs = new ArrayList<>();
                for (JsonNode c : s.path("contributions"))
                    cs.add(new Contribution(c.path("field").asText(), c.path("level").asText(), Double.parseDouble(c.path("weight").asText())));
                score = new Score(Double.parseDouble(s.path("probability").asText()), Double.parseDouble(s.path("weight").asText()), cs);
            }
            Relationship rel = null;
            if (n.has("relationship")) {
                JsonNode r = n.get("relationship");
                rel = new Relationship(r.path("type").asText(), text(r, "validFrom"), text(r, "validTo"));
            }
            return new IdentityDecision(n.path("decision").asText(), n.has("about") ? n.get("about").asLong() : -1,
                    Instant.parse(n.path("at").asText()), text(n, "customer"), text(n, "other"), text(n, "identifierType"),
                    text(n, "identifierKey"), keys, text(n, "rule"), score, text(n, "actor"), text(n, "reason"), rel);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("entry is not a valid identity decision: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) { return n.hasNonNull(field) ? n.get(field).asText() : null; }
}
