package org.touchline.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.touchline.domain.IdentityDecision;
import org.touchline.identity.OnlineProfiles;
import org.touchline.identity.ProfileMatcher;
import org.touchline.identity.match.Decision;
import org.touchline.identity.match.MatchScore;
import org.touchline.identity.match.OnlineMatch;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;
import org.touchline.identity.match.PreparedProfile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

/**
 * Batch identity resolution in Spark with the online resolver's own model ({@link PersonMatchModel}: the node's
 * {@code identity-model.json}, else the defaults), so a batch run and the live path decide every pair alike:
 * <ol>
 *   <li><b>blocking</b>: each matchable profile's key under each of the model's rules ({@code BlockingRule.keys}, as
 *   {@code OnlineMatcher} indexes it); blocks of more than {@code maxBlockSize} customers are not scored, as online;</li>
 *   <li><b>scoring</b>: every pair sharing a block, once, by {@link PersonMatchModel#score} and the online resolver's
 *   decision ({@link OnlineProfiles#judge}: thresholds, then the housemate rule);</li>
 *   <li><b>clustering</b>: connected components of the linked pairs ({@link Clusters}).</li>
 * </ol>
 * Identity-module code runs inside the Spark functions; they carry the model as its canonical JSON ({@link Models}).
 */
final class BatchResolver {
    /** Scored pairs at or above the review threshold: {@code leaf} is the identity decision entry to record or review. */
    static final StructType PAIRS = new StructType()
            .add("a", DataTypes.StringType, false)
            .add("b", DataTypes.StringType, false)
            .add("link", DataTypes.BooleanType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("leaf", DataTypes.StringType, false);
    static final StructType KEYED = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("profile", DataTypes.BinaryType, false)
            .add("keys", DataTypes.createArrayType(DataTypes.StringType, true), false);
    static final StructType MEMBERS = new StructType()
            .add("rule", DataTypes.IntegerType, false)
            .add("key", DataTypes.StringType, false)
            .add("customer", DataTypes.StringType, false)
            .add("profile", DataTypes.BinaryType, false)
            .add("keys", DataTypes.createArrayType(DataTypes.StringType, true), false)
            .add("sizes", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
    static final StructType CANDIDATES = new StructType()
            .add("a", DataTypes.StringType, false)
            .add("b", DataTypes.StringType, false);
    /** Who records the decisions of a batch run. */
    static final String ACTOR = "touchline spark resolve";

    private final PersonMatchModel model;

    BatchResolver(PersonMatchModel model) { this.model = model; }

    /**
     * What a run found: the pairs it links and reviews, each linked customer's cluster, and how many candidate pairs it
     * scored (counted as they are scored, so a benchmark needs no second pass; a task Spark retries would count twice).
     */
    record Run(Dataset<Row> pairs, Dataset<Row> clusters, long candidates) {
        Dataset<Row> links() { return pairs.where(col("link")); }

        Dataset<Row> reviews() { return pairs.where(col("link").equalTo(false)); }
    }

    /** Resolves {@code profiles} ({@link CustomerProfiles#SCHEMA}); {@code at} stamps the decision entries. */
    Run run(Dataset<Row> profiles, Instant at) {
        String json = model.toJson();
        long stamp = at.toEpochMilli();
        int cap = model.maxBlockSize();
        LongAccumulator scored = profiles.sparkSession().sparkContext().longAccumulator("candidate pairs scored");
        Dataset<Row> pairs = blocks(profiles)
                .flatMap((FlatMapFunction<Row, Row>) block -> pairsOf(json, cap, block, stamp, scored), Encoders.row(PAIRS))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // Scored once, here: the clustering reads the links twice at once (both directions), and two readers of a
        // persisted Dataset that is not yet filled would each compute it.
        pairs.count();
        Dataset<Row> clusters = Clusters.of(pairs.where(col("link")).select("a", "b"));
        return new Run(pairs, clusters, scored.value());
    }

    /** Pairs of customers (a &lt; b) that share a block of at most {@code maxBlockSize} under any rule, each once. */
    Dataset<Row> candidates(Dataset<Row> profiles) {
        String json = model.toJson();
        int cap = model.maxBlockSize();
        return blocks(profiles).flatMap((FlatMapFunction<Row, Row>) block -> pairsOf(json, cap, block, 0, null), Encoders.row(CANDIDATES));
    }

    /**
     * The blocks to score: for each rule and key shared by 2 to {@code maxBlockSize} customers, the members with their
     * profiles, all their keys and the sizes of all their blocks. Profiles travel to their blocks once; pairs never
     * travel: each is scored inside the block of the first rule that holds both (see {@link #pairsOf}).
     */
    private Dataset<Row> blocks(Dataset<Row> profiles) {
        String json = model.toJson();
        int cap = model.maxBlockSize();
        Dataset<Row> keyed = profiles.flatMap((FlatMapFunction<Row, Row>) r -> keyed(json, r), Encoders.row(KEYED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> sizes = keyed.select(col("customer"), posexplode(col("keys")).as(new String[]{"rule", "key"}))
                .where(col("key").isNotNull())
                .withColumn("size", count("*").over(Window.partitionBy("rule", "key")))
                .groupBy("customer").agg(sort_array(collect_list(struct(col("rule"), col("size")))).as("sizes"));
        return keyed.join(sizes, "customer")
                .flatMap((FlatMapFunction<Row, Row>) m -> memberships(m, cap), Encoders.row(MEMBERS))
                .groupBy("rule", "key").agg(collect_list(struct(col("customer"), col("profile"), col("keys"), col("sizes"))).as("members"));
    }

    /** A matchable profile with its key under each rule (null where it gives none), as {@code OnlineMatcher} indexes it. */
    private static Iterator<Row> keyed(String json, Row r) {
        PersonMatchModel model = Models.of(json);
        PersonProfile p = PersonProfile.fromPacked((byte[]) r.get(1));
        if (!p.matchable()) return Collections.emptyIterator();
        var record = p.toMatchRecord("");
        String[] keys = new String[model.blocking().size()];
        boolean any = false;
        for (int rule = 0; rule < keys.length; rule++) {
            List<String> k = model.blocking().get(rule).keys(record);
            if (!k.isEmpty()) {
                keys[rule] = k.get(0);
                any = true;
            }
        }
        return any ? List.of(RowFactory.create(r.getString(0), r.get(1), keys)).iterator() : Collections.emptyIterator();
    }

    /** One row per block a customer is in that is small enough to score, carrying the sizes of all its blocks. */
    private static Iterator<Row> memberships(Row m, int cap) {
        List<String> keys = m.getList(2);
        int[] sizes = sizes(m.getList(3), keys.size());
        List<Row> out = new ArrayList<>();
        for (int rule = 0; rule < keys.size(); rule++)
            if (keys.get(rule) != null && sizes[rule] >= 2 && sizes[rule] <= cap)
                out.add(RowFactory.create(rule, keys.get(rule), m.getString(0), m.get(1), keys.toArray(String[]::new), sizes));
        return out.iterator();
    }

    private static int[] sizes(List<Row> bySize, int rules) {
        int[] out = new int[rules];
        for (Row s : bySize) out[s.getInt(0)] = (int) s.getLong(1);
        return out;
    }

    /**
     * The pairs of one block, each pair only in the block of the first rule under which both share a scored block,
     * so a pair found by several rules is scored once, as the union of candidates in {@code Blocking} takes it once.
     * With {@code scored} (counting the pairs scored), the decided pairs; without, every candidate.
     */
    private static Iterator<Row> pairsOf(String json, int cap, Row block, long stamp, LongAccumulator scored) {
        boolean score = scored != null;
        int rule = block.getInt(0);
        List<Row> members = new ArrayList<>(block.<Row>getList(2));
        members.sort(Comparator.comparing((Row r) -> r.getString(0)));
        PersonMatchModel model = score ? Models.of(json) : null;
        Instant at = Instant.ofEpochMilli(stamp);
        // Each member is decoded and prepared once for all its pairs in the block: the per-value work (Double Metaphone
        // of names, address tokens) was most of a pair's time when done per pair.
        PreparedProfile[] profiles = new PreparedProfile[members.size()];
        List<Row> out = new ArrayList<>();
        for (int x = 0; x < members.size(); x++) {
            Row a = members.get(x);
            List<String> ka = a.getList(2);
            List<Integer> sa = a.getList(3);
            for (int y = x + 1; y < members.size(); y++) {
                Row b = members.get(y);
                if (sharedEarlier(ka, sa, b.getList(2), rule, cap)) continue;
                if (!score) {
                    out.add(RowFactory.create(a.getString(0), b.getString(0)));
                    continue;
                }
                scored.add(1);
                if (profiles[x] == null) profiles[x] = model.prepare(PersonProfile.fromPacked((byte[]) a.get(1)));
                if (profiles[y] == null) profiles[y] = model.prepare(PersonProfile.fromPacked((byte[]) b.get(1)));
                decide(model, a.getString(0), profiles[x], b.getString(0), profiles[y], at)
                        .ifPresent(d -> out.add(RowFactory.create(d.a(), d.b(), d.link(), d.probability(), d.leaf())));
            }
        }
        return out.iterator();
    }

    /** Whether two members of a block of {@code rule} also share a block of an earlier rule that is scored. */
    private static boolean sharedEarlier(List<String> ka, List<Integer> sa, List<String> kb, int rule, int cap) {
        for (int r = 0; r < rule; r++)
            if (ka.get(r) != null && ka.get(r).equals(kb.get(r)) && sa.get(r) >= 2 && sa.get(r) <= cap) return true;
        return false;
    }

    /**
     * The decision on one pair, as the online resolver takes it for a record and its best candidate: nothing below the
     * review threshold; else a link (recorded as an accepted review, actor {@link #ACTOR}) or a review.
     */
    static Optional<PairDecision> decide(PersonMatchModel model, String a, PreparedProfile pa, String b, PreparedProfile pb, Instant at) {
        MatchScore score = model.score(pa, pb);
        Decision d = model.thresholds().route(score.probability());
        if (d == Decision.NO_LINK) return Optional.empty();
        Optional<ProfileMatcher.Match> m = OnlineProfiles.judge(model, new OnlineMatch(b, score, d, List.of(), 1, model.version()));
        if (m.isEmpty()) return Optional.empty();
        ProfileMatcher.Match match = m.get();
        String rule = "batch " + match.rule();
        IdentityDecision decision = match.link()
                ? new IdentityDecision(IdentityDecision.REVIEW_ACCEPTED, -1, at, a, b, null, null, null, rule, match.score(), ACTOR, null, null)
                : new IdentityDecision(IdentityDecision.REVIEW, -1, at, a, b, null, null, null, rule, match.score(), null, null, null);
        return Optional.of(new PairDecision(a, b, match.link(), score.probability(), new String(decision.leaf(), StandardCharsets.UTF_8)));
    }

    /** One pair's decision: {@code leaf} is the identity decision entry (a link to record, or a review for a person). */
    record PairDecision(String a, String b, boolean link, double probability, String leaf) {}
}
