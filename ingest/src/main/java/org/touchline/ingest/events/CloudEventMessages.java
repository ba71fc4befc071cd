package org.touchline.ingest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import org.touchline.domain.Problem;
import org.touchline.ingest.MappedJson;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.SourceMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * CloudEvents 1.0 over HTTP (HTTP Protocol Binding 1.0): structured mode ({@code application/cloudevents+json}, JSON Event
 * Format 1.0), batched mode ({@code application/cloudevents-batch+json}) and binary mode (the attributes in {@code ce-*}
 * headers, the body the data), read with the CloudEvents Java SDK. Each event is mapped by the source mapping its
 * {@code type} selects ({@link EventSources}), over one JSON object holding its attributes, extensions and
 * {@code data}: a mapping names {@code /id}, {@code /time}, {@code /subject}, {@code /data/customer/email}...
 */
public final class CloudEventMessages {
    public static final String STRUCTURED = "application/cloudevents+json", BATCH = "application/cloudevents-batch+json";
    /** The required attributes (CloudEvents 1.0, "Required Attributes"), as binary mode's headers name them. */
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    private static final SchemaCheck SCHEMA = SchemaCheck.load("cloudevent.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    private final Map<String, SourceMapping> mappings;
    private final Map<String, Path> mappingFiles;
    private final Map<String, MappedJson> mappers = new HashMap<>();
    private final Instant now;

    public CloudEventMessages(EventSources sources, Instant now) {
        this.mappings = sources.cloudEventMappings();
        this.mappingFiles = sources.cloudEventTypes();
        this.now = now;
    }

    /** Whether a request's content type is a CloudEvents structured or batched one (else it is binary mode). */
    public static boolean structured(String contentType) { return mediaType(contentType).equals(STRUCTURED); }

    public static boolean batched(String contentType) { return mediaType(contentType).equals(BATCH); }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** One event in structured mode. */
    public ReceivedEvent structured(byte[] body) {
        JsonNode n = parse(body);
        return event("event", n);
    }

    /** A batch: a JSON array of structured events, each mapped (or refused) on its own. */
    public List<ReceivedEvent> batch(byte[] body) {
        JsonNode n = parse(body);
        if (!n.isArray()) throw new BadEventRequest("a " + BATCH + " body must be a JSON array of events");
        if (n.size() > SegmentMessages.MAX_BATCH) throw new BadEventRequest("the batch holds " + n.size() + " events; at most " + SegmentMessages.MAX_BATCH + " a request");
        List<ReceivedEvent> out = new ArrayList<>(n.size());
        for (int k = 0; k < n.size(); k++) out.add(event("batch[" + k + "]", n.get(k)));
        return out;
    }

    /** One event in binary mode: {@code headers} (names in any case) carry the attributes, the body is its data. */
    public ReceivedEvent binary(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        String ref = lower.containsKey("ce-id") ? "event " + lower.get("ce-id") : "event";
        List<Problem> problems = new ArrayList<>();
        for (String a : REQUIRED)
            if (lower.getOrDefault("ce-" + a, "").isBlank()) problems.add(new Problem(ref, "ce-" + a, "is missing: a CloudEvent in binary mode carries its " + a + " in this header"));
        if (problems.isEmpty() && !lower.get("ce-specversion").equals("1.0"))
            problems.add(new Problem(ref, "ce-specversion", "is '" + lower.get("ce-specversion") + "'; this endpoint reads CloudEvents 1.0"));
        ObjectNode raw = JSON.createObjectNode();
        lower.forEach((k, v) -> { if (k.startsWith("ce-")) raw.put(k.substring(3), v); });
        raw.put("data", new String(body, StandardCharsets.UTF_8));
        if (!problems.isEmpty()) return new ReceivedEvent(new MappedRecord.Rejected(ref, raw.toString(), problems), "cloudevents", null);
        CloudEvent e;
        try {
            e = HttpMessageFactory.createReader(lower, body).toEvent();
        } catch (RuntimeException ex) {
            return new ReceivedEvent(new MappedRecord.Rejected(ref, raw.toString(), List.of(new Problem(ref, "(headers)", "is not a CloudEvent: " + ex.getMessage()))), "cloudevents", null);
        }
        return mapped(ref, e);
    }

    private ReceivedEvent event(String ref, JsonNode n) {
        String raw = n.toString();
        if (n.isObject() && n.path("id").isTextual() && ref.equals("event")) ref = "event " + n.get("id").asText();
        List<Problem> problems = SCHEMA.check(ref, "", n);
        if (!problems.isEmpty()) return new ReceivedEvent(new MappedRecord.Rejected(ref, raw, problems), "cloudevents", null);
        CloudEvent e;
        try {
            e = JSON.treeToValue(n, CloudEvent.class);
        } catch (JsonProcessingException | RuntimeException ex) {
            return new ReceivedEvent(new MappedRecord.Rejected(ref, raw, List.of(new Problem(ref, "(event)", "is not a CloudEvent: " + ex.getMessage()))), "cloudevents", null);
        }
        return mapped(ref, e);
    }

    /** The event through the mapping its type selects, over its attributes, extensions and data as one object. */
    private ReceivedEvent mapped(String ref, CloudEvent e) {
        ObjectNode object = object(e);
        SourceMapping m = mappings.get(e.getType());
        if (m == null)
            return new ReceivedEvent(new MappedRecord.Rejected(ref, object.toString(), List.of(new Problem(ref, "type", "'" + e.getType()
                    + "' has no source mapping; " + EventSources.FILE + " maps " + new TreeSet<>(mappings.keySet())))), "cloudevents", null);
        MappedJson mapper = mappers.computeIfAbsent(e.getType(), t -> new MappedJson(m, now));
        MappedRecord r = mapper.map(ref, object, object::toString);
        return ReceivedEvent.mapped(r, mappingFiles.get(e.getType()), m.source());
    }

    private static ObjectNode object(CloudEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("specversion", e.getSpecVersion().toString()).put("id", e.getId()).put("source", e.getSource().toString()).put("type", e.getType());
        if (e.getDataContentType() != null) o.put("datacontenttype", e.getDataContentType());
        if (e.getDataSchema() != null) o.put("dataschema", e.getDataSchema().toString());
        if (e.getSubject() != null) o.put("subject", e.getSubject());
        if (e.getTime() != null) o.put("time", e.getTime().toString());
        for (String x : e.getExtensionNames()) o.put(x, String.valueOf(e.getExtension(x)));
        CloudEventData data = e.getData();
        if (data instanceof JsonCloudEventData j) o.set("data", j.getNode());
        else if (data != null) {
            byte[] bytes = data.toBytes();
            JsonNode parsed = isJson(e.getDataContentType()) ? tryParse(bytes) : null;
            if (parsed != null) o.set("data", parsed);
            else o.put("data", new String(bytes, StandardCharsets.UTF_8));
        }
        return o;
    }

    /** JSON data: no content type (JSON Event Format 1.0 §3.1), application/json, or a +json suffix. */
    private static boolean isJson(String contentType) {
        String t = mediaType(contentType);
        return t.isEmpty() || t.equals("application/json") || t.endsWith("+json") || t.equals("text/json");
    }

    private static JsonNode tryParse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException ex) {
            return null;
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null) throw new BadEventRequest("the body is empty");
            return n;
        } catch (JsonProcessingException e) {
            throw new BadEventRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadEventRequest("the body cannot be read: " + e.getMessage());
        }
    }
}
