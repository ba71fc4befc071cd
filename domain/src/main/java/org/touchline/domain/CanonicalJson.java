package org.touchline.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 JSON Canonicalization Scheme: the one byte form of a JSON value that every node hashes and signs.
 * Delegates to the reference Java implementation by the RFC's author.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static byte[] bytes(JsonNode node) {
        try {
            return new JsonCanonicalizer(InteractionJson.MAPPER.writeValueAsString(node)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalisable: " + e.getMessage(), e);
        }
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }
}
