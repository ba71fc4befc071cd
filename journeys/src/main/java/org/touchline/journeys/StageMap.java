package org.touchline.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places each interaction in a journey stage from its channel, type and source: ordered rules, the first that matches
 * wins, else the default stage. A rule names any of {@code channel}, {@code type} and {@code source} (exact, or
 * {@code *} for any; a missing field is any) and the {@code stage}. The shipped defaults
 * ({@code org/touchline/journeys/journey-stages.yaml}) cover every channel and type the demo company emits.
 * <pre>
 * default: support
 * rules:
 *   - { channel: store, type: purchase, stage: decision }
 *   - { type: page_view, stage: interest }
 * </pre>
 */
public final class StageMap {
    /** One rule; a null field matches anything. */
    public record Rule(String channel, String type, String source, Stage stage) {
        public Rule {
            if (stage == null) throw new IllegalArgumentException("a stage rule needs a stage");
        }

        boolean matches(String channel, String type, String source) {
            return (this.channel == null || this.channel.equals(channel)) && (this.type == null || this.type.equals(type))
                    && (this.source == null || this.source.equals(source));
        }
    }

    private static final Set<String> RULE_FIELDS = Set.of("channel", "type", "source", "stage");
    private static final String DEFAULTS = "journey-stages.yaml";

    private final List<Rule> rules;
    private final Stage fallback;

    public StageMap(List<Rule> rules, Stage fallback) {
        if (fallback == null) throw new IllegalArgumentException("a stage map needs a default stage");
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    public List<Rule> rules() { return rules; }

    public Stage fallback() { return fallback; }

    /** The stage of an interaction: the first matching rule's, else the default. */
    public Stage stageOf(String channel, String type, String source) {
        for (Rule r : rules) if (r.matches(channel, type, source)) return r.stage();
        return fallback;
    }

    /** The shipped defaults. */
    public static StageMap defaults() {
        try (InputStream in = StageMap.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) throw new IllegalStateException("resource org/touchline/journeys/" + DEFAULTS + " is missing");
            return load(in, DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a stage map from YAML. A bad file gives an IllegalArgumentException naming the file, the rule number (from
     * 1), the field and the reason.
     */
    public static StageMap load(InputStream yaml, String name) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not readable YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(name + ": expected a mapping with 'default' and 'rules'");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("default") && !f.equals("rules")) throw new IllegalArgumentException(name + ": unknown field '" + f + "' (expected default, rules)");
        }
        JsonNode def = root.get("default");
        if (def == null || !def.isTextual()) throw new IllegalArgumentException(name + ": field 'default': missing, name the stage of interactions no rule matches");
        Stage fallback = stage(def.asText(), name + ": field 'default'");
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray()) throw new IllegalArgumentException(name + ": field 'rules': missing or not a list");
        List<Rule> rules = new ArrayList<>();
        int n = 0;
        for (JsonNode r : list) {
            n++;
            String where = name + ": rule " + n;
            if (!r.isObject()) throw new IllegalArgumentException(where + ": not a mapping");
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!RULE_FIELDS.contains(e.getKey()))
                    throw new IllegalArgumentException(where + ": field '" + e.getKey() + "': unknown (expected channel, type, source, stage)");
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank())
                    throw new IllegalArgumentException(where + ": field '" + e.getKey() + "': must be a non-empty text");
            }
            if (!r.has("stage")) throw new IllegalArgumentException(where + ": field 'stage': missing");
            rules.add(new Rule(pattern(r, "channel"), pattern(r, "type"), pattern(r, "source"),
                    stage(r.get("stage").asText(), where + ": field 'stage'")));
        }
        return new StageMap(rules, fallback);
    }

    private static String pattern(JsonNode rule, String field) {
        JsonNode v = rule.get(field);
        return v == null || v.asText().equals("*") ? null : v.asText().trim();
    }

    private static Stage stage(String id, String where) {
        try {
            return Stage.of(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
