package org.touchline.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON Lines file: one JSON object per line. Field references are JSON pointers ({@code /customer/email}) or
 * top-level names ({@code email}), compiled once per file.
 */
final class JsonLinesSource {
    private JsonLinesSource() {}

    static void read(SourceMapping m, String fileName, Reader in, RecordSink sink) throws IOException {
        Fields fields = new Fields(m.fields());
        LineReader lines = new LineReader(in, Limits.MAX_RECORD_CHARS);
        for (LineReader.Line line; (line = lines.next()) != null; ) {
            if (!line.tooLong() && line.text().isBlank()) continue;
            String ref = fileName + " line " + line.number();
            if (line.tooLong()) {
                sink.unreadable(ref, line.text(), "(json)", "the line is longer than " + Limits.describeRecordLimit());
                continue;
            }
            JsonNode n;
            try {
                n = BoundedJson.parseObject(line.text());
            } catch (FieldException e) {
                sink.unreadable(ref, line.text(), "(json)", "the line " + e.getMessage());
                continue;
            }
            String raw = line.text();
            sink.record(ref, () -> raw, new Record(fields, n));
        }
    }

    /** A field reference as a JSON pointer, e.g. "email" becomes "/email". */
    static JsonPointer pointer(String field) {
        return field.startsWith("/") ? JsonPointer.compile(field) : JsonPointer.compile("/" + field.replace("~", "~0").replace("/", "~1"));
    }

    /** The mapping's fields as compiled pointers, and the paths they cover (kept out of the attributes). */
    static final class Fields {
        final JsonPointer[] pointers;
        final Set<String> mappedPaths = new HashSet<>(); // pointer text without the leading '/'

        Fields(List<String> fields) {
            pointers = new JsonPointer[fields.size()];
            for (int s = 0; s < pointers.length; s++) {
                pointers[s] = pointer(fields.get(s));
                mappedPaths.add(pointers[s].toString().substring(1));
            }
        }
    }

    record Record(Fields fields, JsonNode root) implements SourceRecord {
        @Override public List<String> values(int slot) throws FieldException {
            JsonNode n = root.at(fields.pointers[slot]);
            if (n.isMissingNode() || n.isNull()) return List.of();
            if (n.isValueNode()) return nonBlank(n.asText());
            if (n.isObject()) throw new FieldException("holds an object where a value belongs");
            List<String> out = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                if (e.isNull()) continue;
                if (!e.isValueNode()) throw new FieldException("holds a list of objects or lists where values belong");
                String v = e.asText();
                if (!v.isBlank()) out.add(v);
            }
            return out;
        }

        @Override public Map<String, String> unmapped() {
            Map<String, String> out = new HashMap<>();
            leaves(root, "", fields.mappedPaths, out);
            return out;
        }

        private static List<String> nonBlank(String v) { return v.isBlank() ? List.of() : List.of(v); }
    }

    /** Every scalar leaf under {@code n} not under a path of {@code skip}, keyed by its pointer without the leading '/'. */
    static void leaves(JsonNode n, String path, Set<String> skip, Map<String, String> out) {
        if (!path.isEmpty() && skip.contains(path)) return;
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                leaves(e.getValue(), child(path, e.getKey().replace("~", "~0").replace("/", "~1")), skip, out);
            }
        } else if (n.isArray()) {
            for (int k = 0; k < n.size(); k++) leaves(n.get(k), child(path, Integer.toString(k)), skip, out);
        } else if (!n.isNull()) {
            String v = n.asText();
            if (!v.isBlank()) out.put(path, v);
        }
    }

    private static String child(String path, String step) { return path.isEmpty() ? step : path + "/" + step; }
}
