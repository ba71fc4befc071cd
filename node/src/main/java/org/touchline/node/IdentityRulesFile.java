package org.touchline.node;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.touchline.identity.IdentifierRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the user's identity rules from {@code identity-rules.yaml} (example and documentation:
 * {@code examples/identity-rules.yaml}). Every key is optional; a key left out keeps its default. Strict on purpose:
 * an unknown key is an error, because a misspelt key would silently keep a default.
 * <pre>
 * strong:    { account: 1, email: 5, phone: unlimited }   # replaces the default strong types as a whole
 * weak:      [ ip, device_id, cookie ]                    # documentation; any type not strong is weak
 * priority:  [ account, email, phone ]                    # strong types not named follow in 'strong' order
 * blocklist:
 *   defaults: true                                        # keep the built-in junk list (default true)
 *   values:   { "*": [ "null", unknown ], email: [ test@test.com ] }
 *   patterns: { phone: [ '\d{0,3}(\d)\1{5,}' ] }
 * </pre>
 */
public final class IdentityRulesFile {
    public static final String FILE_NAME = "identity-rules.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private IdentityRulesFile() {}

    /** The rules in {@code dataDir/identity-rules.yaml}, or the defaults if there is no such file. */
    public static IdentifierRules loadFrom(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) return IdentifierRules.defaults();
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses rules; throws {@link IllegalArgumentException} naming the file and the key that is wrong. */
    public static IdentifierRules parse(String name, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw error(name, "(yaml)", "is not valid YAML" + (at == null ? "" : " at line " + at.getLineNr()) + ": " + e.getOriginalMessage());
        }
        IdentifierRules.Builder b = IdentifierRules.builder();
        if (root == null || root.isMissingNode() || root.isNull()) return b.build(); // an empty file: all defaults
        if (!root.isObject()) throw error(name, "(document)", "must be a mapping with keys strong, weak, priority, blocklist");
        onlyKeys(name, root, "", Set.of("strong", "weak", "priority", "blocklist"));
        try {
            JsonNode strong = root.get("strong");
            if (strong != null) {
                if (!strong.isObject() || strong.isEmpty())
                    throw error(name, "strong", "must map each strong type to its limit, e.g. { account: 1, email: 5 }");
                for (Iterator<Map.Entry<String, JsonNode>> it = strong.fields(); it.hasNext(); ) {
                    var e = it.next();
                    b.strong(e.getKey(), limit(name, "strong." + e.getKey(), e.getValue()));
                }
            }
            JsonNode weak = root.get("weak");
            if (weak != null) b.weak(texts(name, "weak", weak).toArray(String[]::new));
            JsonNode priority = root.get("priority");
            if (priority != null) b.priority(texts(name, "priority", priority));
            JsonNode block = root.get("blocklist");
            if (block != null) {
                if (!block.isObject()) throw error(name, "blocklist", "must be a mapping with keys defaults, values, patterns");
                onlyKeys(name, block, "blocklist.", Set.of("defaults", "values", "patterns"));
                JsonNode defaults = block.get("defaults");
                if (defaults != null) {
                    if (!defaults.isBoolean()) throw error(name, "blocklist.defaults", "must be true or false");
                    if (!defaults.booleanValue()) b.withoutDefaultBlocklist();
                }
                JsonNode values = block.get("values");
                if (values != null) {
                    if (!values.isObject()) throw error(name, "blocklist.values", "must map a type (or \"*\" for every type) to a list of values");
                    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                        var e = it.next();
                        b.block(e.getKey(), texts(name, "blocklist.values." + e.getKey(), e.getValue()).toArray(String[]::new));
                    }
                }
                JsonNode patterns = block.get("patterns");
                if (patterns != null) {
                    if (!patterns.isObject()) throw error(name, "blocklist.patterns", "must map a type (or \"*\") to a list of regular expressions");
                    for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext(); ) {
                        var e = it.next();
                        for (String regex : texts(name, "blocklist.patterns." + e.getKey(), e.getValue())) {
                            try {
                                b.blockPattern(e.getKey(), regex);
                            } catch (PatternSyntaxException ex) {
                                throw error(name, "blocklist.patterns." + e.getKey(), "'" + regex + "' is not a valid regular expression: " + ex.getDescription());
                            }
                        }
                    }
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name + ": ")) throw e;
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static int limit(String name, String key, JsonNode v) {
        if (v.isTextual() && v.asText().equals("unlimited")) return IdentifierRules.UNLIMITED;
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE)
            throw error(name, key, "must be a whole number of at least 1, or 'unlimited'");
        return v.asInt();
    }

    private static List<String> texts(String name, String key, JsonNode v) {
        if (!v.isArray()) throw error(name, key, "must be a list");
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            // YAML reads a bare null as null and 0000 as a number: both are junk a user means to list, keep their text.
            if (item.isNull()) out.add("null");
            else if (item.isValueNode()) out.add(item.asText());
            else throw error(name, key, "must list plain values");
        }
        return out;
    }

    private static void onlyKeys(String name, JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k))
                throw error(name, prefix + k, "is not a known key (expected one of " + new TreeSet<>(allowed) + ")");
        }
    }

    private static IllegalArgumentException error(String name, String key, String message) {
        return new IllegalArgumentException(name + ": " + key + " " + message);
    }
}
