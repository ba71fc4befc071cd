package org.touchline.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.touchline.domain.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Schema (draft 2020-12) shipped with this package, checked with networknt's validator: each violation becomes a
 * problem naming the record, the field (a JSON pointer into the message) and the reason.
 */
final class SchemaCheck {
    private final Schema schema;

    private SchemaCheck(Schema schema) { this.schema = schema; }

    static SchemaCheck load(String resource) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("schema " + resource + " is not on the class path");
            return new SchemaCheck(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation in {@code message}, fields named as JSON pointers below {@code at} ("" for the message itself). */
    List<Problem> check(String record, String at, JsonNode message) {
        List<Error> errors = schema.validate(message);
        if (errors.isEmpty()) return List.of();
        List<Problem> out = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String path = pointer(e);
            if (e.getProperty() != null && e.getKeyword().equals("required")) path = path + "/" + e.getProperty();
            String field = at + path;
            out.add(new Problem(record, field.isEmpty() ? "(message)" : field, reason(e)));
        }
        return out;
    }

    private static String pointer(Error e) {
        var p = e.getInstanceLocation();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < p.getNameCount(); k++) b.append('/').append(p.getName(k));
        return b.toString();
    }

    /** The validator's message without its leading location ("$.userId: "), which the field already names. */
    private static String reason(Error e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }
}
