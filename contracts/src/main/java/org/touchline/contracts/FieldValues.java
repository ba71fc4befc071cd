package org.touchline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Java and JSON values into the values CEL expects for a field of {@link ContractSchema}: {@code Long} for
 * int (CEL-Java finds no overload for an {@code Integer}), {@code Instant} for timestamp, immutable lists, and maps in
 * key order (so iterating over a map is the same on every node). Errors name the field and the reason.
 */
final class FieldValues {
    private FieldValues() {}

    /** An immutable map of checked values, as the CEL runtime reads it. */
    static Map<String, Object> checked(String what, Map<String, ContractSchema.Field> schema, Map<String, ?> values) {
        Map<String, Object> out = new HashMap<>(values.size() * 2);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getValue() == null) continue;
            out.put(e.getKey(), check(what, field(what, schema, e.getKey()), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    static ContractSchema.Field field(String what, Map<String, ContractSchema.Field> schema, String name) {
        ContractSchema.Field f = schema.get(name);
        if (f == null) throw new IllegalArgumentException(what + ": unknown field '" + name + "' (known: " + String.join(", ", schema.keySet()) + ")");
        return f;
    }

    static Object check(String what, ContractSchema.Field f, Object v) {
        return check(what + "." + f.name(), f.type(), v);
    }

    private static Object check(String path, CelType t, Object v) {
        if (t == SimpleType.STRING && v instanceof String) return v;
        if (t == SimpleType.BOOL && v instanceof Boolean) return v;
        if (t == SimpleType.INT && (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            return ((Number) v).longValue();
        }
        if (t == SimpleType.TIMESTAMP && v instanceof Instant) return v;
        if (t instanceof ListType l && v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) out.add(check(path + "[" + i + "]", l.elemType(), list.get(i)));
            return Collections.unmodifiableList(out);
        }
        if (t instanceof MapType m && v instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException(path + ": keys must be strings");
                sorted.put(k, check(path + "['" + k + "']", m.valueType(), e.getValue()));
            }
            return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
        }
        throw new IllegalArgumentException(path + ": expected " + ContractSchema.describe(t) + ", got "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
    }

    /** Reads a JSON object's members as the schema's fields; unknown members and wrong types are errors. */
    static Map<String, Object> fromJson(String what, Map<String, ContractSchema.Field> schema, JsonNode object) {
        if (object == null || object.isNull() || object.isMissingNode()) return Map.of();
        if (!object.isObject()) throw new IllegalArgumentException(what + ": expected a JSON object");
        Map<String, Object> out = new LinkedHashMap<>();
        var it = object.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isNull()) continue;
            ContractSchema.Field f = field(what, schema, e.getKey());
            out.put(e.getKey(), json(what + "." + f.name(), f.type(), e.getValue()));
        }
        return out;
    }

    private static Object json(String path, CelType t, JsonNode n) {
        if (t == SimpleType.STRING && n.isTextual()) return n.textValue();
        if (t == SimpleType.BOOL && n.isBoolean()) return n.booleanValue();
        if (t == SimpleType.INT && n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (t == SimpleType.TIMESTAMP && n.isTextual()) {
            try {
                return Instant.parse(n.textValue());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(path + ": not an RFC 3339 UTC time like 2026-03-01T09:30:00Z: " + n.textValue());
            }
        }
        if (t instanceof ListType l && n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) out.add(json(path + "[" + i + "]", l.elemType(), n.get(i)));
            return out;
        }
        if (t instanceof MapType m && n.isObject()) {
            Map<String, Object> out = new TreeMap<>();
            n.fields().forEachRemaining(e -> out.put(e.getKey(), json(path + "['" + e.getKey() + "']", m.valueType(), e.getValue())));
            return out;
        }
        throw new IllegalArgumentException(path + ": expected " + ContractSchema.describe(t) + ", got " + n);
    }
}
