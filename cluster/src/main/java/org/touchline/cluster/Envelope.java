package org.touchline.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.node.Vault;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One message of the ordering topic: a channel's signed batch as it came (note and NDJSON records) with everything
 * the submitting node chose that a replay could not recompute: a salt per line of the records and the time the batch
 * was accepted. Every node appends from these alone, so the same messages in the same order give the same leaves.
 *
 * <p>Other writes travel as a {@link WriteEnvelope} in the same topic, with {@code "kind": "write"}.
 *
 * <p>The message holds the records' personal data and their salts in the clear: see docs/cluster.md, "Personal data
 * in the topic", for what that means for erasure.
 */
public record Envelope(String note, String records, List<byte[]> salts, Instant acceptedAt, String via) {
    static final int VERSION = 1;
    /** The kind of message this is; the messages written before other writes were ordered ({@link WriteEnvelope}) say none. */
    static final String KIND = "batch";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    public Envelope {
        salts = List.copyOf(salts);
    }

    /** The envelope a node makes for a batch it accepts now: fresh salts, one per line of the records. */
    public static Envelope accept(String note, String records, Instant now, String via) {
        int lines = 1;
        for (int k = 0; k < records.length(); k++) if (records.charAt(k) == '\n') lines++;
        List<byte[]> salts = new ArrayList<>(lines);
        for (int k = 0; k < lines; k++) {
            byte[] s = new byte[Vault.SALT_BYTES];
            RANDOM.nextBytes(s);
            salts.add(s);
        }
        return new Envelope(note, records, salts, now, via);
    }

    /** The salt of record {@code line N} (the references the NDJSON reader gives). */
    public byte[] saltOf(String recordRef) {
        if (!recordRef.startsWith("line ")) throw new IllegalArgumentException("record " + recordRef + " is not a line of the batch");
        int n = Integer.parseInt(recordRef.substring(5));
        if (n < 1 || n > salts.size()) throw new IllegalArgumentException("the envelope carries no salt for " + recordRef);
        return salts.get(n - 1).clone();
    }

    public byte[] encode() {
        ObjectNode o = JSON.createObjectNode().put("v", VERSION).put("kind", KIND).put("note", note).put("records", records)
                .put("acceptedAt", acceptedAt.toString()).put("via", via);
        ArrayNode a = o.putArray("salts");
        Base64.Encoder b64 = Base64.getEncoder();
        for (byte[] s : salts) a.add(b64.encodeToString(s));
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a message; a wrong one is refused naming the field. */
    public static Envelope decode(byte[] message) { return of(read(message)); }

    /** A message of the ordering topic as a JSON object of a version this node reads; any kind. */
    static JsonNode read(byte[] message) {
        JsonNode o;
        try {
            o = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the message cannot be read: " + e.getMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("the message is not a JSON object");
        if (o.path("v").asInt() != VERSION) throw new IllegalArgumentException("field 'v': unknown envelope version " + o.path("v"));
        return o;
    }

    /** What a message read by {@link #read} holds: a batch ({@value #KIND}, also when it says no kind) or a write. */
    static String kindOf(JsonNode o) {
        JsonNode k = o.get("kind");
        return k == null ? KIND : k.asText();
    }

    /** The batch a message read by {@link #read} holds. */
    static Envelope of(JsonNode o) {
        if (!kindOf(o).equals(KIND)) throw new IllegalArgumentException("field 'kind': '" + kindOf(o) + "' is not a message kind this node knows");
        Instant at = acceptedAt(o);
        List<byte[]> salts = new ArrayList<>();
        JsonNode a = o.path("salts");
        if (!a.isArray()) throw new IllegalArgumentException("field 'salts': missing or not an array");
        for (int k = 0; k < a.size(); k++) {
            byte[] s;
            try {
                s = Base64.getDecoder().decode(a.get(k).asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'salts[" + k + "]': not base64");
            }
            if (s.length != Vault.SALT_BYTES) throw new IllegalArgumentException("field 'salts[" + k + "]': not " + Vault.SALT_BYTES + " bytes");
            salts.add(s);
        }
        return new Envelope(text(o, "note"), text(o, "records"), salts, at, text(o, "via"));
    }

    static Instant acceptedAt(JsonNode o) {
        try {
            return Instant.parse(text(o, "acceptedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'acceptedAt': not an RFC 3339 time");
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("field '" + field + "': missing or not a string");
        return v.asText();
    }
}
