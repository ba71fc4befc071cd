package org.touchline.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer's state as of the triggering entry (that entry included), as contracts see it: the CEL variable
 * {@code customer}, with the fields of {@link ContractSchema#CUSTOMER_FIELDS}. The node fills it from its
 * projections, which depend only on the ledger, so every node passes the same state for the same entry.
 */
public final class CustomerState {
    /** No customer known (e.g. an entry not attributed to anyone): every field is absent. */
    public static final CustomerState EMPTY = new CustomerState(Map.of());

    private final Map<String, Object> values;

    private CustomerState(Map<String, Object> values) {
        this.values = values;
    }

    /** A state with these fields; ints may be Integer or Long, times Instant, maps are copied in key order. */
    public static CustomerState of(Map<String, ?> values) {
        return new CustomerState(FieldValues.checked("customer", ContractSchema.CUSTOMER_FIELDS, values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A state written as JSON with the schema's field names; times as RFC 3339 strings. */
    public static CustomerState fromJson(JsonNode json) {
        return of(FieldValues.fromJson("customer", ContractSchema.CUSTOMER_FIELDS, json));
    }

    /** The customer id, or null. */
    public String id() { return (String) values.get("id"); }

    public Object get(String field) { return values.get(field); }

    /** All fields, as the CEL runtime reads them. */
    public Map<String, Object> values() { return values; }

    @Override
    public String toString() { return "CustomerState" + new TreeMap<>(values); }

    public static final class Builder {
        private final Map<String, Object> values = new HashMap<>();

        private Builder() {}

        /** Sets a field of {@link ContractSchema#CUSTOMER_FIELDS}; null leaves it absent. */
        public Builder set(String field, Object value) {
            FieldValues.field("customer", ContractSchema.CUSTOMER_FIELDS, field);
            if (value == null) values.remove(field);
            else values.put(field, value);
            return this;
        }

        public Builder id(String id) { return set("id", id); }

        public CustomerState build() { return of(values); }
    }
}
