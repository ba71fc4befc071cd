package org.touchline.identity;

import org.touchline.domain.Identifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The user's deterministic rules per identifier type (docs/identity.md), read by {@link IdentityGraph}:
 * <ul>
 *   <li><b>strong</b> types identify one customer, each with a <b>limit</b>: at most that many distinct identifiers of
 *   the type per customer (one account number; up to five emails). A shared strong identifier merges customers unless
 *   the merge would break a limit.</li>
 *   <li>every other type is <b>weak</b>: kept as evidence, never the cause of a merge. The {@code weak} list only
 *   documents intent (and a type may not be both).</li>
 *   <li><b>priority</b>: the order in which a record's strong identifiers are considered. The first one decides the
 *   customer; the others join it only while every limit holds.</li>
 *   <li><b>blocklist</b>: junk values ({@code null}, {@code 0000}, {@code test@test.com}, all-same-digit phones...)
 *   that are ignored entirely: never linked, never merged on. Values are compared after the identifier's own
 *   normalisation, ignoring case; patterns are Java regular expressions that must match the whole normalised value,
 *   ignoring case. The key {@code "*"} applies to every type.</li>
 * </ul>
 * Immutable and thread-safe. The rules are part of the deterministic function from ledger to projections: a rebuild
 * under other rules gives other customers.
 */
public final class IdentifierRules {
    public static final String ANY_TYPE = "*";
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Default limits, in default priority order. */
    private static final Map<String, Integer> DEFAULT_STRONG = ordered(
            "account", 1, "customer_id", 1, "crm_id", 1, "email", 5, "loyalty_card", 3, "phone", 5);
    static final List<String> DEFAULT_WEAK = List.of("ip", "device_id", "cookie", "address", "postcode",
            "name", "date_of_birth", "order_id", "ticket_id", "social_handle");
    static final Map<String, List<String>> DEFAULT_BLOCKED_VALUES = Map.of(
            ANY_TYPE, List.of("null", "nil", "none", "n/a", "na", "unknown", "anonymous", "anon", "undefined", "test",
                    "0000", "-", "?", "not provided", "not known", "no email", "noemail", "xxx"),
            "email", List.of("test@test.com", "test@example.com", "example@example.com", "email@email.com",
                    "noemail@noemail.com", "none@none.com", "no@email.com", "na@na.com", "a@a.com", "null@null.com",
                    "anonymous@anonymous.com", "unknown@unknown.com"));
    static final Map<String, List<String>> DEFAULT_BLOCKED_PATTERNS = Map.of(
            // One character repeated: "0", "0000", "xxxx", "----".
            ANY_TYPE, List.of("(.)\\1*"),
            // All one digit after a country code of up to three digits (447777777777), a counting run, or too short.
            "phone", List.of("\\d{0,3}(\\d)\\1{5,}", "\\d{0,3}0?123456789\\d?", "\\d{0,5}"),
            "email", List.of("(no-?reply|do-?not-?reply)@.*"));

    private final Map<String, Integer> limits;
    private final List<String> priority;
    private final Set<String> weak;
    private final Map<String, Set<String>> blockedValues;
    private final Map<String, List<Pattern>> blockedPatterns;
    private final Map<String, Set<String>> effectiveBlocked = new ConcurrentHashMap<>();

    private IdentifierRules(Map<String, Integer> limits, List<String> priority, Set<String> weak,
                            Map<String, Set<String>> blockedValues, Map<String, List<Pattern>> blockedPatterns) {
        this.limits = limits;
        this.priority = priority;
        this.weak = weak;
        this.blockedValues = blockedValues;
        this.blockedPatterns = blockedPatterns;
    }

    /** The rules when the user gives none: see {@link #DEFAULT_STRONG} and the default blocklist. */
    public static IdentifierRules defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    public boolean isStrong(String type) { return limits.containsKey(type); }

    /** At most how many distinct identifiers of a strong type one customer may have; {@link #UNLIMITED} if no limit. */
    public int limit(String type) {
        Integer l = limits.get(type);
        if (l == null) throw new IllegalArgumentException(type + " is not a strong identifier type");
        return l;
    }

    /** Strong types, highest priority first. */
    public List<String> priority() { return priority; }

    /** Position of a strong type in {@link #priority()} (0 is highest). */
    public int rank(String type) {
        int r = priority.indexOf(type);
        if (r < 0) throw new IllegalArgumentException(type + " is not a strong identifier type");
        return r;
    }

    /** Types declared weak (every type that is not strong is treated as weak). */
    public Set<String> declaredWeak() { return weak; }

    /** True if the identifier's value is junk and must be ignored. */
    public boolean isBlocked(Identifier id) {
        String v = id.value().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) return true;
        if (effectiveBlocked.computeIfAbsent(id.type(), this::blockedFor).contains(v)) return true;
        for (String key : new String[] {ANY_TYPE, id.type()})
            for (Pattern p : blockedPatterns.getOrDefault(key, List.of()))
                if (p.matcher(id.value()).matches()) return true;
        return false;
    }

    /** The blocked values for one type as they look after that type's normalisation. */
    private Set<String> blockedFor(String type) {
        Set<String> out = new HashSet<>();
        for (String key : new String[] {ANY_TYPE, type})
            for (String raw : blockedValues.getOrDefault(key, Set.of())) {
                out.add(raw.toLowerCase(Locale.ROOT));
                try {
                    out.add(new Identifier(type, raw).value().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException ignored) {
                    // normalises to nothing for this type: the raw form above is enough
                }
            }
        return out;
    }

    /**
     * A canonical one-line description of the rules. Two rule sets with the same description resolve every ledger the
     * same way; a later step can hash it to record which rules were in force.
     */
    public String describe() {
        StringBuilder b = new StringBuilder("strong=");
        for (String t : priority) b.append(t).append(':').append(limits.get(t) == UNLIMITED ? "*" : limits.get(t)).append(',');
        b.append(" weak=").append(new TreeSet<>(weak));
        Map<String, Set<String>> values = new TreeMap<>();
        blockedValues.forEach((k, v) -> values.put(k, new TreeSet<>(v)));
        Map<String, List<String>> patterns = new TreeMap<>();
        blockedPatterns.forEach((k, v) -> patterns.put(k, v.stream().map(Pattern::pattern).toList()));
        return b.append(" blocked=").append(values).append(" patterns=").append(patterns).toString();
    }

    @Override public String toString() { return describe(); }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], (V) kv[k + 1]);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Builds rules; anything not set keeps its default. {@link #strong} replaces the default strong types as a whole
     * (on first call); the blocklist extends the default one unless {@link #withoutDefaultBlocklist()} is called.
     */
    public static final class Builder {
        private Map<String, Integer> strong;
        private List<String> priority;
        private final Set<String> weak = new LinkedHashSet<>();
        private boolean weakSet;
        private boolean defaultBlocklist = true;
        private final Map<String, Set<String>> values = new LinkedHashMap<>();
        private final Map<String, List<String>> patterns = new LinkedHashMap<>();

        private Builder() {}

        /** Declares a strong type with its limit (a positive number, or {@link #UNLIMITED}). */
        public Builder strong(String type, int limit) {
            if (limit < 1) throw new IllegalArgumentException("the limit of " + type + " must be at least 1, or unlimited");
            if (strong == null) strong = new LinkedHashMap<>();
            if (strong.put(norm(type), limit) != null) throw new IllegalArgumentException(type + " is declared strong twice");
            return this;
        }

        public Builder weak(String... types) {
            weakSet = true;
            for (String t : types) weak.add(norm(t));
            return this;
        }

        /** Strong types in priority order, highest first; strong types not named follow in declaration order. */
        public Builder priority(List<String> types) {
            priority = types.stream().map(Builder::norm).toList();
            return this;
        }

        /** Blocks exact values of {@code type}, or of every type when {@code type} is {@code "*"}. */
        public Builder block(String type, String... junk) {
            Set<String> s = values.computeIfAbsent(norm(type), k -> new LinkedHashSet<>());
            s.addAll(List.of(junk));
            return this;
        }

        /** Blocks values of {@code type} (or {@code "*"}) that wholly match a regular expression, ignoring case. */
        public Builder blockPattern(String type, String regex) {
            Pattern.compile(regex); // fail early on a bad expression
            patterns.computeIfAbsent(norm(type), k -> new ArrayList<>()).add(regex);
            return this;
        }

        public Builder withoutDefaultBlocklist() {
            defaultBlocklist = false;
            return this;
        }

        public IdentifierRules build() {
            Map<String, Integer> limits = strong == null ? DEFAULT_STRONG : Collections.unmodifiableMap(new LinkedHashMap<>(strong));
            Set<String> weakTypes = weakSet ? weak : new LinkedHashSet<>(DEFAULT_WEAK);
            if (!weakSet) weakTypes.removeAll(limits.keySet());
            for (String t : weakTypes)
                if (limits.containsKey(t)) throw new IllegalArgumentException(t + " cannot be both strong and weak");
            List<String> order = new ArrayList<>();
            if (priority != null)
                for (String t : priority) {
                    if (!limits.containsKey(t))
                        throw new IllegalArgumentException("priority names " + t + ", which is not a strong identifier type " + limits.keySet());
                    if (order.contains(t)) throw new IllegalArgumentException("priority names " + t + " twice");
                    order.add(t);
                }
            for (String t : limits.keySet()) if (!order.contains(t)) order.add(t);

            Map<String, Set<String>> v = new LinkedHashMap<>();
            Map<String, List<String>> p = new LinkedHashMap<>();
            if (defaultBlocklist) {
                DEFAULT_BLOCKED_VALUES.forEach((k, list) -> v.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(list));
                DEFAULT_BLOCKED_PATTERNS.forEach((k, list) -> p.computeIfAbsent(k, x -> new ArrayList<>()).addAll(list));
            }
            values.forEach((k, list) -> v.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(list));
            patterns.forEach((k, list) -> p.computeIfAbsent(k, x -> new ArrayList<>()).addAll(list));
            Map<String, List<Pattern>> compiled = new LinkedHashMap<>();
            p.forEach((k, list) -> compiled.put(k, list.stream().distinct()
                    .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList()));
            Map<String, Set<String>> frozen = new LinkedHashMap<>();
            v.forEach((k, s) -> frozen.put(k, Collections.unmodifiableSet(s)));
            return new IdentifierRules(limits, List.copyOf(order), Collections.unmodifiableSet(weakTypes),
                    Collections.unmodifiableMap(frozen), Collections.unmodifiableMap(compiled));
        }

        private static String norm(String type) {
            if (type == null || type.isBlank()) throw new IllegalArgumentException("identifier type is missing");
            return type.trim().toLowerCase(Locale.ROOT);
        }
    }
}
