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
import java.util.Map;
import java.util.Set;

/**
 * The company's candidate actions and contact policy, from {@code next-best-actions.yaml}: what it may do, for which
 * purpose, how much each is worth, who is eligible, and when to leave customers alone. Rules are compiled on load, so
 * a bad file is refused with the action or rule, the field and the reason, before anything is recommended from it.
 */
public final class ActionCatalogue {
    public static final String PURPOSES = "service, analytics, personalisation, marketing, model_training";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The segment of every customer when the catalogue names none, and of a customer no segment's rule takes. */
    public static final String EVERYONE = "everyone";
    /** The hold-out share of an action that does not set its own (services and doing nothing are never held out). */
    public static final double DEFAULT_HOLDOUT = 0.05;

    /** @param holdout the share of customers held out of the action to measure its uplift, in [0, 0.5] */
    public record Entry(CandidateAction action, FeatureRule eligible, double holdout) {}
    public record CompiledSuppression(ContactPolicy.Suppression suppression, FeatureRule when) {}
    /** A group of customers whose uplift is measured apart: the first segment whose rule holds takes the customer. */
    public record Segment(String name, FeatureRule when) {}

    /**
     * What an allowed candidate is scored by. {@code PROPENSITY} (the default): propensity × value × weight ×
     * acceptance, which needs nothing but the models; {@code UPLIFT}: the action's measured uplift in the customer's
     * segment × value × weight, which ranks by what the action changes rather than by who would have bought anyway,
     * once each group of that action and segment holds {@code min_outcomes}; until then the candidate keeps its
     * propensity score.
     */
    public enum Arbitration { PROPENSITY, UPLIFT }

    /** The uplift settings: arbitration, the hold-out's key, the outcomes needed per group, the segments. */
    public record UpliftPolicy(Arbitration arbitration, Holdout holdout, long minOutcomes, List<Segment> segments) {
        public UpliftPolicy { segments = List.copyOf(segments); }
    }

    private final String version;
    private final List<Entry> actions;
    private final ContactPolicy policy;
    private final List<CompiledSuppression> suppressions;
    private final UpliftPolicy uplift;

    private ActionCatalogue(String version, List<Entry> actions, ContactPolicy policy, List<CompiledSuppression> suppressions, UpliftPolicy uplift) {
        this.version = version;
        this.actions = List.copyOf(actions);
        this.policy = policy;
        this.suppressions = List.copyOf(suppressions);
        this.uplift = uplift;
    }

    public String version() { return version; }
    public List<Entry> actions() { return actions; }
    public ContactPolicy policy() { return policy; }
    public List<CompiledSuppression> suppressions() { return suppressions; }
    public UpliftPolicy uplift() { return uplift; }

    /** The customer's segment for uplift, from their features: the first segment whose rule holds, else {@link #EVERYONE}. */
    public String segmentOf(Map<String, Object> features) {
        for (Segment s : uplift.segments()) if (s.when().test(features)) return s.name();
        return EVERYONE;
    }

    /** The share of customers held out of the action (0 for an action not in the catalogue). */
    public double holdoutShare(String action) {
        return actions.stream().filter(e -> e.action().id().equals(action)).mapToDouble(Entry::holdout).findFirst().orElse(0);
    }

    /** Whether the customer is in the action's hold-out group: offered nothing, their answer observed all the same. */
    public boolean heldOut(String customer, String action) {
        return uplift.holdout().holdsOut(customer, action, holdoutShare(action));
    }

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
            // Doing nothing and services are never withheld from a customer to measure them; anything else is, by default.
            boolean never = action.kind() == CandidateAction.Kind.NOTHING || "service".equals(action.purpose());
            double holdout = a.hasNonNull("holdout") ? share(a.get("holdout"), where + ", field 'holdout'")
                    : never ? 0 : share(root.path("uplift").path("holdout"), name + ", uplift.holdout");
            if (holdout > 0 && action.kind() == CandidateAction.Kind.NOTHING)
                throw new IllegalArgumentException(where + ", field 'holdout': doing nothing cannot be held out");
            actions.add(new Entry(action, FeatureRule.compile(action.eligible(), where + ", field 'eligible'"), holdout));
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
        String version = root.path("version").asText("1");
        return new ActionCatalogue(version, actions, policy, suppressions, upliftPolicy(root.path("uplift"), name, version));
    }

    private static UpliftPolicy upliftPolicy(JsonNode u, String name, String version) {
        String mode = u.path("arbitration").asText("propensity");
        Arbitration arbitration;
        try {
            arbitration = Arbitration.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ", uplift.arbitration: '" + mode + "' is not one of propensity, uplift");
        }
        long min = u.path("min_outcomes").asLong(100);
        if (min < 1) throw new IllegalArgumentException(name + ", uplift.min_outcomes: must be at least 1, got " + min);
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int k = 0;
        for (JsonNode s : u.path("segments")) {
            k++;
            String where = name + ", uplift.segments[" + k + "]";
            String segment = text(s, "name", null), when = text(s, "when", null);
            if (segment == null || segment.isBlank()) throw new IllegalArgumentException(where + ": field 'name' is required");
            if (segment.equals(OutcomeTally.ALL_SEGMENTS)) throw new IllegalArgumentException(where + ": field 'name': '" + segment + "' is reserved");
            if (!names.add(segment)) throw new IllegalArgumentException(where + ": field 'name': '" + segment + "' is used twice");
            if (when == null) throw new IllegalArgumentException(where + ": field 'when' is required");
            segments.add(new Segment(segment, FeatureRule.compile(when, where + ", field 'when'")));
        }
        String key = text(u, "holdout_key", version);
        if (key.isEmpty()) throw new IllegalArgumentException(name + ", uplift.holdout_key: must not be empty");
        return new UpliftPolicy(arbitration, new Holdout(key), min, segments);
    }

    private static double share(JsonNode n, String where) {
        if (n.isMissingNode() || n.isNull()) return DEFAULT_HOLDOUT;
        if (!n.isNumber()) throw new IllegalArgumentException(where + ": '" + n.asText() + "' is not a number");
        double v = n.asDouble();
        // Past a half the "hold-out" would be the larger group: almost certainly a percentage written as a number.
        if (v < 0 || v > 0.5) throw new IllegalArgumentException(where + ": " + v + " is not a share between 0 and 0.5 (5 % is 0.05)");
        return v;
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
