package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of a JSON value that every node hashes and signs.
 * Walks a Jackson tree directly (the reference implementation re-parses a JSON string, which cost more than all the
 * hashing on the ingest path); numbers that are not small integers go through the reference implementation's ES6
 * number formatter (RFC 8785 §3.2.2.3). Both the tree walk and {@link Writer} write UTF-8 (§3.2.4) straight into
 * one byte array, with no text form in between: the ingest path makes two canonical forms of every record.
 * CanonicalJsonTest checks this against the reference implementation.
 */
public final class CanonicalJson {
    /** Integers up to 2^53 print the same in ES6 as in Java; beyond that they are doubles in JSON's number model. */
    private static final long EXACT = 1L << 53;

    private CanonicalJson() {}

    public static byte[] bytes(JsonNode node) {
        Utf8 out = new Utf8(256);
        write(node, out);
        return out.bytes();
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, Utf8 out) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                // §3.2.3: members sorted by their names' UTF-16 code units, which is String.compareTo.
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(n.size());
                n.fields().forEachRemaining(members::add);
                members.sort(Map.Entry.comparingByKey());
                out.ascii('{');
                for (int k = 0; k < members.size(); k++) {
                    if (k > 0) out.ascii(',');
                    out.string(members.get(k).getKey());
                    out.ascii(':');
                    write(members.get(k).getValue(), out);
                }
                out.ascii('}');
            }
            case ARRAY -> {
                out.ascii('[');
                for (int k = 0; k < n.size(); k++) {
                    if (k > 0) out.ascii(',');
                    write(n.get(k), out);
                }
                out.ascii(']');
            }
            case STRING -> out.string(n.textValue());
            case NUMBER -> number(n, out);
            case BOOLEAN -> out.ascii(n.booleanValue() ? "true" : "false");
            case NULL -> out.ascii("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }

    private static void number(JsonNode n, Utf8 out) {
        if (n.isIntegralNumber() && n.canConvertToLong() && Math.abs(n.longValue()) <= EXACT) {
            out.integer(n.longValue());
            return;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("JSON has no " + d);
        try {
            out.ascii(NumberToJSON.serializeNumber(d));
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
        private final Utf8 out = new Utf8(512);
        /** The last member name written in each open object, innermost last ("" before the first). */
        private String[] lastKey = new String[4];
        private int depth;
        private boolean first = true;

        public Writer beginObject() {
            comma();
            out.ascii('{');
            if (depth == lastKey.length) lastKey = Arrays.copyOf(lastKey, depth * 2);
            lastKey[depth++] = "";
            first = true;
            return this;
        }

        public Writer endObject() {
            out.ascii('}');
            lastKey[--depth] = null;
            first = false;
            return this;
        }

        public Writer beginArray() {
            comma();
            out.ascii('[');
            first = true;
            return this;
        }

        public Writer endArray() {
            out.ascii(']');
            first = false;
            return this;
        }

        public Writer key(String key) {
            String previous = lastKey[depth - 1];
            if (!previous.isEmpty() && previous.compareTo(key) >= 0)
                throw new IllegalStateException("member '" + key + "' written after '" + previous + "': not canonical order");
            lastKey[depth - 1] = key;
            comma();
            out.string(key);
            out.ascii(':');
            first = true;
            return this;
        }

        public Writer value(String s) {
            comma();
            out.string(s);
            return this;
        }

        public Writer value(long n) {
            if (Math.abs(n) > EXACT) throw new IllegalArgumentException(n + " is beyond JSON's exact integers");
            comma();
            out.integer(n);
            return this;
        }

        /** Members of a map, in canonical order whatever the map's own order. */
        public Writer members(Map<String, String> map) {
            beginObject();
            if (map.size() == 1) { // most records carry one attribute or none: no sorted copy for those
                var only = map.entrySet().iterator().next();
                key(only.getKey()).value(only.getValue());
            } else if (!map.isEmpty()) {
                for (var e : new TreeMap<>(map).entrySet()) key(e.getKey()).value(e.getValue());
            }
            return endObject();
        }

        private void comma() {
            if (!first) out.ascii(',');
            first = false;
        }

        public byte[] bytes() { return out.bytes(); }
    }

    /** Canonical JSON's bytes as they are written: UTF-8 (§3.2.4) into a growing array. */
    private static final class Utf8 {
        private byte[] buf;
        private int size;

        Utf8(int capacity) { buf = new byte[capacity]; }

        void ascii(char c) {
            room(1);
            buf[size++] = (byte) c;
        }

        void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) buf[size++] = (byte) s.charAt(i); // ASCII only: literals, escapes, digits
        }

        void integer(long n) { ascii(Long.toString(n)); }

        /** §3.2.2.2: only '"', '\\' and control characters are escaped, with the short forms where JSON has them. */
        void string(String s) {
            int n = s.length();
            room(n + 2);
            buf[size++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    if (size == buf.length) room(1);
                    buf[size++] = (byte) c;
                    continue;
                }
                switch (c) {
                    case '"' -> ascii("\\\"");
                    case '\\' -> ascii("\\\\");
                    case '\b' -> ascii("\\b");
                    case '\f' -> ascii("\\f");
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    case '\t' -> ascii("\\t");
                    default -> {
                        if (c < 0x20) ascii(String.format("\\u%04x", (int) c));
                        else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            codePoint(Character.toCodePoint(c, s.charAt(i + 1)));
                            i++;
                        } else if (Character.isSurrogate(c))
                            throw new IllegalArgumentException("string holds a lone surrogate at position " + i + ": not valid Unicode");
                        else codePoint(c);
                    }
                }
            }
            ascii('"');
        }

        /** One code point (not ASCII) in UTF-8, RFC 3629 §3. */
        private void codePoint(int cp) {
            room(4);
            if (cp < 0x800) {
                buf[size++] = (byte) (0xC0 | cp >> 6);
            } else if (cp < 0x10000) {
                buf[size++] = (byte) (0xE0 | cp >> 12);
                buf[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
            } else {
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                buf[size++] = (byte) (0x80 | (cp >> 6 & 0x3F));
            }
            buf[size++] = (byte) (0x80 | (cp & 0x3F));
        }

        private void room(int more) {
            if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }

        byte[] bytes() { return Arrays.copyOf(buf, size); }
    }
}
