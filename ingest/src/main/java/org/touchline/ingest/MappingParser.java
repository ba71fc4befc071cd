package org.touchline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.touchline.domain.Channel;
import org.touchline.domain.IdentifierType;
import org.touchline.domain.PartyRole;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a source mapping from YAML and checks all of it before any record is read. It is strict on purpose: an unknown
 * key is an error, because a misspelt key would otherwise drop a field's data without a word.
 */
final class MappingParser {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    /** The form Interaction v1 requires of source and type names (see InteractionValidator). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private static final Set<String> ROOT_KEYS = Set.of("source", "format", "csv", "xml", "recordId", "occurredAt", "channel",
            "type", "identifiers", "parties", "agentId", "products", "text", "rating", "stages");

    private final String file;
    private SourceFormat format;
    private SourceMapping.Csv csv;

    MappingParser(String file) { this.file = file; }

    SourceMapping parse(String yaml) throws MappingException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw error("(yaml)", "is not valid YAML" + (at == null ? "" : " at line " + at.getLineNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || !root.isObject())
            throw error("(document)", "must be a YAML mapping with keys such as source, format, recordId, occurredAt, channel, type, identifiers");
        onlyKeys(root, "", ROOT_KEYS);

        String source = requiredText(root, "source");
        if (!NAME.matcher(source).matches())
            throw error("source", "'" + source + "' must be 1-64 characters of a-z, 0-9, '_', '.', '-' (it becomes Interaction.source)");
        format = format(requiredText(root, "format"));
        csv = csv(root.get("csv"));
        String xmlRecord = xml(root.get("xml"));

        String recordId = field(root, "recordId", true);
        SourceMapping.Timestamp occurredAt = occurredAt(root.get("occurredAt"));
        SourceMapping.ValueRule channel = valueRule(root.get("channel"), "channel", true);
        SourceMapping.ValueRule type = valueRule(root.get("type"), "type", false);
        List<SourceMapping.IdentifierField> identifiers = identifiers(root.get("identifiers"), "identifiers");
        List<SourceMapping.Party> parties = parties(root.get("parties"));
        // An external source (outages, storm warnings, recalls) names areas, products or accounts, not people.
        boolean external = "external".equals(channel.value());
        if (identifiers.isEmpty() && parties.isEmpty() && !external)
            throw error("identifiers", "is missing: name at least one identifier field, or every record is refused as nobody's");
        String agentId = field(root, "agentId", false);
        SourceMapping.Products products = products(root.get("products"));
        String text = field(root, "text", false);
        String rating = field(root, "rating", false);
        Map<String, String> stages = stages(root.get("stages"));
        return new SourceMapping(file, source, format, csv, xmlRecord, recordId, occurredAt, channel, type, identifiers, parties,
                agentId, products, text, rating, stages);
    }

    private SourceFormat format(String f) throws MappingException {
        return switch (f.toLowerCase(Locale.ROOT)) {
            case "csv" -> SourceFormat.CSV;
            case "jsonl", "ndjson" -> SourceFormat.JSONL;
            case "xml" -> SourceFormat.XML;
            default -> throw error("format", "'" + f + "' is not a format; expected csv, jsonl or xml");
        };
    }

    private SourceMapping.Csv csv(JsonNode n) throws MappingException {
        if (n == null) return format == SourceFormat.CSV ? SourceMapping.Csv.DEFAULT : null;
        if (format != SourceFormat.CSV) throw error("csv", "only applies to format csv, and this mapping's format is " + lower(format));
        object(n, "csv");
        onlyKeys(n, "csv", Set.of("delimiter", "header"));
        char delimiter = ',';
        String d = optionalText(n, "delimiter", "csv.delimiter");
        if (d != null) {
            if (d.length() != 1) throw error("csv.delimiter", "'" + d + "' must be exactly one character, e.g. \",\", \";\" or \"\\t\"");
            delimiter = d.charAt(0);
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
                throw error("csv.delimiter", "cannot be a quote or a line break");
        }
        boolean header = true;
        JsonNode h = n.get("header");
        if (h != null) {
            if (!h.isBoolean()) throw error("csv.header", "must be true or false");
            header = h.booleanValue();
        }
        return new SourceMapping.Csv(delimiter, header);
    }

    private String xml(JsonNode n) throws MappingException {
        if (n == null) {
            if (format == SourceFormat.XML) throw error("xml", "is missing: an xml mapping needs xml: { record: <element name of one record> }");
            return null;
        }
        if (format != SourceFormat.XML) throw error("xml", "only applies to format xml, and this mapping's format is " + lower(format));
        object(n, "xml");
        onlyKeys(n, "xml", Set.of("record"));
        String record = requiredText(n, "record", "xml.record");
        if (!XML_NAME.matcher(record).matches())
            throw error("xml.record", "'" + record + "' is not an element name (namespace prefixes are not used: give the local name)");
        return record;
    }

    private SourceMapping.Timestamp occurredAt(JsonNode n) throws MappingException {
        if (n == null) throw error("occurredAt", "is missing: name the field that holds when the interaction happened, e.g. occurredAt: { field: started }");
        object(n, "occurredAt");
        onlyKeys(n, "occurredAt", Set.of("field", "format", "zone"));
        String field = field(n, "field", "occurredAt.field", true);
        String format = optionalText(n, "format", "occurredAt.format");
        if (format == null) format = TimestampParser.ISO;
        String zoneText = optionalText(n, "zone", "occurredAt.zone");
        ZoneId zone = ZoneOffset.UTC;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw error("occurredAt.zone", "'" + zoneText + "' is not a time zone id such as Europe/London or UTC: " + e.getMessage());
            }
        }
        try {
            TimestampParser.compile(format, zone);
        } catch (IllegalArgumentException e) {
            throw error("occurredAt.format", "'" + format + "' is not a valid date pattern (or iso, epoch_millis, epoch_seconds): " + e.getMessage());
        }
        return new SourceMapping.Timestamp(field, format, zone);
    }

    /** A channel or type: { value: x } or { field: f, map: {...}, default: d }. */
    private SourceMapping.ValueRule valueRule(JsonNode n, String key, boolean isChannel) throws MappingException {
        if (n == null) throw error(key, "is missing: give { value: ... } or { field: ..., map: {...}, default: ... }");
        object(n, key);
        onlyKeys(n, key, Set.of("value", "field", "map", "default"));
        String value = optionalText(n, "value", key + ".value");
        String field = n.has("field") ? field(n, "field", key + ".field", true) : null;
        if ((value == null) == (field == null)) throw error(key, "give exactly one of value (fixed) or field (read from each record)");
        if (value != null && (n.has("map") || n.has("default")))
            throw error(key, "a fixed value takes no map or default");
        if (value != null) checkTarget(key + ".value", value, isChannel);
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode m = n.get("map");
        if (m != null) {
            object(m, key + ".map");
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                var e = it.next();
                String to = scalar(e.getValue(), key + ".map." + e.getKey());
                checkTarget(key + ".map." + e.getKey(), to, isChannel);
                map.put(e.getKey(), to);
            }
        }
        String defaultValue = optionalText(n, "default", key + ".default");
        if (defaultValue != null) checkTarget(key + ".default", defaultValue, isChannel);
        return new SourceMapping.ValueRule(value, field, map, defaultValue);
    }

    private void checkTarget(String key, String value, boolean isChannel) throws MappingException {
        if (isChannel && !Channel.isKnown(value))
            throw error(key, "'" + value + "' is not a Touchline channel; expected one of " + Channel.ALL);
        if (!isChannel && !NAME.matcher(value).matches())
            throw error(key, "'" + value + "' is not a Touchline type name: 1-64 characters of a-z, 0-9, '_', '.', '-'");
    }

    private List<SourceMapping.IdentifierField> identifiers(JsonNode n, String key) throws MappingException {
        List<SourceMapping.IdentifierField> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) throw error(key, "must be a list of { type: ..., field: ... }");
        for (int k = 0; k < n.size(); k++) {
            String at = key + "[" + k + "]";
            JsonNode id = n.get(k);
            object(id, at);
            onlyKeys(id, at, Set.of("type", "field"));
            String type = requiredText(id, "type", at + ".type");
            if (!IdentifierType.isKnown(type))
                throw error(at + ".type", "'" + type + "' is not an identifier type; expected one of " + new TreeSet<>(IdentifierType.KNOWN));
            out.add(new SourceMapping.IdentifierField(type, field(id, "field", at + ".field", true)));
        }
        return out;
    }

    private List<SourceMapping.Party> parties(JsonNode n) throws MappingException {
        List<SourceMapping.Party> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) throw error("parties", "must be a list of { role: ..., identifiers: [...] }");
        for (int k = 0; k < n.size(); k++) {
            String at = "parties[" + k + "]";
            JsonNode p = n.get(k);
            object(p, at);
            onlyKeys(p, at, Set.of("role", "identifiers"));
            String role = requiredText(p, "role", at + ".role");
            if (!PartyRole.ROLES.contains(role))
                throw error(at + ".role", "'" + role + "' is not a party role; expected one of " + PartyRole.ROLES);
            List<SourceMapping.IdentifierField> ids = identifiers(p.get("identifiers"), at + ".identifiers");
            if (ids.isEmpty()) throw error(at + ".identifiers", "is missing: a party needs at least one identifier field");
            out.add(new SourceMapping.Party(role, ids));
        }
        return out;
    }

    private SourceMapping.Products products(JsonNode n) throws MappingException {
        if (n == null) return null;
        object(n, "products");
        onlyKeys(n, "products", Set.of("field", "separator"));
        String field = field(n, "field", "products.field", true);
        String separator = optionalText(n, "separator", "products.separator");
        if (separator != null && separator.isEmpty()) throw error("products.separator", "cannot be empty");
        return new SourceMapping.Products(field, separator);
    }

    private Map<String, String> stages(JsonNode n) throws MappingException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) return out;
        object(n, "stages");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String stage = scalar(e.getValue(), "stages." + e.getKey());
            if (stage.isBlank()) throw error("stages." + e.getKey(), "is empty: name a journey stage");
            out.put(e.getKey(), stage);
        }
        return out;
    }

    // ---- field references -------------------------------------------------------------------------------------

    private String field(JsonNode parent, String key, boolean required) throws MappingException {
        return field(parent, key, key, required);
    }

    /** A field reference, checked for the mapping's format so a bad one fails now rather than on every record. */
    private String field(JsonNode parent, String key, String at, boolean required) throws MappingException {
        String f = required ? requiredText(parent, key, at) : optionalText(parent, key, at);
        if (f == null) return null;
        switch (format) {
            case CSV -> {
                if (!csv.header() && !f.matches("[1-9][0-9]{0,4}"))
                    throw error(at, "'" + f + "' must be a column number (1 is the first column) because csv.header is false");
            }
            case JSONL -> {
                if (f.startsWith("/")) {
                    try {
                        JsonPointer.compile(f);
                    } catch (IllegalArgumentException e) {
                        throw error(at, "'" + f + "' is not a JSON pointer: " + e.getMessage());
                    }
                }
            }
            case XML -> checkXmlPath(at, f);
        }
        return f;
    }

    private void checkXmlPath(String at, String path) throws MappingException {
        String[] steps = path.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean attribute = step.startsWith("@");
            if (attribute && i != steps.length - 1)
                throw error(at, "'" + path + "': an attribute (@name) can only be the last step of a path");
            if (!XML_NAME.matcher(attribute ? step.substring(1) : step).matches())
                throw error(at, "'" + path + "' is not a path such as customer/email, @id or customer/@id relative to the record element"
                        + (step.contains(":") ? " (namespace prefixes are not used: give local names)" : ""));
        }
    }

    // ---- YAML shapes --------------------------------------------------------------------------------------------

    private void onlyKeys(JsonNode n, String at, Set<String> allowed) throws MappingException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.isBlank())   // `: value` or `"": value` — there is no key name to show, so say where it is
                throw error(at.isEmpty() ? "(top level)" : at, "has an empty key; expected one of " + new TreeSet<>(allowed));
            if (!allowed.contains(k))
                throw error(at.isEmpty() ? k : at + "." + k, "is not a mapping key here; expected one of " + new TreeSet<>(allowed));
        }
    }

    private void object(JsonNode n, String at) throws MappingException {
        if (!n.isObject()) throw error(at, "must be a mapping of keys (e.g. { field: ... }), got " + describe(n));
    }

    private String requiredText(JsonNode parent, String key) throws MappingException {
        return requiredText(parent, key, key);
    }

    private String requiredText(JsonNode parent, String key, String at) throws MappingException {
        String v = optionalText(parent, key, at);
        if (v == null || v.isBlank()) throw error(at, "is missing");
        return v;
    }

    private String optionalText(JsonNode parent, String key, String at) throws MappingException {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) return null;
        return scalar(v, at);
    }

    /** Text or a number (YAML reads 7 as a number, but a column number or code is text to us). */
    private String scalar(JsonNode v, String at) throws MappingException {
        if (v.isTextual() || v.isNumber()) return v.asText();
        throw error(at, "must be a text value, got " + describe(v));
    }

    private static String describe(JsonNode n) {
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isBoolean()) return "true/false";
        if (n.isNull()) return "nothing";
        return "'" + n.asText() + "'";
    }

    private static String lower(SourceFormat f) { return f.name().toLowerCase(Locale.ROOT); }

    private MappingException error(String key, String reason) { return new MappingException(file, key, reason); }
}
