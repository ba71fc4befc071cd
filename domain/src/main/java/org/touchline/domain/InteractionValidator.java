package org.touchline.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every Interaction v1 must meet before it reaches the ledger. Returns every problem at once so a source
 * owner can fix a record in one go.
 */
public final class InteractionValidator {
    static final int MAX_TEXT = 20_000;
    static final int MAX_FIELD = 512;
    static final int MAX_IDENTIFIERS = 64;
    /** Nothing happened before the company's records begin or more than a day in the future (clock skew). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private final Instant now;

    public InteractionValidator(Instant now) { this.now = now; }

    public List<Problem> validate(String record, Interaction i) {
        List<Problem> p = new ArrayList<>();
        required(p, record, "source", i.source());
        required(p, record, "sourceRecordId", i.sourceRecordId());
        required(p, record, "channel", i.channel());
        required(p, record, "type", i.type());
        if (i.occurredAt() == null) p.add(new Problem(record, "occurredAt", "is missing"));
        else if (i.occurredAt().isBefore(EARLIEST) || i.occurredAt().isAfter(now.plusSeconds(86_400)))
            p.add(new Problem(record, "occurredAt", "is out of range: " + i.occurredAt()));
        if (i.channel() != null && !i.channel().isBlank() && !Channel.isKnown(i.channel()))
            p.add(new Problem(record, "channel", "unknown channel '" + i.channel() + "'; expected one of " + Channel.ALL));
        if (i.source() != null && !NAME.matcher(i.source()).matches())
            p.add(new Problem(record, "source", "must be 1-64 characters of a-z, 0-9, '_', '.', '-'"));
        if (i.type() != null && !NAME.matcher(i.type()).matches())
            p.add(new Problem(record, "type", "must be 1-64 characters of a-z, 0-9, '_', '.', '-', got '" + i.type() + "'"));
        if (i.rating() != null && (i.rating() < 1 || i.rating() > 5))
            p.add(new Problem(record, "rating", "must be between 1 and 5, got " + i.rating()));
        if (i.text() != null && i.text().length() > MAX_TEXT)
            p.add(new Problem(record, "text", "is longer than " + MAX_TEXT + " characters"));
        tooLong(p, record, "sourceRecordId", i.sourceRecordId());
        tooLong(p, record, "agentId", i.agentId());
        boolean external = "external".equals(i.channel());
        if (external) {
            // An event from outside belongs to no one: it must say whom it reaches (accounts, areas or products).
            String areas = i.attributes().get("areas");
            if (i.allIdentifiers().isEmpty() && i.products().isEmpty() && (areas == null || areas.isBlank()))
                p.add(new Problem(record, "attributes.areas", "an external event must name the postcode areas, products or accounts it affects"));
        } else if (i.allIdentifiers().isEmpty())
            p.add(new Problem(record, "identifiers", "at least one identifier is needed to know whose interaction this is"));
        if (i.allIdentifiers().size() > MAX_IDENTIFIERS)
            p.add(new Problem(record, "identifiers", "more than " + MAX_IDENTIFIERS + " identifiers"));
        for (int k = 0; k < i.identifiers().size(); k++) identifier(p, record, "identifiers", k, i.identifiers().get(k));
        for (int k = 0; k < i.parties().size(); k++) {
            PartyRole party = i.parties().get(k);
            if (party.role() == null || !PartyRole.ROLES.contains(party.role()))
                p.add(new Problem(record, "parties[" + k + "].role", "unknown role '" + party.role() + "'; expected one of " + PartyRole.ROLES));
            if (party.identifiers().isEmpty())
                p.add(new Problem(record, "parties[" + k + "].identifiers", "a party needs at least one identifier"));
            for (int j = 0; j < party.identifiers().size(); j++)
                identifier(p, record, "parties[" + k + "].identifiers", j, party.identifiers().get(j));
        }
        return p;
    }

    /** The identifier at {@code list[k]}; the field's name is spelt out only for a problem (most records have none). */
    private static void identifier(List<Problem> p, String record, String list, int k, Identifier id) {
        if (!IdentifierType.isKnown(id.type()))
            p.add(new Problem(record, list + "[" + k + "].type", "unknown identifier type '" + id.type() + "'"));
        else if (id.type().equals("email") && !EMAIL.matcher(id.value()).matches())
            p.add(new Problem(record, list + "[" + k + "].value", "'" + id.value() + "' is not an email address"));
        else if (id.type().equals("phone") && (id.value().length() < 7 || id.value().length() > 15))
            p.add(new Problem(record, list + "[" + k + "].value", "a phone number needs 7 to 15 digits"));
        if (id.value().length() > MAX_FIELD) tooLong(p, record, list + "[" + k + "].value", id.value());
    }

    private static void required(List<Problem> p, String record, String field, String value) {
        if (value == null || value.isBlank()) p.add(new Problem(record, field, "is missing"));
    }

    private static void tooLong(List<Problem> p, String record, String field, String value) {
        if (value != null && value.length() > MAX_FIELD) p.add(new Problem(record, field, "is longer than " + MAX_FIELD + " characters"));
    }
}
