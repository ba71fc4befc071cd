package org.touchline.intelligence.nba;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The company's candidate actions and contact policy, from {@code next-best-actions.yaml}: what it may do, for which
 * purpose, how much each is worth, who is eligible, and when to leave customers alone. Rules are compiled on load, so
 * a bad file is refused with the action or rule, the field and the reason, before anything is recommended from it.
 */
public final class ActionCatalogue {
    public static final String PURPOSES = "service, analytics, personalisation, marketing, model_training";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Entry(CandidateAction action, FeatureRule eligible) {}
    public record CompiledSuppression(ContactPolicy.Suppression suppression, FeatureRule when) {}

    private final String version;
    private final List<Entry> actions;
    private final ContactPolicy policy;
    private final List<CompiledSuppression> suppressions;

    private ActionCatalogue(String version, List<Entry> actions, ContactPolicy policy, List<CompiledSuppression> suppressions) {
        this.version = version;
        this.actions = List.copyOf(actions);
        this.policy = policy;
        this.suppressions = List.copyOf(suppressions);
    }

    public String version() { return version; }
    public List<Entry> actions() { return actions; }
    public ContactPolicy policy() { return policy; }
    public List<CompiledSuppression> suppressions() { return suppressions; }

    public static ActionCatalogue load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) { return parse(in, file.getFileName().toString()); }
    }

    /** The actions and policy shipped with Touchline for the demo company. */
    public static ActionCatalogue defaults() {
        try (InputStream in = ActionCatalogue.class.getResourceAsStream("next-best-actions.yaml")) {
            return parse(in, "next-best-actions.yaml");
        } catch (IOException e) {
            throw new IllegalStateException("the shipped next-best-actions.yaml cannot be read", e);
        }
    }

    public static ActionCatalogue parse(InputStream in, String name) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) throw new IllegalArgumentException(name + ": expected a mapping with 'actions' and 'policy'");
        List<Entry> actions = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int nothing = 0, k = 0;
        for (JsonNode a : root.path("actions")) {
            k++;
            String where = name + ", action " + k + (a.hasNonNull("id") ? " (" + a.get("id").asText() + ")" : "");
            CandidateAction action;
            try {
                action = new CandidateAction(text(a, "id", null), kind(a.path("kind").asText(null), where),
                        text(a, "channel", "none"), a.path("outbound").asBoolean(false), purpose(text(a, "purpose", "service"), where),
                        text(a, "propensity", "none"), a.path("value").asDouble(0), a.path("weight").asDouble(1),
                        a.path("expected_acceptance").asDouble(0.2), text(a, "eligible", "true"), text(a, "description", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(action.id())) throw new IllegalArgumentException(where + ": field 'id': '" + action.id() + "' is used twice");
            if (action.kind() == CandidateAction.Kind.NOTHING) {
                nothing++;
                if (!"service".equals(action.purpose()) || !"true".equals(action.eligible()) || !"none".equals(action.propensity()))
                    throw new IllegalArgumentException(where + ": doing nothing must need no consent, no model and no eligibility rule");
            }
            actions.add(new Entry(action, FeatureRule.compile(action.eligible(), where + ", field 'eligible'")));
        }
        if (actions.isEmpty()) throw new IllegalArgumentException(name + ": field 'actions': at least one action is required");
        if (nothing != 1) throw new IllegalArgumentException(name + ": field 'actions': exactly one action of kind 'nothing' is required, found " + nothing);

        JsonNode p = root.path("policy");
        List<ContactPolicy.Cap> caps = new ArrayList<>();
        k = 0;
        for (JsonNode c : p.path("caps")) {
            k++;
            try {
                caps.add(new ContactPolicy.Cap(text(c, "channel", null), c.path("max").asInt(-1), c.path("days").asInt(0)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ", policy.caps[" + k + "]: " + e.getMessage(), e);
            }
        }
        JsonNode quiet = p.path("quiet_after_complaint");
        Set<CandidateAction.Kind> quietKinds = EnumSet.noneOf(CandidateAction.Kind.class);
        for (JsonNode q : quiet.path("kinds")) quietKinds.add(kind(q.asText(), name + ", policy.quiet_after_complaint"));
        List<CompiledSuppression> suppressions = new ArrayList<>();
        k = 0;
        for (JsonNode s : p.path("suppressions")) {
            k++;
            String where = name + ", policy.suppressions[" + k + "]";
            Set<String> channels = new LinkedHashSet<>();
            s.path("channels").forEach(x -> channels.add(x.asText()));
            Set<CandidateAction.Kind> kinds = EnumSet.noneOf(CandidateAction.Kind.class);
            for (JsonNode x : s.path("kinds")) kinds.add(kind(x.asText(), where));
            var sup = new ContactPolicy.Suppression(text(s, "name", "suppression " + k), text(s, "when", null), channels, kinds,
                    s.path("outbound_only").asBoolean(true));
            if (sup.when() == null) throw new IllegalArgumentException(where + ": field 'when' is required");
            suppressions.add(new CompiledSuppression(sup, FeatureRule.compile(sup.when(), where + ", field 'when'")));
        }
        ContactPolicy policy = new ContactPolicy(caps, quiet.path("days").asInt(0), quietKinds,
                suppressions.stream().map(CompiledSuppression::suppression).toList());
        return new ActionCatalogue(root.path("version").asText("1"), actions, policy, suppressions);
    }

    private static String text(JsonNode n, String field, String otherwise) {
        return n.hasNonNull(field) ? n.get(field).asText() : otherwise;
    }

    private static CandidateAction.Kind kind(String k, String where) {
        if (k == null) throw new IllegalArgumentException(where + ": field 'kind' is required (offer, care, nothing)");
        try {
            return CandidateAction.Kind.valueOf(k.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": field 'kind': '" + k + "' is not one of offer, care, nothing");
        }
    }

    private static String purpose(String p, String where) {
        if (!List.of(PURPOSES.split(", ")).contains(p))
            throw new IllegalArgumentException(where + ": field 'purpose': '" + p + "' is not one of " + PURPOSES);
        return p;
    }
}
