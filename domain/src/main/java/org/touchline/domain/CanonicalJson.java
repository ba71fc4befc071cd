package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of a JSON value that every node hashes and signs.
 * Walks a Jackson tree directly (the reference implementation re-parses a JSON string, which cost more than all the
 * hashing on the ingest path); numbers that are not small integers go through the reference implementation's ES6
 * number formatter (RFC 8785 §3.2.2.3). CanonicalJsonTest checks this against the reference implementation.
 */
public final class CanonicalJson {
    /** Integers up to 2^53 print the same in ES6 as in Java; beyond that they are doubles in JSON's number model. */
    private static final long EXACT = 1L << 53;

    private CanonicalJson() {}

    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode n, StringBuilder out) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                // §3.2.3: members sorted by their names' UTF-16 code units, which is String.compareTo.
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(n.size());
                n.fields().forEachRemaining(members::add);
                members.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int k = 0; k < members.size(); k++) {
                    if (k > 0) out.append(',');
                    string(members.get(k).getKey(), out);
                    out.append(':');
                    write(members.get(k).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int k = 0; k < n.size(); k++) {
                    if (k > 0) out.append(',');
                    write(n.get(k), out);
                }
                out.append(']');
            }
            case STRING -> string(n.textValue(), out);
            case NUMBER -> number(n, out);
            case BOOLEAN -> out.append(n.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }

    private static void number(JsonNode n, StringBuilder out) {
        if (n.isIntegralNumber() && n.canConvertToLong() && Math.abs(n.longValue()) <= EXACT) {
            out.append(n.longValue());
            return;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("JSON has no " + d);
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalArgumentException("number " + d + " cannot be canonicalised: " + e.getMessage(), e);
        }
    }

    /**
     * Writes canonical JSON directly, for the formats the ingest path produces a million times over (the leaf and the
     * personal part), without building a tree first. Members must be written in canonical order; the writer checks
     * that they are, so a mistake fails loudly instead of producing a non-canonical hash.
     */
    public static final class Writer {
        private final StringBuilder out = new StringBuilder(512);
        private final ArrayDeque<String> lastKey = new ArrayDeque<>();
        private boolean first = true;

        public Writer beginObject() {
            comma();
            out.append('{');
            lastKey.push("");
            first = true;
            return this;
        }

        public Writer endObject() {
            out.append('}');
            lastKey.pop();
            first = false;
            return this;
        }

        public Writer beginArray() {
            comma();
            out.append('[');
            first = true;
            return this;
        }

        public Writer endArray() {
            out.append(']');
            first = false;
            return this;
        }

        public Writer key(String key) {
            String previous = lastKey.pop();
            if (!previous.isEmpty() && previous.compareTo(key) >= 0)
                throw new IllegalStateException("member '" + key + "' written after '" + previous + "': not canonical order");
            lastKey.push(key);
            comma();
            string(key, out);
            out.append(':');
            first = true;
            return this;
        }

        public Writer value(String s) {
            comma();
            string(s, out);
            return this;
        }

        public Writer value(long n) {
            if (Math.abs(n) > EXACT) throw new IllegalArgumentException(n + " is beyond JSON's exact integers");
            comma();
            out.append(n);
            return this;
        }

        /** Members of a map, in canonical order whatever the map's own order. */
        public Writer members(Map<String, String> map) {
            beginObject();
            for (String k : new TreeMap<>(map).keySet()) key(k).value(map.get(k));
            return endObject();
        }

        private void comma() {
            if (!first) out.append(',');
            first = false;
        }

        public byte[] bytes() { return out.toString().getBytes(StandardCharsets.UTF_8); }
    }

    /** §3.2.2.2: only '"', '\\' and control characters are escaped, with the short forms where JSON has them. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        int plain = 0; // start of the run of characters written as they are: copied in one go, not char by char
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) continue;
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                            && Character.isHighSurrogate(s.charAt(i - 1))))
                        throw new IllegalArgumentException("string holds a lone surrogate at position " + i + ": not valid Unicode");
                    else out.append(c);
                }
            }
        }
        out.append(s, plain, s.length());
        out.append('"');
    }
}
