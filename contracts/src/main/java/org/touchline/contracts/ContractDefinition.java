package org.touchline.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.touchline.domain.CanonicalJson;
import org.touchline.domain.Channel;
import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A contract as its author wrote it (contracts/README.md): an id and version, a trigger (which entries), a CEL condition over
 * {@code entry} and {@code customer} ({@link ContractSchema}), typed actions and limits. Read from YAML (or JSON):
 *
 * <pre>
 * id: reward-five-star
 * version: 1
 * description: Thank the agent for a five-star rating.
 * trigger: {kinds: [rating, interaction]}
 * condition: has(entry.rating) &amp;&amp; entry.rating == 5 &amp;&amp; has(entry.agentId)
 * actions:
 *   - award_tokens: {account: agent, amount: 50, reason: five-star rating}
 * limits: {maxCost: 1000}
 * </pre>
 *
 * Its identity is its RFC 8785 canonical JSON ({@link #canonicalJson()}, limits written out in full so the defaults
 * of a later release cannot change a deployed contract) and that JSON's SHA-256 ({@link #sha256()}). Every check
 * fails with a {@link ContractException} naming the contract, the field and the reason; unknown keys are errors.
 * The CEL expressions are only type-checked by {@link ContractCompiler}.
 */
public record ContractDefinition(String id, long version, String description, Trigger trigger, String condition,
                                 List<ActionSpec> actions, Limits limits) {
    public static final int MAX_ACTIONS = 20, MAX_EXPRESSION_LENGTH = 4_000, MAX_TEXT_LENGTH = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final List<String> KEYS = List.of("id", "version", "description", "trigger", "condition", "actions", "limits");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ContractDefinition {
        String c = id;
        if (id == null || !ID.matcher(id).matches()) {
            throw ContractException.field(null, "id", "must be a slug of lower-case letters, digits and '-' (up to 63), got "
                    + (id == null ? "nothing" : "'" + id + "'"));
        }
        if (version < 1 || version > Integer.MAX_VALUE) throw ContractException.field(c, "version", "must be a positive integer, got " + version);
        description = description == null ? "" : description;
        if (description.length() > 1000) throw ContractException.field(c, "description", "longer than 1000 characters");
        if (trigger == null) throw ContractException.field(c, "trigger", "is required");
        if (trigger.kinds().isEmpty()) throw ContractException.field(c, "trigger.kinds", "must name at least one entry kind");
        for (String k : trigger.kinds()) {
            if (!ContractSchema.ENTRY_KINDS.contains(k)) {
                throw ContractException.field(c, "trigger.kinds", "unknown entry kind '" + k + "' (known: " + String.join(", ", ContractSchema.ENTRY_KINDS) + ")");
            }
        }
        for (String ch : trigger.channels()) {
            if (!Channel.isKnown(ch)) throw ContractException.field(c, "trigger.channels", "unknown channel '" + ch + "' (known: " + String.join(", ", Channel.ALL) + ")");
        }
        for (String t : trigger.types()) {
            if (!NAME.matcher(t).matches()) throw ContractException.field(c, "trigger.types", "'" + t + "' is not a type name (lower-case letters, digits, '_', '-', '.')");
        }
        if (condition == null || condition.isBlank()) throw ContractException.field(c, "condition", "is required: a CEL expression of type bool");
        if (condition.length() > MAX_EXPRESSION_LENGTH) throw ContractException.field(c, "condition", "longer than " + MAX_EXPRESSION_LENGTH + " characters");
        if (actions == null || actions.isEmpty()) throw ContractException.field(c, "actions", "at least one action is required");
        if (actions.size() > MAX_ACTIONS) throw ContractException.field(c, "actions", "more than " + MAX_ACTIONS + " actions");
        actions = List.copyOf(actions);
        for (int i = 0; i < actions.size(); i++) checkAction(c, i, actions.get(i));
        limits = limits == null ? Limits.DEFAULT : limits;
        checkLimit(c, "limits.maxCost", limits.maxCost(), Limits.CEILING_MAX_COST);
        checkLimit(c, "limits.maxIterations", limits.maxIterations(), Limits.CEILING_MAX_ITERATIONS);
        checkLimit(c, "limits.maxAmount", limits.maxAmount(), Limits.CEILING_MAX_AMOUNT);
    }

    /** Reads a definition file (YAML; JSON is YAML too). */
    public static ContractDefinition read(Path file) throws IOException {
        return parse(Files.readString(file), file.getFileName().toString());
    }

    /** Parses a definition from YAML or JSON text; {@code source} names it in errors until its id is known. */
    public static ContractDefinition parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ContractException("contract in " + source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        return fromJson(root, source);
    }

    /** A definition from its JSON tree, e.g. the canonical JSON inside a signed contract. */
    public static ContractDefinition fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) throw new ContractException("contract in " + source + ": must be a mapping of " + String.join(", ", KEYS));
        String id = root.path("id").isTextual() ? root.get("id").textValue() : null;
        if (id == null && root.has("id")) throw ContractException.field(null, "id", "must be a string (in " + source + ")");
        Reader r = new Reader(id);
        r.keys(root, "", KEYS);
        long version = r.integer(root, "version", true, null);
        String description = r.string(root, "description", false);
        JsonNode t = r.object(root, "trigger", true);
        r.keys(t, "trigger.", List.of("kinds", "channels", "types"));
        Trigger trigger = new Trigger(r.strings(t, "trigger.", "kinds", true), r.strings(t, "trigger.", "channels", false),
                r.strings(t, "trigger.", "types", false));
        // A bare YAML true or false is the condition "true" or "false".
        String condition = root.path("condition").isBoolean() ? root.get("condition").asText() : r.string(root, "condition", true);
        List<ActionSpec> actions = new ArrayList<>();
        JsonNode list = root.get("actions");
        if (list == null || list.isNull()) throw ContractException.field(id, "actions", "at least one action is required");
        if (!list.isArray()) throw ContractException.field(id, "actions", "must be a list of actions like '- award_tokens: {...}'");
        for (int i = 0; i < list.size(); i++) actions.add(r.action(list.get(i), "actions[" + i + "]"));
        Limits limits = Limits.DEFAULT;
        JsonNode l = r.object(root, "limits", false);
        if (l != null) {
            r.keys(l, "limits.", List.of("maxCost", "maxIterations", "maxAmount"));
            limits = new Limits(r.integer(l, "maxCost", false, Limits.DEFAULT_MAX_COST, "limits."),
                    r.integer(l, "maxIterations", false, Limits.DEFAULT_MAX_ITERATIONS, "limits."),
                    r.integer(l, "maxAmount", false, Limits.DEFAULT_MAX_AMOUNT, "limits."));
        }
        return new ContractDefinition(id, version, description, trigger, condition, actions, limits);
    }

    /** The definition as a JSON tree in the shape it is read from, every field written out. */
    public ObjectNode toJson() {
        ObjectNode o = NODES.objectNode();
        o.put("id", id).put("version", version).put("description", description);
        ObjectNode t = o.putObject("trigger");
        strings(t.putArray("kinds"), trigger.kinds());
        strings(t.putArray("channels"), trigger.channels());
        strings(t.putArray("types"), trigger.types());
        o.put("condition", condition);
        ArrayNode a = o.putArray("actions");
        for (ActionSpec s : actions) {
            ObjectNode params = a.addObject().putObject(s.type().wireName());
            s.params().forEach((k, v) -> {
                if (v instanceof Long n) params.put(k, n);
                else params.put(k, (String) v);
            });
        }
        o.putObject("limits").put("maxCost", limits.maxCost()).put("maxIterations", limits.maxIterations()).put("maxAmount", limits.maxAmount());
        return o;
    }

    /** The RFC 8785 canonical JSON of {@link #toJson()}: the bytes that are hashed and signed. */
    public String canonicalJson() {
        return CanonicalJson.string(toJson());
    }

    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    /** SHA-256 of the canonical JSON, lower-case hex: the definition's identity. */
    public String sha256() {
        return HexFormat.of().formatHex(Hashes.sha256(canonicalBytes()));
    }

    /** {@code id@version}, as people refer to a contract. */
    public String label() {
        return id + "@" + version;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void checkLimit(String c, String field, long value, long ceiling) {
        if (value < 1 || value > ceiling) throw ContractException.field(c, field, "must be between 1 and " + ceiling + ", got " + value);
    }

    private static void checkAction(String c, int i, ActionSpec a) {
        String path = "actions[" + i + "]." + a.type().wireName();
        for (ActionType.ParamSpec p : a.type().params().values()) {
            if (p.required() && !a.params().containsKey(p.name())) throw ContractException.field(c, path + "." + p.name(), "is required");
        }
        for (Map.Entry<String, Object> e : a.params().entrySet()) {
            ActionType.ParamSpec p = a.type().params().get(e.getKey());
            String field = path + "." + e.getKey();
            if (p == null) {
                throw ContractException.field(c, field, "unknown parameter (" + a.type().wireName() + " takes " + String.join(", ", a.type().params().keySet()) + ")");
            }
            Object v = e.getValue();
            switch (p.kind()) {
                case ACCOUNT -> {
                    if (!"customer".equals(v) && !"agent".equals(v)) throw ContractException.field(c, field, "must be customer or agent, got " + v);
                }
                case AMOUNT -> {
                    if (v instanceof Long n) {
                        if (n < 1) throw ContractException.field(c, field, "must be a positive integer, got " + n);
                    } else if (!(v instanceof String s) || s.isBlank()) {
                        throw ContractException.field(c, field, "must be a positive integer or a CEL expression of type int");
                    } else if (s.length() > MAX_EXPRESSION_LENGTH) {
                        throw ContractException.field(c, field, "longer than " + MAX_EXPRESSION_LENGTH + " characters");
                    }
                }
                case TEXT -> {
                    if (!(v instanceof String s) || s.isBlank()) throw ContractException.field(c, field, "must be non-empty text");
                    if (s.length() > MAX_TEXT_LENGTH) throw ContractException.field(c, field, "longer than " + MAX_TEXT_LENGTH + " characters");
                }
                case NAME -> {
                    if (!(v instanceof String s) || !NAME.matcher(s).matches()) {
                        throw ContractException.field(c, field, "must be a code of lower-case letters, digits, '_', '-' and '.', got " + v);
                    }
                }
                case CHANNEL -> {
                    if (!(v instanceof String s) || !s.equals("entry") && !Channel.isKnown(s)) {
                        throw ContractException.field(c, field, "must be a channel (" + String.join(", ", Channel.ALL)
                                + ") or 'entry' for the triggering entry's channel, got " + v);
                    }
                }
                case DAYS -> {
                    if (!(v instanceof Long n) || n < 1 || n > 3650) throw ContractException.field(c, field, "must be whole days from 1 to 3650, got " + v);
                }
            }
        }
    }

    /** Reads JSON members with errors that name the contract and the field. */
    private record Reader(String id) {
        void keys(JsonNode o, String prefix, List<String> allowed) {
            Iterator<String> names = o.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!allowed.contains(k)) {
                    throw ContractException.field(id, prefix + k, "unknown key (allowed: " + String.join(", ", allowed) + ")");
                }
            }
        }

        long integer(JsonNode o, String key, boolean required, Long dflt) {
            return integer(o, key, required, dflt, "");
        }

        long integer(JsonNode o, String key, boolean required, Long dflt, String prefix) {
            JsonNode n = o.get(key);
            if (n == null || n.isNull()) {
                if (required) throw ContractException.field(id, prefix + key, "is required");
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong()) throw ContractException.field(id, prefix + key, "must be an integer, got " + n);
            return n.longValue();
        }

        String string(JsonNode o, String key, boolean required) {
            JsonNode n = o.get(key);
            if (n == null || n.isNull()) {
                if (required) throw ContractException.field(id, key, "is required");
                return null;
            }
            if (!n.isTextual()) throw ContractException.field(id, key, "must be a string, got " + n);
            return n.textValue();
        }

        JsonNode object(JsonNode o, String key, boolean required) {
            JsonNode n = o.get(key);
            if (n == null || n.isNull()) {
                if (required) throw ContractException.field(id, key, "is required");
                return null;
            }
            if (!n.isObject()) throw ContractException.field(id, key, "must be a mapping, got " + n);
            return n;
        }

        List<String> strings(JsonNode o, String prefix, String key, boolean required) {
            JsonNode n = o.get(key);
            if (n == null || n.isNull()) {
                if (required) throw ContractException.field(id, prefix + key, "is required");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            if (n.isTextual()) {
                out.add(n.textValue());
                return out;
            }
            if (!n.isArray()) throw ContractException.field(id, prefix + key, "must be a list of strings, got " + n);
            for (JsonNode x : n) {
                if (!x.isTextual()) throw ContractException.field(id, prefix + key, "must be a list of strings, got " + x);
                out.add(x.textValue());
            }
            return out;
        }

        ActionSpec action(JsonNode n, String path) {
            if (n == null || !n.isObject() || n.size() != 1) {
                throw ContractException.field(id, path, "must be one action like 'award_tokens: {account: customer, amount: 10, reason: ...}' (actions: "
                        + String.join(", ", Arrays.stream(ActionType.values()).map(ActionType::wireName).toList()) + ")");
            }
            String name = n.fieldNames().next();
            ActionType type = ActionType.byWireName(name).orElseThrow(() -> ContractException.field(id, path + "." + name, "unknown action (known: "
                    + String.join(", ", Arrays.stream(ActionType.values()).map(ActionType::wireName).toList()) + ")"));
            JsonNode p = n.get(name);
            if (!p.isObject()) throw ContractException.field(id, path + "." + name, "parameters must be a mapping, got " + p);
            Map<String, Object> params = new LinkedHashMap<>();
            p.fields().forEachRemaining(e -> {
                String field = path + "." + name + "." + e.getKey();
                JsonNode v = e.getValue();
                if (v.isNull()) return;
                if (v.isIntegralNumber() && v.canConvertToLong()) params.put(e.getKey(), v.longValue());
                else if (v.isTextual()) params.put(e.getKey(), v.textValue());
                else throw ContractException.field(id, field, "must be a string or an integer, got " + v);
            });
            return new ActionSpec(type, params);
        }
    }
}
