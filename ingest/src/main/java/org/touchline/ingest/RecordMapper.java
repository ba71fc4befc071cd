package org.touchline.ingest;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionValidator;
import org.touchline.domain.PartyRole;
import org.touchline.domain.Problem;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns one source record into an Interaction v1 by its mapping, then checks it with {@link InteractionValidator}, so a
 * caller gets records that are either fully good or refused with every reason.
 *
 * <p>Problems name the source field they come from (the CSV column, pointer or path the source owner knows) and say in
 * brackets which Interaction field it was for, e.g. {@code started: '31/02/2026' is not ... (occurredAt)}.
 */
final class RecordMapper {
    private final SourceMapping m;
    private final InteractionValidator validator;
    private final TimestampParser time;
    private final Map<String, Integer> slotOf = new HashMap<>(); // field reference -> slot, resolved once

    RecordMapper(SourceMapping m, Instant now) {
        this.m = m;
        this.validator = new InteractionValidator(now);
        this.time = TimestampParser.compile(m.occurredAt().format(), m.occurredAt().zone()); // checked when the mapping was read
        List<String> fields = m.fields();
        for (int s = 0; s < fields.size(); s++) slotOf.put(fields.get(s), s);
    }

    MappedRecord map(String ref, Supplier<String> raw, SourceRecord r) {
        List<Problem> problems = new ArrayList<>(0);
        Reading read = new Reading(ref, r, problems);

        String recordId = read.one(m.recordId(), "sourceRecordId");
        if (recordId == null && !read.failed(m.recordId()))
            problems.add(new Problem(ref, m.recordId(), "is empty; it is the record's id (sourceRecordId) and every record needs one"));

        Instant occurredAt = null;
        String when = read.one(m.occurredAt().field(), "occurredAt");
        if (when != null) {
            try {
                occurredAt = time.parse(when);
            } catch (DateTimeException e) {
                problems.add(new Problem(ref, m.occurredAt().field(), "'" + when + "' is not " + time.describe() + " (occurredAt)"));
            }
        } else if (!read.failed(m.occurredAt().field())) {
            problems.add(new Problem(ref, m.occurredAt().field(), "is empty (occurredAt)"));
        }

        String channel = read.choice(m.channel(), "channel");
        String type = read.choice(m.type(), "type");

        List<Identifier> identifiers = new ArrayList<>();
        List<String> identifierFields = new ArrayList<>(); // which source field each identifier came from, for problems
        for (SourceMapping.IdentifierField f : m.identifiers()) read.identifiers(f, identifiers, identifierFields);
        List<PartyRole> parties = new ArrayList<>(m.parties().size());
        for (SourceMapping.Party p : m.parties()) {
            List<Identifier> ids = new ArrayList<>();
            for (SourceMapping.IdentifierField f : p.identifiers()) read.identifiers(f, ids, new ArrayList<>());
            if (!ids.isEmpty()) parties.add(new PartyRole(p.role(), ids)); // sources often lack the other party: not an error
        }

        String agentId = m.agentId() == null ? null : read.one(m.agentId(), "agentId");
        String text = m.text() == null ? null : read.one(m.text(), "text");
        List<String> products = m.products() == null ? List.of() : read.products(m.products());
        Integer rating = null;
        String stars = m.rating() == null ? null : read.one(m.rating(), "rating");
        if (stars != null) {
            try {
                rating = Integer.valueOf(stars.strip());
            } catch (NumberFormatException e) {
                problems.add(new Problem(ref, m.rating(), "'" + stars + "' is not a whole number from 1 to 5 (rating)"));
            }
        }
        if (!problems.isEmpty()) return new MappedRecord.Rejected(ref, raw.get(), problems);

        Interaction i = new Interaction(null, m.source(), recordId, occurredAt, channel, type, identifiers, parties, agentId,
                products, text, rating, r.unmapped());
        List<Problem> invalid = validator.validate(ref, i);
        if (!invalid.isEmpty()) return new MappedRecord.Rejected(ref, raw.get(), toSourceFields(invalid, identifierFields));
        return new MappedRecord.Accepted(ref, i);
    }

    /** The validator speaks of Interaction fields; the source owner knows their own. Name both. */
    private List<Problem> toSourceFields(List<Problem> invalid, List<String> identifierFields) {
        List<Problem> out = new ArrayList<>(invalid.size());
        for (Problem p : invalid) {
            String source = sourceFieldOf(p.field(), identifierFields);
            out.add(source == null ? p : new Problem(p.record(), source, p.reason() + " (" + p.field() + ")"));
        }
        return out;
    }

    private String sourceFieldOf(String field, List<String> identifierFields) {
        if (field.startsWith("identifiers[")) {
            int k = Integer.parseInt(field.substring("identifiers[".length(), field.indexOf(']')));
            return k < identifierFields.size() ? identifierFields.get(k) : null;
        }
        return switch (field) {
            case "sourceRecordId" -> m.recordId();
            case "occurredAt" -> m.occurredAt().field();
            case "channel" -> m.channel().field();
            case "type" -> m.type().field();
            case "agentId" -> m.agentId();
            case "text" -> m.text();
            case "rating" -> m.rating();
            case "identifiers" -> String.join(", ", allIdentifierFields());
            default -> null;
        };
    }

    private List<String> allIdentifierFields() {
        List<String> all = new ArrayList<>();
        m.identifiers().forEach(f -> all.add(f.field()));
        m.parties().forEach(p -> p.identifiers().forEach(f -> all.add(f.field())));
        return all;
    }

    /** Reading the fields of one record, adding a problem for each that cannot be read. */
    private final class Reading {
        final String ref;
        final SourceRecord r;
        final List<Problem> problems;

        Reading(String ref, SourceRecord r, List<Problem> problems) {
            this.ref = ref;
            this.r = r;
            this.problems = problems;
        }

        List<String> values(String field, String target) {
            try {
                return r.values(slotOf.get(field));
            } catch (FieldException e) {
                problems.add(new Problem(ref, field, e.getMessage() + " (" + target + ")"));
                return List.of();
            }
        }

        /** Whether a problem was already reported for this source field. */
        boolean failed(String field) {
            for (Problem p : problems) if (p.field().equals(field)) return true;
            return false;
        }

        /** One value, or null when empty; several where one belongs is a problem. */
        String one(String field, String target) {
            List<String> v = values(field, target);
            if (v.size() > 1) {
                problems.add(new Problem(ref, field, "holds " + v.size() + " values where one belongs (" + target + ")"));
                return null;
            }
            return v.isEmpty() ? null : v.get(0);
        }

        String choice(SourceMapping.ValueRule rule, String target) {
            if (rule.value() != null) return rule.value();
            String v = one(rule.field(), target);
            if (v == null && failed(rule.field())) return null;
            if (v == null) {
                if (rule.defaultValue() == null) problems.add(new Problem(ref, rule.field(), "is empty and the mapping gives no default (" + target + ")"));
                return rule.defaultValue();
            }
            if (rule.map().isEmpty()) return v;
            String mapped = rule.map().get(v.strip());
            if (mapped != null) return mapped;
            if (rule.defaultValue() != null) return rule.defaultValue();
            problems.add(new Problem(ref, rule.field(), "'" + v + "' is not in the mapping's " + target + " map " + new TreeSet<>(rule.map().keySet())
                    + " and the mapping gives no default (" + target + ")"));
            return null;
        }

        void identifiers(SourceMapping.IdentifierField f, List<Identifier> into, List<String> from) {
            for (String v : values(f.field(), "identifiers")) {
                try {
                    into.add(new Identifier(f.type(), v));
                } catch (IllegalArgumentException e) { // a value that normalises to nothing, e.g. a phone of letters only
                    problems.add(new Problem(ref, f.field(), "'" + v + "': " + e.getMessage()));
                    continue;
                }
                from.add(f.field());
            }
        }

        List<String> products(SourceMapping.Products p) {
            List<String> out = new ArrayList<>();
            for (String v : values(p.field(), "products")) {
                if (p.separator() == null) out.add(v.strip());
                else split(v, p.separator(), out);
            }
            return out;
        }

        private static void split(String v, String separator, List<String> out) {
            int from = 0;
            while (true) {
                int at = v.indexOf(separator, from);
                String part = (at < 0 ? v.substring(from) : v.substring(from, at)).strip();
                if (!part.isEmpty()) out.add(part);
                if (at < 0) return;
                from = at + separator.length();
            }
        }
    }
}
