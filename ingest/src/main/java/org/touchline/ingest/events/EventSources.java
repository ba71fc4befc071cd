package org.touchline.ingest.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.touchline.domain.Channel;
import org.touchline.domain.IdentifierType;
import org.touchline.ingest.MappingException;
import org.touchline.ingest.SourceFormat;
import org.touchline.ingest.SourceMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where standard events come from and how each becomes Interaction v1 records, read from {@code events.yaml} in the
 * node's data directory (docs/events.md): the Segment sources by the name of the access token that is their write
 * key, a source mapping per CloudEvents {@code type}, and the webhook sources with their mapping, secret and signature
 * scheme. Checked completely when read: a mistake names the file, the key and the reason. No file: no Segment source is
 * configured (a write key's token name is then its source), no CloudEvents type and no webhook is accepted.
 */
public record EventSources(Map<String, SegmentSource> segment, Map<String, Path> cloudEventTypes, Map<String, SourceMapping> cloudEventMappings,
                           Map<String, WebhookSource> webhooks) {
    public static final String FILE = "events.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    public EventSources {
        segment = Map.copyOf(segment);
        cloudEventTypes = Map.copyOf(cloudEventTypes);
        cloudEventMappings = Map.copyOf(cloudEventMappings);
        webhooks = Map.copyOf(webhooks);
    }

    public static final EventSources NONE = new EventSources(Map.of(), Map.of(), Map.of(), Map.of());

    /** The Segment source of a write key's token name: as configured, or by default the token's name as the source. */
    public SegmentSource segmentSource(String tokenName) {
        return segment.getOrDefault(tokenName, SegmentSource.named(tokenName));
    }

    public Optional<WebhookSource> webhook(String name) { return Optional.ofNullable(webhooks.get(name)); }

    /** {@code events.yaml} in {@code dataDir}, or {@link #NONE} when there is none; secrets named by environment variable from {@code env}. */
    public static EventSources in(Path dataDir, Function<String, String> env) throws MappingException {
        Path file = dataDir.resolve(FILE);
        return Files.exists(file) ? load(file, env) : NONE;
    }

    public static EventSources load(Path file, Function<String, String> env) throws MappingException {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(file.toString(), "(file)", "cannot be read: " + e);
        }
        return new Reader(file, env).read(yaml);
    }

    /** Reads the file, naming file, key and reason for every mistake. */
    private static final class Reader {
        final Path file;
        final Function<String, String> env;

        Reader(Path file, Function<String, String> env) {
            this.file = file;
            this.env = env;
        }

        EventSources read(String yaml) throws MappingException {
            JsonNode root;
            try {
                root = YAML.readTree(yaml);
            } catch (JsonProcessingException e) {
                throw error("(yaml)", "is not valid YAML: " + e.getOriginalMessage());
            }
            if (root == null || root.isMissingNode() || root.isNull()) return NONE;
            if (!root.isObject()) throw error("(document)", "must be a YAML mapping with keys segment, cloudevents, webhooks");
            onlyKeys(root, "", Set.of("segment", "cloudevents", "webhooks"));
            Map<String, SegmentSource> segment = new LinkedHashMap<>();
            for (var e : entries(root.path("segment"), "segment")) segment.put(e.getKey(), segmentSource(e.getKey(), e.getValue()));
            Map<String, Path> types = new LinkedHashMap<>();
            Map<String, SourceMapping> mappings = new LinkedHashMap<>();
            for (var e : entries(root.path("cloudevents"), "cloudevents")) {
                String key = "cloudevents." + e.getKey();
                if (!e.getValue().isTextual()) throw error(key, "must be the path of a source mapping (format: jsonl)");
                Path mappingFile = resolve(e.getValue().asText());
                types.put(e.getKey(), mappingFile);
                mappings.put(e.getKey(), jsonMapping(mappingFile, key));
            }
            Map<String, WebhookSource> webhooks = new LinkedHashMap<>();
            for (var e : entries(root.path("webhooks"), "webhooks")) webhooks.put(e.getKey(), webhook(e.getKey(), e.getValue()));
            return new EventSources(segment, types, mappings, webhooks);
        }

        SegmentSource segmentSource(String name, JsonNode n) throws MappingException {
            String key = "segment." + name;
            if (!n.isObject()) throw error(key, "must be a mapping with keys source, channel, identifiers, events");
            onlyKeys(n, key, Set.of("source", "channel", "identifiers", "events"));
            SegmentSource d = SegmentSource.named(name);
            String source = text(n, "source", key, d.source());
            String channel = text(n, "channel", key, d.channel());
            if (!Channel.isKnown(channel)) throw error(key + ".channel", "'" + channel + "' is not a Touchline channel " + Channel.ALL);
            Map<String, String> ids = new LinkedHashMap<>(d.identifierTypes());
            JsonNode idn = n.path("identifiers");
            if (!idn.isMissingNode()) {
                onlyKeys(idn, key + ".identifiers", SegmentSource.ID_FIELDS);
                for (var e : fields(idn)) {
                    String type = e.getValue().asText();
                    if (!IdentifierType.isKnown(type))
                        throw error(key + ".identifiers." + e.getKey(), "'" + type + "' is not an identifier type " + new TreeSet<>(IdentifierType.KNOWN));
                    ids.put(e.getKey(), type);
                }
            }
            Map<String, String> events = new LinkedHashMap<>();
            for (var e : fields(n.path("events"))) events.put(e.getKey(), e.getValue().asText());
            try {
                return new SegmentSource(name, source, channel, ids, events);
            } catch (IllegalArgumentException ex) {
                throw error(key, ex.getMessage());
            }
        }

        WebhookSource webhook(String name, JsonNode n) throws MappingException {
            String key = "webhooks." + name;
            if (!WebhookSource.NAME.matcher(name).matches()) throw error(key, "a webhook source's name must be 1-64 characters of a-z, 0-9, '_', '.', '-' (it is the last step of its URL)");
            if (!n.isObject()) throw error(key, "must be a mapping with keys mapping, secret or secretEnv, signature, acknowledge");
            onlyKeys(n, key, Set.of("mapping", "secret", "secretEnv", "signature", "acknowledge"));
            String mapping = text(n, "mapping", key, null);
            if (mapping == null) throw error(key + ".mapping", "is missing: the source mapping (format: jsonl) its payloads are read with");
            Path mappingFile = resolve(mapping);
            SourceMapping m = jsonMapping(mappingFile, key + ".mapping");
            Signature signature = signature(n.path("signature"), key + ".signature");
            String secret = text(n, "secret", key, null), secretEnv = text(n, "secretEnv", key, null);
            if ((secret == null) == (secretEnv == null))
                throw error(key, "give the HMAC secret as secret or (better) secretEnv, the environment variable holding it: exactly one of them");
            if (secretEnv != null) {
                secret = env.apply(secretEnv);
                if (secret == null || secret.isBlank()) throw error(key + ".secretEnv", "the environment variable " + secretEnv + " is not set");
            }
            String ack = text(n, "acknowledge", key, "ledger");
            if (!ack.equals("ledger") && !ack.equals("intake"))
                throw error(key + ".acknowledge", "'" + ack + "' must be ledger (answer once the event is in the ledger, the default) or intake (once it is durably queued)");
            return new WebhookSource(name, mappingFile, m, signature, secretBytes(signature, secret, key),
                    ack.equals("intake") ? WebhookSource.Acknowledge.INTAKE : WebhookSource.Acknowledge.LEDGER);
        }

        /** Standard Webhooks secrets are {@code whsec_} and base64 of the key (Standard Webhooks, "Signature scheme"). */
        byte[] secretBytes(Signature s, String secret, String key) throws MappingException {
            if (s.name().equals("standard-webhooks") && secret.startsWith("whsec_")) {
                try {
                    return Base64.getDecoder().decode(secret.substring(6));
                } catch (IllegalArgumentException e) {
                    throw error(key + ".secret", "a whsec_ secret must be base64 after its prefix");
                }
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        }

        Signature signature(JsonNode n, String key) throws MappingException {
            if (n.isMissingNode()) throw error(key, "is missing: one of " + Signature.PRESETS.keySet() + ", or a mapping with header, encoding, prefix, timestampHeader, idHeader, signed, tolerance");
            if (n.isTextual()) {
                Signature s = Signature.PRESETS.get(n.asText());
                if (s == null) throw error(key, "'" + n.asText() + "' is not a known scheme " + Signature.PRESETS.keySet() + "; or give header, encoding, signed...");
                return s;
            }
            onlyKeys(n, key, Set.of("header", "encoding", "prefix", "timestampHeader", "idHeader", "signed", "tolerance"));
            String header = text(n, "header", key, null);
            if (header == null) throw error(key + ".header", "is missing: the header that carries the signature");
            String encoding = text(n, "encoding", key, "hex");
            if (!encoding.equals("hex") && !encoding.equals("base64")) throw error(key + ".encoding", "'" + encoding + "' must be hex or base64");
            String signed = text(n, "signed", key, "{body}");
            if (!signed.contains("{body}")) throw error(key + ".signed", "must contain {body}: a signature that does not cover the body proves nothing about it");
            String tsHeader = text(n, "timestampHeader", key, null), idHeader = text(n, "idHeader", key, null);
            if (signed.contains("{timestamp}") && tsHeader == null) throw error(key + ".timestampHeader", "is missing: signed names {timestamp}");
            if (signed.contains("{id}") && idHeader == null) throw error(key + ".idHeader", "is missing: signed names {id}");
            Duration tolerance;
            try {
                tolerance = Duration.parse("PT" + text(n, "tolerance", key, "300s").toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw error(key + ".tolerance", "must be a duration such as 300s or 5m");
            }
            return new Signature("custom", header, encoding.equals("base64"), text(n, "prefix", key, ""), tsHeader, idHeader, signed, tolerance);
        }

        SourceMapping jsonMapping(Path mappingFile, String key) throws MappingException {
            SourceMapping m = SourceMapping.load(mappingFile);
            if (m.format() != SourceFormat.JSONL) throw error(key, mappingFile + " is a " + m.format() + " mapping; events are JSON objects: format: jsonl");
            return m;
        }

        Path resolve(String path) {
            Path p = Path.of(path);
            return (p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p)).normalize();
        }

        Iterable<Map.Entry<String, JsonNode>> entries(JsonNode n, String key) throws MappingException {
            if (n.isMissingNode() || n.isNull()) return List.of();
            if (!n.isObject()) throw error(key, "must be a mapping of names to their settings");
            return fields(n);
        }

        static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n) {
            return n::fields;
        }

        String text(JsonNode n, String name, String key, String otherwise) throws MappingException {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) return otherwise;
            if (!v.isValueNode() || v.asText().isBlank()) throw error(key + "." + name, "must be a non-empty text");
            return v.asText();
        }

        void onlyKeys(JsonNode n, String key, Set<String> allowed) throws MappingException {
            if (!n.isObject()) throw error(key, "must be a mapping with keys " + new TreeSet<>(allowed));
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) throw error(key.isEmpty() ? k : key + "." + k, "is not a key here; expected one of " + new TreeSet<>(allowed));
            }
        }

        MappingException error(String key, String reason) { return new MappingException(file.toString(), key, reason); }
    }
}
