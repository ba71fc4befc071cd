package org.touchline.ingest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.Problem;
import org.touchline.ingest.MappedJson;
import org.touchline.ingest.MappedRecord;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A webhook's payload from a help-desk or messaging platform: its HMAC-SHA256 signature checked first (constant-time,
 * and against the platform's signed timestamp where it sends one, so an old request replayed is refused), then the
 * body (JSON, or an HTML form as Twilio-style platforms post) mapped by the source's mapping as one JSON object.
 * A request whose signature does not hold is refused whole and keeps nothing: it may not come from the platform.
 */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields the receiver adds to every payload. */
    public static final String RECEIVED_AT = "_receivedAt", BODY_SHA256 = "_bodySha256";

    private WebhookPayloads() {}

    /** The signature did not verify: the request is refused (401) and nothing of it is kept. */
    public static final class Unsigned extends RuntimeException {
        public Unsigned(String message) { super(message); }
    }

    /**
     * The payload of {@code source}, verified and mapped. {@code header} gives a request header by name (any case), or
     * null; {@code now} is when it was received.
     */
    public static ReceivedEvent receive(WebhookSource source, Function<String, String> header, String contentType, byte[] body, Instant now) {
        verify(source, header, body, now);
        String ref = source.name() + " webhook";
        ObjectNode object;
        try {
            object = isForm(contentType) ? form(body) : json(body);
        } catch (BadEventRequest e) {
            String raw = new String(body, StandardCharsets.UTF_8);
            return ReceivedEvent.mapped(new MappedRecord.Rejected(ref, raw, List.of(new Problem(ref, "(body)", e.getMessage()))), source.mappingFile(),
                    source.mapping().source());
        }
        // What the platform may not send: when it arrived, and a key for a delivery that carries no id of its own (a
        // retried delivery is the same bytes). A mapping may name them; kept in the dead letter, they stay as they were.
        object.put(RECEIVED_AT, now.toString()).put(BODY_SHA256, HexFormat.of().formatHex(sha256(body)));
        MappedRecord r = new MappedJson(source.mapping(), now).map(ref, object, object::toString);
        if (r instanceof MappedRecord.Accepted a) r = new MappedRecord.Accepted(ref + " " + a.interaction().sourceRecordId(), a.interaction());
        return ReceivedEvent.mapped(r, source.mappingFile(), source.mapping().source());
    }

    /** Checks the signature as the source's scheme defines it; throws {@link Unsigned} saying which part failed. */
    static void verify(WebhookSource source, Function<String, String> header, byte[] body, Instant now) {
        Signature s = source.signature();
        String given = header.apply(s.header());
        if (given == null || given.isBlank()) throw new Unsigned("header " + s.header() + " is missing: every payload of " + source.name() + " must be signed");
        String timestamp = null;
        if (s.timestampHeader() != null) {
            timestamp = header.apply(s.timestampHeader());
            if (timestamp == null || timestamp.isBlank()) throw new Unsigned("header " + s.timestampHeader() + " is missing");
            Instant at = instant(timestamp, s.timestampHeader());
            if (Duration.between(at, now).abs().compareTo(s.tolerance()) > 0)
                throw new Unsigned("header " + s.timestampHeader() + ": " + timestamp + " is more than " + s.tolerance().toSeconds()
                        + " s from now: refused as a possible replay");
        }
        String id = s.idHeader() == null ? null : header.apply(s.idHeader());
        if (s.idHeader() != null && (id == null || id.isBlank())) throw new Unsigned("header " + s.idHeader() + " is missing");
        byte[] expected = hmac(source.secret(), signedBytes(s.signed(), timestamp, id, body));
        // Several signatures may be given, space-separated, while a secret is rotated (Standard Webhooks).
        for (String candidate : given.strip().split("\\s+")) {
            if (!candidate.startsWith(s.prefix())) continue;
            byte[] decoded = decode(candidate.substring(s.prefix().length()), s.base64());
            if (decoded != null && MessageDigest.isEqual(expected, decoded)) return;
        }
        throw new Unsigned("header " + s.header() + ": the signature does not match the body (HMAC-SHA256 under " + source.name() + "'s secret)");
    }

    /** What is signed: the scheme's template with {timestamp}, {id} and {body} filled in, as bytes (the body as received). */
    private static byte[] signedBytes(String template, String timestamp, String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.writeBytes(template.substring(at).getBytes(StandardCharsets.UTF_8));
                break;
            }
            out.writeBytes(template.substring(at, open).getBytes(StandardCharsets.UTF_8));
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            switch (name) {
                case "body" -> out.writeBytes(body);
                case "timestamp" -> out.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
                case "id" -> out.writeBytes(id.getBytes(StandardCharsets.UTF_8));
                default -> out.writeBytes(template.substring(open, close + 1).getBytes(StandardCharsets.UTF_8));
            }
            at = close + 1;
        }
        return out.toByteArray();
    }

    static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String v, boolean base64) {
        try {
            return base64 ? Base64.getDecoder().decode(v) : HexFormat.of().parseHex(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Seconds since the epoch (Standard Webhooks) or an ISO 8601 instant (Zendesk). */
    private static Instant instant(String v, String header) {
        try {
            return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
        } catch (DateTimeException | NumberFormatException e) {
            throw new Unsigned("header " + header + ": '" + v + "' is neither seconds since 1970 nor an ISO 8601 instant");
        }
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static ObjectNode json(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadEventRequest("is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadEventRequest("cannot be read: " + e.getMessage());
        }
        if (n == null || !n.isObject()) throw new BadEventRequest("is not a JSON object");
        return (ObjectNode) n;
    }

    /** An HTML form's fields as a JSON object; a field given twice becomes a list. */
    private static ObjectNode form(byte[] body) {
        ObjectNode o = JSON.createObjectNode();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) return o;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name, value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadEventRequest("form field '" + pair + "' is not percent-encoded");
            }
            JsonNode before = o.get(name);
            if (before == null) o.put(name, value);
            else if (before.isArray()) ((ArrayNode) before).add(value);
            else o.putArray(name).add(before.asText()).add(value);
        }
        return o;
    }
}
