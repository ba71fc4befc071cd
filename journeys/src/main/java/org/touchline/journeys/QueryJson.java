package org.touchline.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.touchline.domain.Moment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The journey queries as JSON, the one reading shared by the HTTP API (request bodies and query parameters) and the
 * CLI: field names as in the records, durations in whole days ({@code windowDays}, {@code silenceDays}), times as
 * RFC 3339 instants or plain dates (midnight UTC), enums in any case. A bad field is refused naming the field and
 * what it should be; an unknown field is refused too, so a typo does not silently widen a query.
 */
public final class QueryJson {
    private QueryJson() {}

    public static TouchFilter filter(JsonNode n, String where) {
        if (n == null || n.isNull()) return TouchFilter.ANY;
        if (!n.isObject()) throw new IllegalArgumentException(where + ": must be an object with stages, types, channels, sources or products");
        only(n, where, "stages", "types", "channels", "sources", "products", "name", "windowDays");
        Set<Stage> stages = new LinkedHashSet<>();
        for (String s : strings(n, "stages", where)) {
            try {
                stages.add(Stage.of(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".stages: " + e.getMessage());
            }
        }
        return new TouchFilter(stages, set(n, "types", where), set(n, "channels", where), set(n, "sources", where), set(n, "products", where));
    }

    public static FunnelQuery funnel(JsonNode n) {
        object(n, "funnel");
        only(n, "funnel", "steps", "windowDays", "from", "to", "split", "unit", "minimumCount");
        JsonNode steps = n.get("steps");
        if (steps == null || !steps.isArray() || steps.size() < 1 || steps.size() > 12)
            throw new IllegalArgumentException("funnel.steps: give 1 to 12 steps, each a stage name (\"interest\") or a filter with an optional name and windowDays");
        int defaultWindow = n.has("windowDays") ? (int) days(n, "windowDays", "funnel", 30).toDays() : 30;
        List<FunnelQuery.Step> out = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            JsonNode s = steps.get(k);
            String where = "funnel.steps[" + k + "]";
            // The shorthand "interest" is the step {"name": "interest", "stages": ["interest"]}: what the command line's --steps says.
            if (s.isTextual()) s = JsonNodeFactory.instance.objectNode().put("name", s.asText())
                    .set("stages", JsonNodeFactory.instance.arrayNode().add(s.asText()));
            Duration window = k == 0 ? null : days(s, "windowDays", where, defaultWindow);
            out.add(new FunnelQuery.Step(text(s, "name", where, "step " + (k + 1)), filter(s, where), window));
        }
        return new FunnelQuery(out, instant(n, "from", "funnel"), instant(n, "to", "funnel"), choice(n, "split", "funnel", Split.class, Split.NONE),
                choice(n, "unit", "funnel", Unit.class, Unit.CUSTOMER), integer(n, "minimumCount", "funnel"));
    }

    public static PathQuery paths(JsonNode n) {
        object(n, "paths");
        only(n, "paths", "anchor", "direction", "windowDays", "by", "depth", "top", "collapseRepeats", "from", "to", "unit", "minimumCount");
        if (n.get("anchor") == null) throw new IllegalArgumentException("paths.anchor: missing: which touches to look before and after (e.g. {\"stages\": [\"decision\"]})");
        return new PathQuery(filter(n.get("anchor"), "paths.anchor"), choice(n, "direction", "paths", PathQuery.Direction.class, null),
                days(n, "windowDays", "paths", 90), choice(n, "by", "paths", PathQuery.By.class, null), integer(n, "depth", "paths"),
                integer(n, "top", "paths"), n.has("collapseRepeats") ? bool(n, "collapseRepeats", "paths") : null,
                instant(n, "from", "paths"), instant(n, "to", "paths"), choice(n, "unit", "paths", Unit.class, null), integer(n, "minimumCount", "paths"));
    }

    public static FlowQuery flow(JsonNode n) {
        object(n, "flow");
        only(n, "flow", "silenceDays", "from", "to", "zone", "unit", "minimumCount");
        ZoneId zone = null;
        if (n.hasNonNull("zone")) {
            try {
                zone = ZoneId.of(n.get("zone").asText());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("flow.zone: '" + n.get("zone").asText() + "' is not a time zone like Europe/London");
            }
        }
        return new FlowQuery(rules(n, "flow"), instant(n, "from", "flow"), instant(n, "to", "flow"), zone,
                choice(n, "unit", "flow", Unit.class, null), integer(n, "minimumCount", "flow"));
    }

    public static JourneyQuery journeys(JsonNode n) {
        object(n, "journeys");
        only(n, "journeys", "silenceDays", "asOf", "from", "to", "unit", "minimumCount");
        return new JourneyQuery(rules(n, "journeys"), instant(n, "asOf", "journeys"), instant(n, "from", "journeys"), instant(n, "to", "journeys"),
                choice(n, "unit", "journeys", Unit.class, null), integer(n, "minimumCount", "journeys"));
    }

    public static ProductQuery product(String product, JsonNode n) {
        object(n, "product");
        only(n, "product", "windowDays", "silenceDays", "minimumCount");
        return new ProductQuery(product, days(n, "windowDays", "product", 90), rules(n, "product"), integer(n, "minimumCount", "product"));
    }

    public static CoChurnQuery coChurn(JsonNode n) {
        object(n, "co-churn");
        only(n, "co-churn", "event", "windowDays", "kinds", "meetingDays", "crowd", "top", "minimumCount");
        Set<CoChurnQuery.GroupKind> kinds = EnumSet.noneOf(CoChurnQuery.GroupKind.class);
        for (String k : strings(n, "kinds", "co-churn")) kinds.add(parse(CoChurnQuery.GroupKind.class, k, "co-churn.kinds"));
        return new CoChurnQuery(n.has("event") ? filter(n.get("event"), "co-churn.event") : null, days(n, "windowDays", "co-churn", 30), kinds,
                integer(n, "meetingDays", "co-churn"), integer(n, "crowd", "co-churn"), integer(n, "top", "co-churn"), integer(n, "minimumCount", "co-churn"));
    }

    public static CohortQuery cohorts(JsonNode n) {
        object(n, "cohorts");
        only(n, "cohorts", "by", "period", "activity", "from", "to", "periods", "minimumCount");
        return new CohortQuery(choice(n, "by", "cohorts", CohortQuery.By.class, null), choice(n, "period", "cohorts", CohortQuery.Period.class, null),
                choice(n, "activity", "cohorts", CohortQuery.Activity.class, null), instant(n, "from", "cohorts"), instant(n, "to", "cohorts"),
                integer(n, "periods", "cohorts"), integer(n, "minimumCount", "cohorts"));
    }

    private static JourneyRules rules(JsonNode n, String where) {
        return n.has("silenceDays") ? JourneyRules.withSilence(days(n, "silenceDays", where, 30)) : null;
    }

    // ---- fields -------------------------------------------------------------------------------------------------

    private static void object(JsonNode n, String where) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException(where + ": the query must be a JSON object");
    }

    private static void only(JsonNode n, String where, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) throw new IllegalArgumentException(where + ": unknown field '" + f + "' (known: " + String.join(", ", allowed) + ")");
        }
    }

    private static List<String> strings(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) if (!s.isBlank()) out.add(s.trim());
            return out;
        }
        if (!v.isArray()) throw new IllegalArgumentException(where + "." + field + ": must be a list of names");
        for (JsonNode x : v) {
            if (!x.isTextual()) throw new IllegalArgumentException(where + "." + field + ": must be a list of names, found " + x);
            out.add(x.asText());
        }
        return out;
    }

    private static Set<String> set(JsonNode n, String field, String where) { return new LinkedHashSet<>(strings(n, field, where)); }

    private static String text(JsonNode n, String field, String where, String otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return otherwise;
        if (!v.isTextual()) throw new IllegalArgumentException(where + "." + field + ": must be text");
        return v.asText();
    }

    private static Integer integer(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) return Integer.valueOf(v.asText().trim());
        if (v.isIntegralNumber() && v.canConvertToInt()) return v.asInt();
        throw new IllegalArgumentException(where + "." + field + ": must be a whole number, got " + v);
    }

    private static boolean bool(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.parseBoolean(v.asText());
        throw new IllegalArgumentException(where + "." + field + ": must be true or false, got " + v);
    }

    private static Duration days(JsonNode n, String field, String where, int otherwise) {
        Integer d = integer(n, field, where);
        if (d == null) return Duration.ofDays(otherwise);
        if (d < 1 || d > 3660) throw new IllegalArgumentException(where + "." + field + ": must be 1 to 3660 days, got " + d);
        return Duration.ofDays(d);
    }

    private static Instant instant(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Moment.parse(where + "." + field, v.asText(), null);
    }

    private static <E extends Enum<E>> E choice(JsonNode n, String field, String where, Class<E> type, E otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return otherwise;
        return parse(type, v.asText(), where + "." + field);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));   // as the API spells them
            throw new IllegalArgumentException(where + ": '" + value + "' is not one of " + String.join(", ", names));
        }
    }
}
