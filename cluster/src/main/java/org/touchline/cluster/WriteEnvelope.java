package org.touchline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.node.Vault;
import org.touchline.node.command.Write;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message of the ordering topic that is not a batch: a {@link Write} (a consent, an erasure, a review decided...)
 * with what the node that accepted it chose and a replay could not recompute: the time it accepted it, which becomes
 * the time of the entries, and a salt, for a rating's comment (its commitment is in the leaf). Every node applies the
 * write from these alone. Kind {@value #KIND}, in the same topic and the same version as {@link Envelope}.
 */
public record WriteEnvelope(Write write, byte[] salt, Instant acceptedAt, String via) {
    static final String KIND = "write";
    private static final SecureRandom RANDOM = new SecureRandom();

    public WriteEnvelope {
        salt = salt.clone();
    }

    @Override
    public byte[] salt() { return salt.clone(); }

    /** The envelope a node makes for a write it accepts now, with a fresh salt. */
    public static WriteEnvelope accept(Write write, Instant now, String via) {
        byte[] salt = new byte[Vault.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new WriteEnvelope(write, salt, now, via);
    }

    public byte[] encode() {
        ObjectNode o = Envelope.JSON.createObjectNode().put("v", Envelope.VERSION).put("kind", KIND).put("write", write.name());
        ObjectNode f = o.putObject("fields");
        write.fields().forEach(f::put);
        o.put("salt", Base64.getEncoder().encodeToString(salt)).put("acceptedAt", acceptedAt.toString()).put("via", via);
        try {
            return Envelope.JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a message; a wrong one is refused naming the field. */
    public static WriteEnvelope decode(byte[] message) { return of(Envelope.read(message)); }

    /** The write a message read by {@link Envelope#read} holds. */
    static WriteEnvelope of(JsonNode o) {
        if (!Envelope.kindOf(o).equals(KIND)) throw new IllegalArgumentException("field 'kind': '" + Envelope.kindOf(o) + "' is not a write");
        JsonNode f = o.get("fields");
        if (f == null || !f.isObject()) throw new IllegalArgumentException("field 'fields': missing or not an object");
        Map<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) throw new IllegalArgumentException("field 'fields." + e.getKey() + "': not a string");
            fields.put(e.getKey(), e.getValue().asText());
        }
        String saltText = Envelope.text(o, "salt");
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(saltText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'salt': not base64");
        }
        if (salt.length != Vault.SALT_BYTES) throw new IllegalArgumentException("field 'salt': not " + Vault.SALT_BYTES + " bytes");
        return new WriteEnvelope(new Write(Envelope.text(o, "write"), fields), salt, Envelope.acceptedAt(o), Envelope.text(o, "via"));
    }
}
