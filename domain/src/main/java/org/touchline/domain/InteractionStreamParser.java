package org.touchline.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Interaction v1 line in one pass of Jackson's streaming parser, without building a tree: the ingest path's
 * costliest step when every record went through {@code readTree}. It only takes the plain shape every well-behaved
 * sender writes (each field once, strings as strings, arrays of strings and of {type, value} objects, a small whole
 * rating, attributes of strings) and answers null for anything else, valid or not. The tree reader in
 * {@link InteractionJson} then reads that line as before and names every problem, so this changes what a line costs,
 * never what it means: for a line it takes, it builds the same Interaction as the tree reader (InteractionStreamParserTest
 * compares both over generated records).
 */
final class InteractionStreamParser {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] FIELDS = {"id", "source", "sourceRecordId", "occurredAt", "channel", "type",
            "identifiers", "parties", "agentId", "products", "text", "rating", "attributes"};

    private final JsonParser p;
    /** JSON values read (the root and every value inside it), as a tree reader would count its nodes. */
    private int values;

    private InteractionStreamParser(JsonParser p) { this.p = p; }

    /** The interaction {@code json} holds when it has the plain shape, else null (read it as a tree instead). */
    static Interaction read(String json) { return read(json, Integer.MAX_VALUE); }

    /** As {@link #read(String)}, and null too when the line holds more than {@code maxValues} JSON values. */
    static Interaction read(String json, int maxValues) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p, maxValues);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return null; // not JSON, or an identifier or date the tree reader will name
        }
    }

    /**
     * As {@link #read(String, int)}, from the bytes {@code line[offset, offset + length)} of a line, without decoding
     * them to a String first; null too for a line with any byte outside ASCII. Only ASCII is taken here because there
     * every byte is the char it stands for, so this reads exactly the String a decoder would make of the line; what a
     * decoder makes of other bytes (malformed UTF-8 becomes U+FFFD, which the ingest refuses by name) stays the
     * decoder's.
     */
    static Interaction read(byte[] line, int offset, int length, int maxValues) {
        for (int k = offset, end = offset + length; k < end; k++) if (line[k] < 0) return null;
        try (JsonParser p = FACTORY.createParser(line, offset, length)) {
            return read(p, maxValues);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    private static Interaction read(JsonParser p, int maxValues) throws IOException {
        InteractionStreamParser r = new InteractionStreamParser(p);
        Interaction i = r.interaction();
        // Nothing may follow the object; a line that has more is the tree reader's to judge.
        return i != null && p.nextToken() == null && r.values <= maxValues ? i : null;
    }

    private Interaction interaction() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        values++;
        String source = null, sourceRecordId = null, channel = null, type = null, agentId = null, text = null;
        Instant occurredAt = null;
        List<Identifier> identifiers = List.of();
        List<PartyRole> parties = List.of();
        List<String> products = List.of();
        Integer rating = null;
        Map<String, String> attributes = Map.of();
        int seen = 0; // one bit per field of FIELDS: a field given twice is the tree reader's to judge
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
            if (t != JsonToken.FIELD_NAME) return null;
            String name = p.currentName();
            int field = indexOf(name);
            if (field < 0 || (seen & 1 << field) != 0) return null;
            seen |= 1 << field;
            JsonToken v = p.nextToken();
            values++;
            switch (name) {
                case "id" -> { // derived from (source, sourceRecordId), whatever the line says
                    if (v.isStructStart()) return null;
                }
                case "source" -> { if ((source = string(v)) == NOT_PLAIN) return null; }
                case "sourceRecordId" -> { if ((sourceRecordId = string(v)) == NOT_PLAIN) return null; }
                case "channel" -> { if ((channel = string(v)) == NOT_PLAIN) return null; }
                case "type" -> { if ((type = string(v)) == NOT_PLAIN) return null; }
                case "agentId" -> { if ((agentId = string(v)) == NOT_PLAIN) return null; }
                case "text" -> { if ((text = string(v)) == NOT_PLAIN) return null; }
                case "occurredAt" -> {
                    String at = string(v);
                    if (at == NOT_PLAIN) return null;
                    if (at != null) occurredAt = DateTime.instant(at);
                }
                case "identifiers" -> { if (v != JsonToken.VALUE_NULL && (identifiers = identifiers(v)) == null) return null; }
                case "parties" -> { if (v != JsonToken.VALUE_NULL && (parties = parties(v)) == null) return null; }
                case "products" -> { if (v != JsonToken.VALUE_NULL && (products = strings(v)) == null) return null; }
                case "rating" -> {
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) rating = p.getIntValue();
                    else if (v != JsonToken.VALUE_NULL) return null;
                }
                case "attributes" -> { if (v != JsonToken.VALUE_NULL && (attributes = attributes(v)) == null) return null; }
                default -> { return null; }
            }
        }
        return new Interaction(null, source, sourceRecordId, occurredAt, channel, type, identifiers, parties, agentId,
                products, text, rating, attributes);
    }

    /** Marks a value that is not a string or null (compared by reference). */
    private static final String NOT_PLAIN = new String("not plain");

    private String string(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) return p.getText();
        return v == JsonToken.VALUE_NULL ? null : NOT_PLAIN;
    }

    private List<Identifier> identifiers(JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) return null;
        List<Identifier> out = new ArrayList<>(4);
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
            values++;
            if (t != JsonToken.START_OBJECT) return null;
            String type = null, value = null;
            for (JsonToken f; (f = p.nextToken()) != JsonToken.END_OBJECT; ) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) return null;
                values++;
                if (name.equals("type") && type == null) type = p.getText();
                else if (name.equals("value") && value == null) value = p.getText();
                else return null;
            }
            out.add(new Identifier(type, value)); // refuses a missing or empty one: the tree reader names it
        }
        return out;
    }

    private List<PartyRole> parties(JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) return null;
        List<PartyRole> out = new ArrayList<>(2);
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
            values++;
            if (t != JsonToken.START_OBJECT) return null;
            String role = null;
            List<Identifier> ids = null;
            for (JsonToken f; (f = p.nextToken()) != JsonToken.END_OBJECT; ) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                values++;
                if (name.equals("role") && role == null && value == JsonToken.VALUE_STRING) role = p.getText();
                else if (name.equals("identifiers") && ids == null && (ids = identifiers(value)) != null) continue;
                else return null;
            }
            out.add(new PartyRole(role, ids));
        }
        return out;
    }

    private List<String> strings(JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) return null;
        List<String> out = new ArrayList<>(2);
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
            values++;
            if (t != JsonToken.VALUE_STRING) return null;
            out.add(p.getText());
        }
        return out;
    }

    private Map<String, String> attributes(JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonToken t; (t = p.nextToken()) != JsonToken.END_OBJECT; ) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING || out.containsKey(name)) return null;
            values++;
            out.put(name, p.getText());
        }
        return out;
    }

    private static int indexOf(String name) {
        for (int k = 0; k < FIELDS.length; k++) if (FIELDS[k].equals(name)) return k;
        return -1;
    }
}
