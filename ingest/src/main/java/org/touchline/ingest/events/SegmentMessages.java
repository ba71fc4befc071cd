package org.touchline.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionValidator;
import org.touchline.domain.PartyRole;
import org.touchline.domain.Problem;
import org.touchline.ingest.MappedJson;
import org.touchline.ingest.MappedRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Segment Spec messages (identify, track, page, screen, group, alias; alone or in a batch) as Interaction v1 records of
 * one {@link SegmentSource}. Who: {@code userId}, {@code anonymousId} and the traits' email and phone become identifiers
 * (of the types the source names), so the identity rules decide who the person is; the traits' name, birthday and
 * address become the profile identifiers the matcher compares. {@code group} names the organisation ({@code groupId})
 * as the record's {@code organisation} party; {@code alias} carries {@code previousId} beside {@code userId}, so the two
 * merge only when the rules allow it. Everything else the message says is kept in the attributes.
 *
 * <p>Idempotent on {@code messageId} (Segment Spec, Common Fields): a library's retry carries the same one and is
 * ingested once. A message without one is keyed by a digest of its content, so an identical retry is still one record.
 */
public final class SegmentMessages {
    public static final Set<String> CALLS = Set.of("identify", "track", "page", "screen", "group", "alias");
    /** Batch requests Segment's libraries send: at most as many messages as an NDJSON batch may hold lines. */
    public static final int MAX_BATCH = 10_000;
    private static final SchemaCheck SCHEMA = SchemaCheck.load("segment-message.schema.json");
    private static final Set<String> APP_LIBRARIES = Set.of("analytics-ios", "analytics-android", "analytics-react-native", "analytics-flutter",
            "analytics-kotlin", "analytics-swift", "analytics-xamarin", "analytics-unity");

    private final SegmentSource source;
    private final Instant receivedAt;
    private final InteractionValidator validator;

    public SegmentMessages(SegmentSource source, Instant receivedAt) {
        this.source = source;
        this.receivedAt = receivedAt;
        this.validator = new InteractionValidator(receivedAt);
    }

    /** One call's body, posted to the call's own path ({@code /v1/track}...). */
    public ReceivedEvent call(String call, JsonNode body) {
        if (!CALLS.contains(call)) throw new BadEventRequest("'" + call + "' is not a Segment call: one of " + CALLS + ", or batch");
        if (body == null || !body.isObject()) throw new BadEventRequest("the body must be one JSON object, a Segment " + call + " message");
        return message(call, call, body, null, null);
    }

    /** A batch body ({@code /v1/batch}, {@code /v1/import}): {@code {"batch": [...]}} with an optional shared context and sentAt. */
    public List<ReceivedEvent> batch(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("batch").isArray())
            throw new BadEventRequest("field 'batch': is missing; the body must be {\"batch\": [messages...]}");
        JsonNode batch = body.get("batch");
        if (batch.size() > MAX_BATCH) throw new BadEventRequest("field 'batch': holds " + batch.size() + " messages; at most " + MAX_BATCH + " a request");
        JsonNode context = body.path("context").isObject() ? body.get("context") : null;
        String sentAt = body.path("sentAt").isTextual() ? body.get("sentAt").asText() : null;
        List<ReceivedEvent> out = new ArrayList<>(batch.size());
        for (int k = 0; k < batch.size(); k++) {
            JsonNode m = batch.get(k);
            String ref = "batch[" + k + "]";
            if (!m.isObject()) {
                out.add(refused(ref, m, List.of(new Problem(ref, "(message)", "is not a JSON object"))));
                continue;
            }
            out.add(message(ref, m.path("type").asText(null), m, context, sentAt));
        }
        return out;
    }

    private ReceivedEvent message(String ref, String call, JsonNode m, JsonNode batchContext, String batchSentAt) {
        List<Problem> problems = new ArrayList<>(SCHEMA.check(ref, "", m));
        if (call == null) {
            if (problems.isEmpty()) problems.add(new Problem(ref, "type", "is missing: a batch message names its call, one of " + CALLS));
            return refused(ref, m, problems);
        }
        if (m.hasNonNull("type") && !m.get("type").asText().equals(call))
            problems.add(new Problem(ref, "type", "is '" + m.get("type").asText() + "' in a message posted to /v1/" + call));
        if (!problems.isEmpty()) return refused(ref, m, problems);

        JsonNode context = m.path("context").isObject() ? m.get("context") : batchContext;
        String userId = text(m, "userId"), anonymousId = text(m, "anonymousId");
        switch (call) {
            case "alias" -> {
                if (userId == null) problems.add(new Problem(ref, "userId", "is missing: an alias names the new id (userId)"));
                if (text(m, "previousId") == null) problems.add(new Problem(ref, "previousId", "is missing: an alias names the id it joins to userId"));
            }
            case "group" -> {
                if (text(m, "groupId") == null) problems.add(new Problem(ref, "groupId", "is missing: a group call names the organisation"));
                if (userId == null && anonymousId == null) problems.add(new Problem(ref, "userId", "is missing, and so is anonymousId: one of them names the person"));
            }
            case "track" -> {
                if (text(m, "event") == null) problems.add(new Problem(ref, "event", "is missing: a track call names its event"));
                if (userId == null && anonymousId == null) problems.add(new Problem(ref, "userId", "is missing, and so is anonymousId: one of them names the person"));
            }
            default -> {
                if (userId == null && anonymousId == null) problems.add(new Problem(ref, "userId", "is missing, and so is anonymousId: one of them names the person"));
            }
        }
        Instant occurredAt = occurredAt(ref, m, batchSentAt, problems);
        String recordId = text(m, "messageId");
        if (recordId == null) recordId = "sha256:" + digest(m);

        List<Identifier> ids = new ArrayList<>();
        identifier(ref, "userId", userId, ids, problems);
        identifier(ref, "anonymousId", anonymousId, ids, problems);
        if (call.equals("alias")) identifier(ref, "previousId", text(m, "previousId"), ids, problems);
        // The person's traits: an identify call's own, any call's context.traits (analytics.js sends them there).
        if (call.equals("identify")) traits(ref, "traits", m.path("traits"), ids, problems);
        if (context != null) traits(ref, "context/traits", context.path("traits"), ids, problems);
        List<PartyRole> parties = new ArrayList<>(1);
        if (call.equals("group")) {
            List<Identifier> org = new ArrayList<>();
            identifier(ref, "groupId", text(m, "groupId"), org, problems);
            if (!org.isEmpty()) parties.add(new PartyRole("organisation", org));
        }
        if (!problems.isEmpty()) return refused(ref, m, problems);

        Map<String, String> attributes = new LinkedHashMap<>();
        for (String f : List.of("event", "name", "category")) if (text(m, f) != null) attributes.put(f, text(m, f));
        for (String f : List.of("properties", "traits")) MappedJson.leaves(m.path(f), f, attributes);
        if (context != null) MappedJson.leaves(context, "context", attributes);
        for (String f : List.of("originalTimestamp", "timestamp", "sentAt")) if (text(m, f) != null) attributes.put(f, text(m, f));
        attributes.put("receivedAt", receivedAt.toString());
        attributes.put("segment/call", call);

        Interaction i = new Interaction(null, source.source(), recordId, occurredAt, channel(call, context), type(call, m), ids, parties, null,
                products(m.path("properties")), null, null, attributes);
        List<Problem> invalid = validator.validate(ref, i);
        if (!invalid.isEmpty()) return refused(ref, m, invalid);
        return new ReceivedEvent(new MappedRecord.Accepted(ref, i), origin(), source.source());
    }

    /**
     * When it happened (Segment Spec, Timestamps): a client's clock is corrected by the time the message took to
     * arrive, {@code receivedAt - (sentAt - originalTimestamp)}, where {@code originalTimestamp} is the client's
     * {@code timestamp} if it sent no {@code originalTimestamp}; without {@code sentAt} the client's time stands, and a
     * message with no time at all happened when it was received.
     */
    private Instant occurredAt(String ref, JsonNode m, String batchSentAt, List<Problem> problems) {
        Instant original = time(ref, m, "originalTimestamp", problems);
        Instant timestamp = time(ref, m, "timestamp", problems);
        Instant sentAt = m.hasNonNull("sentAt") ? time(ref, m, "sentAt", problems) : parse(ref, "sentAt", batchSentAt, problems);
        Instant client = original != null ? original : timestamp;
        if (client == null) return receivedAt;
        if (sentAt == null) return client;
        return receivedAt.minus(Duration.between(client, sentAt));
    }

    private static Instant time(String ref, JsonNode m, String field, List<Problem> problems) {
        return parse(ref, field, text(m, field), problems);
    }

    private static Instant parse(String ref, String field, String value, List<Problem> problems) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Problem(ref, field, "'" + value + "' is not an ISO 8601 date-time with an offset, such as 2026-01-02T10:00:00.000Z"));
            return null;
        }
    }

    private void identifier(String ref, String field, String value, List<Identifier> into, List<Problem> problems) {
        if (value == null) return;
        try {
            into.add(new Identifier(source.typeOf(field), value));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(ref, field, "'" + value + "': " + e.getMessage()));
        }
    }

    /** Segment's reserved traits (Segment Spec, Identify: Traits) that say who the person is. */
    private static void traits(String ref, String at, JsonNode t, List<Identifier> into, List<Problem> problems) {
        if (!t.isObject()) return;
        trait(ref, at + "/email", "email", text(t, "email"), into, problems);
        trait(ref, at + "/phone", "phone", text(t, "phone"), into, problems);
        String name = text(t, "name");
        if (name == null && (text(t, "firstName") != null || text(t, "lastName") != null))
            name = String.join(" ", nonNull(text(t, "firstName"), text(t, "lastName")));
        trait(ref, at + "/name", "name", name, into, problems);
        trait(ref, at + "/birthday", "date_of_birth", birthday(text(t, "birthday")), into, problems);
        JsonNode a = t.path("address");
        if (a.isObject()) {
            trait(ref, at + "/address/postalCode", "postcode", text(a, "postalCode"), into, problems);
            String street = text(a, "street"), city = text(a, "city");
            if (street != null) trait(ref, at + "/address/street", "address", String.join(", ", nonNull(street, city)), into, problems);
        }
    }

    private static void trait(String ref, String field, String type, String value, List<Identifier> into, List<Problem> problems) {
        if (value == null) return;
        try {
            Identifier id = new Identifier(type, value);
            if (!into.contains(id)) into.add(id);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(ref, field, "'" + value + "': " + e.getMessage()));
        }
    }

    /** Segment's birthday is an ISO date or date-time; the date is what identifies. */
    private static String birthday(String v) {
        return v == null ? null : v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v;
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) if (v != null) out.add(v);
        return out;
    }

    /**
     * The channel: a screen is seen in an app; otherwise the context's channel (Segment sets browser, mobile or server)
     * or, without it, the library that sent it; a server-side library's events take the source's channel.
     */
    private String channel(String call, JsonNode context) {
        if (call.equals("screen")) return "app";
        if (context == null) return source.channel();
        String channel = context.path("channel").asText("");
        if (channel.equals("browser")) return "web";
        if (channel.equals("mobile")) return "app";
        if (channel.equals("server")) return source.channel();
        String library = context.path("library").path("name").asText("");
        if (library.equals("analytics.js") || library.startsWith("analytics-next")) return "web";
        if (APP_LIBRARIES.contains(library)) return "app";
        return source.channel();
    }

    private String type(String call, JsonNode m) {
        return switch (call) {
            case "track" -> {
                String event = m.get("event").asText();
                String mapped = source.events().get(event);
                yield mapped != null ? mapped : snakeCase(event);
            }
            case "page" -> "page_view";
            case "screen" -> "screen_view";
            default -> call;
        };
    }

    /** "Order Completed" to order_completed: Touchline's form of a type (a-z, 0-9, '_', '.', '-'). */
    static String snakeCase(String event) {
        StringBuilder b = new StringBuilder(event.length());
        for (char c : event.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') b.append(c);
            else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') b.append('_');
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '_') b.setLength(b.length() - 1);
        return b.length() > 64 ? b.substring(0, 64) : b.toString();
    }

    /** The products of the Segment e-commerce spec: {@code products[].product_id} (or sku), or a single {@code product_id}. */
    private static List<String> products(JsonNode p) {
        List<String> out = new ArrayList<>();
        if (p.path("products").isArray())
            for (JsonNode item : p.get("products")) {
                String id = text(item, "product_id") != null ? text(item, "product_id") : text(item, "sku");
                if (id != null) out.add(id);
            }
        else if (text(p, "product_id") != null) out.add(text(p, "product_id"));
        else if (text(p, "sku") != null) out.add(text(p, "sku"));
        return out;
    }

    private ReceivedEvent refused(String ref, JsonNode m, List<Problem> problems) {
        return new ReceivedEvent(new MappedRecord.Rejected(ref, m.toString(), problems), origin(), source.source());
    }

    private String origin() { return "segment:" + source.tokenName(); }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) return null;
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** The message without its sentAt (a retry is sent later), as a content key for messages that carry no messageId. */
    private static String digest(JsonNode m) {
        ObjectNode copy = ((ObjectNode) m).deepCopy();
        copy.remove("sentAt");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
