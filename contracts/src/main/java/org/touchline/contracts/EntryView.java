package org.touchline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.touchline.domain.InteractionEntry;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The triggering ledger entry as contracts see it: the CEL variable {@code entry}, with the fields of
 * {@link ContractSchema#ENTRY_FIELDS}. Only non-personal data: the leaf's header fields, never the personal part.
 * Immutable; build one per ledger entry and pass it to every contract.
 */
public final class EntryView {
    private static final Set<String> FIXED = Set.of("kind", "index", "occurredAt");
    private final Map<String, Object> values;
    private final String kind;
    private final long index;
    private final Instant occurredAt;
    private final String id, channel, type, agentId;

    private EntryView(Map<String, Object> values) {
        this.values = values;
        this.kind = (String) values.get("kind");
        this.index = (Long) values.get("index");
        this.occurredAt = (Instant) values.get("occurredAt");
        this.id = (String) values.get("id");
        this.channel = (String) values.get("channel");
        this.type = (String) values.get("type");
        this.agentId = (String) values.get("agentId");
    }

    /** A builder for an entry of {@code kind} (one of {@link ContractSchema#ENTRY_KINDS}) at ledger index {@code index}. */
    public static Builder builder(String kind, long index, Instant occurredAt) {
        return new Builder(kind, index, occurredAt);
    }

    /** The view of an interaction's leaf at ledger index {@code index}. */
    public static EntryView of(long index, InteractionEntry e) {
        // The leaf's fields have the schema's types already: no checks, one map (this runs for every appended entry).
        if (index < 0) throw new IllegalArgumentException("entry.index: must be >= 0, got " + index);
        Map<String, Object> v = new HashMap<>(16);
        v.put("kind", InteractionEntry.KIND);
        v.put("index", index);
        v.put("occurredAt", e.occurredAt());
        putIfPresent(v, "id", e.id());
        putIfPresent(v, "channel", e.channel());
        putIfPresent(v, "type", e.type());
        putIfPresent(v, "source", e.source());
        putIfPresent(v, "agentId", e.agentId());
        v.put("products", e.products()); // immutable (List.copyOf in InteractionEntry)
        if (e.rating() != null) v.put("rating", e.rating().longValue());
        return new EntryView(Collections.unmodifiableMap(v));
    }

    private static void putIfPresent(Map<String, Object> m, String k, Object v) {
        if (v != null) m.put(k, v);
    }

    /**
     * An entry written as JSON with the schema's field names, e.g. a line of a samples file:
     * {@code {"kind":"interaction","index":7,"occurredAt":"2026-03-01T09:30:00Z","channel":"call_centre","type":"complaint"}}.
     * {@code index} may be left out, then {@code defaultIndex} is used.
     *
     * @throws IllegalArgumentException naming the field and the reason
     */
    public static EntryView fromJson(JsonNode json, long defaultIndex) {
        Map<String, Object> v = FieldValues.fromJson("entry", ContractSchema.ENTRY_FIELDS, json);
        if (!v.containsKey("kind")) throw new IllegalArgumentException("entry: 'kind' is required");
        if (!v.containsKey("occurredAt")) throw new IllegalArgumentException("entry: 'occurredAt' is required");
        Builder b = builder((String) v.get("kind"), v.containsKey("index") ? (Long) v.get("index") : defaultIndex, (Instant) v.get("occurredAt"));
        v.forEach((k, x) -> {
            if (!FIXED.contains(k)) b.set(k, x);
        });
        return b.build();
    }

    public String kind() { return kind; }

    public long index() { return index; }

    public Instant occurredAt() { return occurredAt; }

    /** The entry's id, or null. */
    public String id() { return id; }

    public String channel() { return channel; }

    public String type() { return type; }

    public String agentId() { return agentId; }

    /** The value of a field, or null when the entry does not carry it. */
    public Object get(String field) { return values.get(field); }

    /** All fields, as the CEL runtime reads them. */
    public Map<String, Object> values() { return values; }

    @Override
    public String toString() { return "EntryView" + new TreeMap<>(values); }

    public static final class Builder {
        private Map<String, Object> values = new HashMap<>(16);

        private Builder(String kind, long index, Instant occurredAt) {
            if (!ContractSchema.ENTRY_KINDS.contains(kind)) {
                throw new IllegalArgumentException("entry.kind: unknown kind '" + kind + "' (known: " + String.join(", ", ContractSchema.ENTRY_KINDS) + ")");
            }
            if (index < 0) throw new IllegalArgumentException("entry.index: must be >= 0, got " + index);
            if (occurredAt == null) throw new IllegalArgumentException("entry.occurredAt: required");
            values.put("kind", kind);
            values.put("index", index);
            values.put("occurredAt", occurredAt);
        }

        /** Sets a field of {@link ContractSchema#ENTRY_FIELDS}; null leaves it absent. Ints may be Integer or Long. */
        public Builder set(String field, Object value) {
            if (FIXED.contains(field)) throw new IllegalArgumentException("entry." + field + ": given to builder(kind, index, occurredAt)");
            if (value == null) {
                FieldValues.field("entry", ContractSchema.ENTRY_FIELDS, field);
                values.remove(field);
            } else {
                values.put(field, FieldValues.check("entry", FieldValues.field("entry", ContractSchema.ENTRY_FIELDS, field), value));
            }
            return this;
        }

        public Builder channel(String channel) { return set("channel", channel); }

        public Builder type(String type) { return set("type", type); }

        public Builder agentId(String agentId) { return set("agentId", agentId); }

        public Builder rating(long rating) { return set("rating", rating); }

        /** The entry; the builder cannot be used after this. */
        public EntryView build() {
            if (values == null) throw new IllegalStateException("build() was called already");
            EntryView e = new EntryView(Collections.unmodifiableMap(values));
            values = null;
            return e;
        }
    }
}
