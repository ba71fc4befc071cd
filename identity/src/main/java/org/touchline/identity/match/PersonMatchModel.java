package org.touchline.identity.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.CanonicalJson;
import org.touchline.domain.Progress;
import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Fellegi-Sunter model the online matcher scores people with: comparisons of given name, surname, date of birth,
 * postcode, address, email and phone (m, u per level, λ), the two decision thresholds, and the blocking rules that
 * choose candidates. All of it is one artefact with a canonical JSON form ({@link #toJson}) whose SHA-256 is its
 * {@link #version}: record it on the ledger and {@link #parse} gives back a model that scores every pair exactly
 * alike, so a replay decides the same.
 * <p>
 * <b>λ</b> is the chance that a record and one given known customer are the same person, the prior of the whole
 * index, not of a blocked candidate pair: u comes from random pairs, so the prior must be that of a random pair too
 * (as Splink's {@code probability_two_random_records_match}). It therefore belongs to an index size: the default
 * 10^-6 (−19.9 bits) fits indexes of some hundred thousand to a few million customers, where a returning record has
 * its one true customer among about a million.
 * <p>
 * <b>Known limitation</b>: comparisons are taken as independent given match status, which members of one household
 * break (same surname, postcode and address); twins living together also share the date of birth and can score as
 * a link. The review queue and the given-name weight are the guard; a household-aware model is future work.
 * <p>
 * No term-frequency adjustment: a fitted table would be as large as the set of names and would change with every new
 * customer, while this model must be small, fixed and replayable. Exact name agreement is weighed with the average
 * u, which is about right for common names and undersells rare ones (conservative).
 */
public final class PersonMatchModel {
    public static final String FORMAT = "touchline/person-match-model/1";
    /** Candidates of blocks larger than this are not scored (see {@link OnlineMatcher}). */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 500;

    /**
     * The default blocking rules, an OR: a known customer is a candidate when it shares a key with the record under
     * any of them. Each catches what the others miss when one field has a typo or changed:
     * <ol>
     *   <li>{@code soundex(surname) + year(date_of_birth)}: typos in the given name, postcode moves, day/month typos;</li>
     *   <li>{@code prefix1(given_name) + date_of_birth}: surname typos or changes (marriage) and moves;</li>
     *   <li>{@code postcode + prefix2(given_name)}: surname and date-of-birth typos;</li>
     *   <li>{@code metaphone(surname) + postcode}: given-name and date-of-birth typos;</li>
     *   <li>{@code prefix1(given_name) + soundex(surname) + digits(address)}: records with an address but no date of
     *   birth or postcode (the digits are the house and flat numbers).</li>
     * </ol>
     * Every rule gives a person at most one key, which the index relies on ("words" is therefore not allowed).
     */
    public static final List<String> DEFAULT_BLOCKING = List.of(
            "soundex(surname) + year(date_of_birth)",
            "prefix1(given_name) + date_of_birth",
            "postcode + prefix2(given_name)",
            "metaphone(surname) + postcode",
            "prefix1(given_name) + soundex(surname) + digits(address)");

    /** λ of the defaults: see the class comment. */
    public static final double DEFAULT_LAMBDA = 1e-6;

    private static final long SEED = 1969L;
    private static final int RANDOM_PAIRS = 300_000;
    /** Fewer non-null candidate pairs than this for a comparison: the data says nothing; keep the default m and u. */
    private static final int MIN_OBSERVED = 30;

    private final List<FieldKind> kinds;
    private final MatchModel model;
    private final Thresholds thresholds;
    private final List<BlockingRule> blocking;
    private final int maxBlockSize;
    /** Reviewers' answers by comparison pattern (packed as {@link ReviewedPatterns#key}): same, different. */
    private final SortedMap<Long, int[]> reviewed;
    private final ReviewedPatterns patterns = new ReviewedPatterns();
    private final String json;
    private final String version;

    public PersonMatchModel(List<FieldKind> kinds, MatchModel model, Thresholds thresholds, List<BlockingRule> blocking,
                            int maxBlockSize) {
        this(kinds, model, thresholds, blocking, maxBlockSize, new TreeMap<>());
    }

    private PersonMatchModel(List<FieldKind> kinds, MatchModel model, Thresholds thresholds, List<BlockingRule> blocking,
                             int maxBlockSize, SortedMap<Long, int[]> reviewed) {
        if (kinds.size() != model.comparisons().size()) throw new IllegalArgumentException("one kind per comparison");
        for (Comparison c : model.comparisons()) column(c.column());
        for (BlockingRule r : blocking)
            for (BlockingKey k : r.parts()) {
                column(k.column());
                if (k.function().equals("words"))
                    throw new IllegalArgumentException("blocking rule '" + r + "': words() gives several keys per person");
            }
        if (blocking.isEmpty()) throw new IllegalArgumentException("the online matcher needs at least one blocking rule");
        if (maxBlockSize < 1) throw new IllegalArgumentException("maxBlockSize must be at least 1");
        this.kinds = List.copyOf(kinds);
        this.model = model;
        this.thresholds = thresholds;
        this.blocking = List.copyOf(blocking);
        this.maxBlockSize = maxBlockSize;
        this.reviewed = new TreeMap<>();
        reviewed.forEach((pattern, answers) -> {
            this.reviewed.put(pattern, answers.clone());
            for (int k = 0; k < answers[0]; k++) patterns.add(pattern, true);
            for (int k = 0; k < answers[1]; k++) patterns.add(pattern, false);
        });
        this.json = CanonicalJson.string(tree());
        this.version = HexFormat.of().formatHex(Hashes.sha256(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The default model. The numbers are general, not fitted to any data set; each row says why. m is the share of
     * true matches at a level, u that of two different people, both for levels exact, then graded, then "else".
     */
    public static PersonMatchModel defaults() {
        List<FieldKind> kinds = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        List<double[]> m = new ArrayList<>(), u = new ArrayList<>();
        // Levels: exact, jaro-winkler>=0.92, phonetic, jaro-winkler>=0.80, else.
        // Given names repeat their exact form (m 0.88) but nicknames and initials differ (m else 0.03); two random
        // people share a given name about 1 time in 100 (Σp² of given-name frequencies in Western populations).
        add(kinds, comparisons, m, u, FieldKind.NAME, "given_name",
                new double[]{0.88, 0.05, 0.02, 0.02, 0.03},
                new double[]{0.01, 0.003, 0.002, 0.03, 0.955});
        // Surnames are more varied (random agreement ~1 in 500); marriage changes 1 in 25 (m else 0.04).
        add(kinds, comparisons, m, u, FieldKind.NAME, "surname",
                new double[]{0.90, 0.04, 0.01, 0.01, 0.04},
                new double[]{0.002, 0.001, 0.001, 0.01, 0.986});
        // Levels: exact, day-month-swapped, one-typo, year-off-by-one, else.
        // A date of birth is kept well (m 0.92); two random people share one about 1 time in 25,000 (365 days over
        // ~70 birth years); one changed digit within the year, month or day is ~1 in 1,000 at random.
        add(kinds, comparisons, m, u, FieldKind.DATE, "date_of_birth",
                new double[]{0.92, 0.01, 0.04, 0.01, 0.02},
                new double[]{4e-5, 1e-5, 1e-3, 2e-5, 0.99893});
        // Levels: exact, one-typo, same-prefix, else.
        // People move, so the latest postcode agrees for 4 in 5 true matches; a postcode holds a few dozen people of
        // a customer base of some hundred thousand (u 5e-4); the same district (first 3 characters) ~1 in 100.
        add(kinds, comparisons, m, u, FieldKind.POSTCODE, "postcode",
                new double[]{0.80, 0.03, 0.05, 0.12},
                new double[]{5e-4, 3e-3, 0.01, 0.9865});
        // Levels: exact, very-similar, similar, weakly-similar, else.
        // Addresses are written many ways (m exact only 0.6). u is set well above the chance of two random people
        // sharing an address: an agreeing address nearly always comes with an agreeing postcode, and the model would
        // otherwise count that one fact twice.
        add(kinds, comparisons, m, u, FieldKind.TEXT, "address",
                new double[]{0.60, 0.15, 0.08, 0.05, 0.12},
                new double[]{1e-3, 3e-3, 0.01, 0.05, 0.936});
        // Levels: exact, domain-typo, local-part-equal, else.
        // An email is one person's (u exact 1e-7), but a person has several, so half of true matches show another one
        // (m else 0.4, a weak −1.3 bits); equal local parts ("john.smith@") do occur between people (u 1e-4).
        add(kinds, comparisons, m, u, FieldKind.EMAIL, "email",
                new double[]{0.50, 0.02, 0.08, 0.40},
                new double[]{1e-7, 1e-7, 1e-4, 0.9998998});
        // Levels: exact, last-7-equal, one-typo, else.
        // Phones as emails, a little more shared (household landlines: u exact 1e-6).
        add(kinds, comparisons, m, u, FieldKind.PHONE, "phone",
                new double[]{0.50, 0.10, 0.05, 0.35},
                new double[]{1e-6, 1e-6, 1e-5, 0.999988});
        MatchModel model = new MatchModel(comparisons, m.toArray(double[][]::new), u.toArray(double[][]::new),
                DEFAULT_LAMBDA, Map.of());
        return new PersonMatchModel(kinds, model, new Thresholds(0.9, 0.5),
                DEFAULT_BLOCKING.stream().map(BlockingRule::parse).toList(), DEFAULT_MAX_BLOCK_SIZE);
    }

    /** How far a fitted m is shrunk towards the default m (see {@link #fit(Collection, Progress)}). */
    static final double PRIOR_SHARE = 0.1;

    public static PersonMatchModel fit(Collection<PersonProfile> profiles) {
        return fit(profiles, Progress.NONE);
    }

    /**
     * Fits the default comparisons to profiles that still hold duplicates (one profile per record, or a sample of
     * records before resolution; on customers already deduplicated there is nothing to learn): u from random pairs,
     * m and λ by EM over the pairs the default blocking selects, as {@link ProbabilisticMatcher} does. The fitted λ is
     * turned back into a random-pair prior (matches found over all n(n−1)/2 pairs), so it belongs to a set of the
     * fitted size. A comparison with too few values present keeps its default m and u. Deterministic: profiles are
     * taken in iteration order, random pairs come from a fixed seed.
     */
    public static PersonMatchModel fit(Collection<PersonProfile> profiles, Progress progress) {
        PersonMatchModel defaults = defaults();
        List<Comparison> comparisons = defaults.model.comparisons();
        List<PersonProfile> people = List.copyOf(profiles);
        List<MatchRecord> records = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) records.add(people.get(i).toMatchRecord(Integer.toString(i)));

        CandidatePairs candidates = new Blocking(defaults.blocking, defaults.maxBlockSize).candidates(records, false, progress);
        if (candidates.size() == 0) throw new IllegalArgumentException("no candidate pairs among " + people.size() + " profiles: nothing to fit");
        int k = comparisons.size();
        byte[] levels = new byte[Math.multiplyExact(candidates.size(), k)];
        long[] observed = new long[k];
        for (int i = 0; i < candidates.size(); i++) {
            int[] g = defaults.levels(people.get(candidates.left(i)).values(), people.get(candidates.right(i)).values());
            for (int c = 0; c < k; c++) {
                levels[i * k + c] = (byte) g[c];
                if (g[c] != Comparison.NULL) observed[c]++;
            }
        }
        double[][] u = RandomPairs.estimateU(comparisons, records, false, RANDOM_PAIRS, SEED, progress);
        double lambda0 = Math.min(0.5, Math.max(1e-4, people.size() / 2.0 / candidates.size()));
        ExpectationMaximisation.Fit fit = new ExpectationMaximisation(100, 1e-6)
                .fit(comparisons, LevelPatterns.of(levels, k), u, lambda0);
        double[][] m = fit.model().m();
        double[][] prior = defaults.model.m();
        for (int c = 0; c < k; c++) {
            if (observed[c] < MIN_OBSERVED) {
                m[c] = prior[c];
                u[c] = defaults.model.u()[c];
                continue;
            }
            // A level the data never showed among matches (no typo in any name of a clean source) would get m = 0
            // and then count as proof against; shrinking m a tenth of the way to the defaults keeps such a level a
            // weak argument, as a prior of pseudo-counts would.
            for (int l = 1; l < m[c].length; l++) m[c][l] = (1 - PRIOR_SHARE) * m[c][l] + PRIOR_SHARE * prior[c][l];
        }
        double allPairs = people.size() * (people.size() - 1.0) / 2;
        double lambda = Math.min(0.5, Math.max(1e-12, fit.model().lambda() * candidates.size() / allPairs));
        return new PersonMatchModel(defaults.kinds, new MatchModel(comparisons, m, u, lambda, Map.of()),
                defaults.thresholds, defaults.blocking, defaults.maxBlockSize);
    }

    /** Comparison levels of a record against a candidate; for emails and phones the best over all their pairs. */
    int[] levels(PersonProfile.Values a, PersonProfile.Values b) {
        return prepare(a).levels(model.comparisons(), prepare(b));
    }

    /** The score of a record against a candidate, with each comparison's level and contribution. */
    public MatchScore score(PersonProfile record, PersonProfile candidate) {
        return score(prepare(record), prepare(candidate));
    }

    /** {@link #score(PersonProfile, PersonProfile)} of two profiles prepared once for many pairs. */
    public MatchScore score(PreparedProfile record, PreparedProfile candidate) {
        MatchScore s = model.score(record.levels(model.comparisons(), candidate), null);
        if (patterns.isEmpty()) return s;
        double adjustment = patterns.adjustment(ReviewedPatterns.key(s.levels()), s.weight());
        if (adjustment == 0) return s;
        double w = s.weight() + adjustment;
        return new MatchScore(w, MatchScore.probability(w), s.priorWeight(), s.levels(), s.contributions());
    }

    /**
     * A reviewer's answer on a pair the matcher was unsure of: each comparison's level by column, as the review entry
     * records it (a column absent had no value on one side), and whether the two were the same customer.
     */
    public record ReviewAnswer(Map<String, String> levels, boolean same) {
        public ReviewAnswer {
            levels = Map.copyOf(levels);
        }
    }

    /**
     * This model corrected by reviewers' answers (the review queue's accepted and rejected pairs): a pair's weight moves
     * towards what the answers on its comparison pattern say, pattern by pattern ({@link ReviewedPatterns}: the
     * model's own probability counts as {@value ReviewedPatterns#PRIOR_ANSWERS} answers, so a few answers nudge and many
     * decide). The m, u, λ, thresholds and blocking stay, so profiles and blocks kept under this model stay valid.
     * The answers replace any this model had, and are part of the model's JSON and version: the same answers on the same
     * model give the same version wherever they are counted. With no answers this is the model itself.
     */
    public PersonMatchModel withReviews(List<ReviewAnswer> answers) {
        SortedMap<Long, int[]> counts = new TreeMap<>();
        for (ReviewAnswer a : answers) counts.computeIfAbsent(ReviewedPatterns.key(levelsOf(a.levels())), k -> new int[2])[a.same() ? 0 : 1]++;
        return new PersonMatchModel(kinds, model, thresholds, blocking, maxBlockSize, counts);
    }

    /** How many answers the model was corrected with. */
    public int reviewAnswers() {
        int n = 0;
        for (int[] a : reviewed.values()) n += a[0] + a[1];
        return n;
    }

    private int[] levelsOf(Map<String, String> byColumn) {
        List<Comparison> comparisons = model.comparisons();
        int[] out = new int[comparisons.size()];
        for (String column : byColumn.keySet())
            if (comparisons.stream().noneMatch(c -> c.column().equals(column)))
                throw new IllegalArgumentException("a review answer names comparison '" + column + "', which this model does not have");
        for (int c = 0; c < comparisons.size(); c++) {
            String level = byColumn.get(comparisons.get(c).column());
            if (level == null) continue;
            int l = comparisons.get(c).levels().indexOf(level);
            if (l < 1) throw new IllegalArgumentException("a review answer gives " + comparisons.get(c).column() + " the level '" + level
                    + "', which is not one of " + comparisons.get(c).levels().subList(1, comparisons.get(c).levelCount()));
            out[c] = l;
        }
        return out;
    }

    /** A profile normalised and prepared for this model's comparisons, to score against many others. */
    public PreparedProfile prepare(PersonProfile profile) {
        return prepare(profile.values());
    }

    PreparedProfile prepare(PersonProfile.Values values) {
        return PreparedProfile.of(model.comparisons(), values);
    }

    /** The blocking keys of a profile, one list per rule (empty when the profile lacks a rule's fields). */
    List<List<String>> blockingKeys(MatchRecord record) {
        List<List<String>> out = new ArrayList<>(blocking.size());
        for (BlockingRule r : blocking) out.add(r.keys(record));
        return out;
    }

    public MatchModel model() { return model; }

    public List<Comparison> comparisons() { return model.comparisons(); }

    public Thresholds thresholds() { return thresholds; }

    public List<BlockingRule> blocking() { return blocking; }

    public int maxBlockSize() { return maxBlockSize; }

    /** The canonical JSON (RFC 8785) of the model: the text to record; parse it back with {@link #parse}. */
    public String toJson() { return json; }

    /** Hex SHA-256 of {@link #toJson()}: names this exact model. */
    public String version() { return version; }

    /** The same model under other thresholds (a new version). */
    public PersonMatchModel withThresholds(Thresholds t) {
        return new PersonMatchModel(kinds, model, t, blocking, maxBlockSize, reviewed);
    }

    /** The same model with another block size cap (a new version). */
    public PersonMatchModel withMaxBlockSize(int cap) {
        return new PersonMatchModel(kinds, model, thresholds, blocking, cap, reviewed);
    }

    /** The same model with another prior λ, e.g. for an index of a very different size (a new version). */
    public PersonMatchModel withLambda(double lambda) {
        return new PersonMatchModel(kinds, new MatchModel(model.comparisons(), model.m(), model.u(), lambda, Map.of()),
                thresholds, blocking, maxBlockSize, reviewed);
    }

    /** Reads a model written by {@link #toJson}; any JSON layout of the same values gives the same model and version. */
    public static PersonMatchModel parse(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("person match model is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()))
            throw new IllegalArgumentException("not a " + FORMAT + " document");
        List<FieldKind> kinds = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        List<double[]> m = new ArrayList<>(), u = new ArrayList<>();
        for (JsonNode c : required(root, "comparisons")) {
            FieldKind kind = FieldKind.parse(required(c, "kind").asText());
            Comparison cmp = kind.comparison(required(c, "column").asText());
            List<String> labels = new ArrayList<>();
            required(c, "levels").forEach(l -> labels.add(l.asText()));
            if (!labels.equals(cmp.levels().subList(1, cmp.levelCount())))
                throw new IllegalArgumentException("comparison " + cmp.column() + " has levels " + labels
                        + " but this version's " + kind + " comparison has " + cmp.levels().subList(1, cmp.levelCount()));
            kinds.add(kind);
            comparisons.add(cmp);
            m.add(withNullLevel(required(c, "m"), labels.size(), "m of " + cmp.column()));
            u.add(withNullLevel(required(c, "u"), labels.size(), "u of " + cmp.column()));
        }
        JsonNode t = required(root, "thresholds");
        List<BlockingRule> rules = new ArrayList<>();
        JsonNode b = required(root, "blocking");
        required(b, "rules").forEach(r -> rules.add(BlockingRule.parse(r.asText())));
        MatchModel model = new MatchModel(comparisons, m.toArray(double[][]::new), u.toArray(double[][]::new),
                required(root, "lambda").asDouble(), Map.of());
        PersonMatchModel parsed = new PersonMatchModel(kinds, model,
                new Thresholds(required(t, "upper").asDouble(), required(t, "lower").asDouble()), rules,
                required(b, "maxBlockSize").asInt());
        JsonNode reviewed = root.get("reviewed");
        if (reviewed == null) return parsed;
        List<ReviewAnswer> answers = new ArrayList<>();
        for (JsonNode r : reviewed) {
            Map<String, String> levels = new HashMap<>();
            required(r, "levels").fields().forEachRemaining(e -> levels.put(e.getKey(), e.getValue().asText()));
            for (int k = 0; k < required(r, "same").asInt(); k++) answers.add(new ReviewAnswer(levels, true));
            for (int k = 0; k < required(r, "different").asInt(); k++) answers.add(new ReviewAnswer(levels, false));
        }
        return parsed.withReviews(answers);
    }

    /** A readable table of the weights, for logs. */
    public String describe() {
        // MatchModel prints λ with five decimals, which shows a random-pair prior as 0: give it in full too.
        return String.format(Locale.ROOT, "prior λ=%.3e (%+.2f bits)%n", model.lambda(),
                MatchModel.log2(model.lambda() / (1 - model.lambda()))) + model.describe() + "thresholds " + thresholds.upper() + " / " + thresholds.lower() + "; blocking " + blocking
                + " (max block " + maxBlockSize + "); version " + version;
    }

    private ObjectNode tree() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("lambda", model.lambda());
        ObjectNode t = root.putObject("thresholds");
        t.put("upper", thresholds.upper());
        t.put("lower", thresholds.lower());
        ObjectNode b = root.putObject("blocking");
        ArrayNode rules = b.putArray("rules");
        for (BlockingRule r : blocking) rules.add(r.toString());
        b.put("maxBlockSize", maxBlockSize);
        ArrayNode cs = root.putArray("comparisons");
        List<Comparison> comparisons = model.comparisons();
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison cmp = comparisons.get(c);
            ObjectNode o = cs.addObject();
            o.put("column", cmp.column());
            o.put("kind", kinds.get(c).name().toLowerCase(Locale.ROOT));
            ArrayNode labels = o.putArray("levels"), ms = o.putArray("m"), us = o.putArray("u");
            for (int l = 1; l < cmp.levelCount(); l++) {
                labels.add(cmp.levels().get(l));
                ms.add(model.m(c, l));
                us.add(model.u(c, l));
            }
        }
        // Only a reviewed model has the field, so an unreviewed model keeps the version it always had.
        if (!reviewed.isEmpty()) {
            ArrayNode rs = root.putArray("reviewed");
            reviewed.forEach((pattern, answers) -> {
                ObjectNode r = rs.addObject();
                ObjectNode levels = r.putObject("levels");
                for (int c = comparisons.size() - 1, shift = 0; c >= 0; c--, shift += 4) {
                    int level = (int) ((pattern >>> shift) & 0xf);
                    if (level != Comparison.NULL) levels.put(comparisons.get(c).column(), comparisons.get(c).levels().get(level));
                }
                r.put("same", answers[0]).put("different", answers[1]);
            });
        }
        return root;
    }

    private static void add(List<FieldKind> kinds, List<Comparison> comparisons, List<double[]> m, List<double[]> u,
                            FieldKind kind, String column, double[] mLevels, double[] uLevels) {
        Comparison cmp = kind.comparison(column);
        if (mLevels.length != cmp.levelCount() - 1 || uLevels.length != cmp.levelCount() - 1)
            throw new IllegalStateException(column + ": one m and one u per non-null level");
        kinds.add(kind);
        comparisons.add(cmp);
        m.add(prepend0(mLevels));
        u.add(prepend0(uLevels));
    }

    private static double[] prepend0(double[] levels) {
        double[] out = new double[levels.length + 1];
        System.arraycopy(levels, 0, out, 1, levels.length);
        return out;
    }

    private static double[] withNullLevel(JsonNode array, int levels, String what) {
        if (!array.isArray() || array.size() != levels)
            throw new IllegalArgumentException(what + " needs " + levels + " numbers");
        double[] out = new double[levels + 1];
        for (int l = 0; l < levels; l++) {
            JsonNode n = array.get(l);
            if (!n.isNumber()) throw new IllegalArgumentException(what + " holds a non-number: " + n);
            out[l + 1] = n.asDouble();
            if (!(out[l + 1] > 0 && out[l + 1] <= 1)) throw new IllegalArgumentException(what + " must be in (0, 1]: " + n);
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("person match model lacks '" + field + "'");
        return v;
    }

    private static String column(String column) {
        if (!PersonProfile.COLUMNS.contains(column))
            throw new IllegalArgumentException("'" + column + "' is not a person profile column " + PersonProfile.COLUMNS);
        return column;
    }
}
