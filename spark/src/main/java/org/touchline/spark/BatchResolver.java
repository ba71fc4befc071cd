package org.touchline.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.touchline.domain.IdentityDecision;
import org.touchline.identity.OnlineProfiles;
import org.touchline.identity.ProfileMatcher;
import org.touchline.identity.match.Decision;
import org.touchline.identity.match.MatchScore;
import org.touchline.identity.match.OnlineMatch;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.size;

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
    static final StructType KEYS = new StructType()
            .add("rule", DataTypes.IntegerType, false)
            .add("key", DataTypes.StringType, false)
            .add("customer", DataTypes.StringType, false);
    static final StructType CANDIDATES = new StructType()
            .add("a", DataTypes.StringType, false)
            .add("b", DataTypes.StringType, false);
    /** Who records the decisions of a batch run. */
    static final String ACTOR = "touchline spark resolve";

    private final PersonMatchModel model;

    BatchResolver(PersonMatchModel model) { this.model = model; }

    /** What a run found: the pairs it links and reviews, and each linked customer's cluster. */
    record Run(Dataset<Row> pairs, Dataset<Row> clusters) {
        Dataset<Row> links() { return pairs.where(col("link")); }

        Dataset<Row> reviews() { return pairs.where(col("link").equalTo(false)); }
    }

    /** Resolves {@code profiles} ({@link CustomerProfiles#SCHEMA}); {@code at} stamps the decision entries. */
    Run run(Dataset<Row> profiles, Instant at) {
        String json = model.toJson();
        // Read three times (blocking keys, both sides of each pair): folded from the export once.
        profiles = profiles.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> withProfiles = candidates(profiles)
                .join(profiles.withColumnRenamed("customer", "a").withColumnRenamed("profile", "pa"), "a")
                .join(profiles.withColumnRenamed("customer", "b").withColumnRenamed("profile", "pb"), "b")
                .select("a", "pa", "b", "pb");
        long stamp = at.toEpochMilli();
        Dataset<Row> pairs = withProfiles.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> score(json, stamp, rows), Encoders.row(PAIRS))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> clusters = Clusters.of(pairs.where(col("link")).select("a", "b"));
        return new Run(pairs, clusters);
    }

    /** Pairs of customers (a &lt; b) that share a block of at most {@code maxBlockSize} under any rule, each once. */
    Dataset<Row> candidates(Dataset<Row> profiles) {
        String json = model.toJson();
        int cap = model.maxBlockSize();
        Dataset<Row> keys = profiles.flatMap((FlatMapFunction<Row, Row>) r -> keys(json, r), Encoders.row(KEYS));
        return keys.groupBy("rule", "key").agg(collect_list("customer").as("members"))
                .where(size(col("members")).between(2, cap))
                .flatMap((FlatMapFunction<Row, Row>) BatchResolver::pairsInBlock, Encoders.row(CANDIDATES))
                .distinct();
    }

    /** A profile's block under each rule; none when it is not matchable (a name and a date of birth, postcode or address). */
    private static Iterator<Row> keys(String json, Row r) {
        PersonMatchModel model = Models.of(json);
        PersonProfile p = PersonProfile.fromPacked((byte[]) r.get(1));
        if (!p.matchable()) return java.util.Collections.emptyIterator();
        var record = p.toMatchRecord("");
        List<Row> out = new ArrayList<>();
        for (int rule = 0; rule < model.blocking().size(); rule++) {
            List<String> k = model.blocking().get(rule).keys(record);
            if (!k.isEmpty()) out.add(RowFactory.create(rule, k.get(0), r.getString(0)));
        }
        return out.iterator();
    }

    /** Every pair of a block's customers, the smaller id first. */
    private static Iterator<Row> pairsInBlock(Row block) {
        List<String> m = new ArrayList<>(block.<String>getList(2));
        m.sort(null);
        List<Row> out = new ArrayList<>();
        for (int x = 0; x < m.size(); x++)
            for (int y = x + 1; y < m.size(); y++)
                if (!m.get(x).equals(m.get(y))) out.add(RowFactory.create(m.get(x), m.get(y)));
        return out.iterator();
    }

    private static Iterator<Row> score(String json, long stamp, Iterator<Row> rows) {
        PersonMatchModel model = Models.of(json);
        Instant at = Instant.ofEpochMilli(stamp);
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String a = r.getString(0), b = r.getString(2);
            PersonProfile pa = PersonProfile.fromPacked((byte[]) r.get(1)), pb = PersonProfile.fromPacked((byte[]) r.get(3));
            decide(model, a, pa, b, pb, at).ifPresent(d -> out.add(RowFactory.create(d.a(), d.b(), d.link(), d.probability(), d.leaf())));
        }
        return out.iterator();
    }

    /**
     * The decision on one pair, as the online resolver takes it for a record and its best candidate: nothing below the
     * review threshold; else a link (recorded as an accepted review, actor {@link #ACTOR}) or a review.
     */
    static Optional<PairDecision> decide(PersonMatchModel model, String a, PersonProfile pa, String b, PersonProfile pb, Instant at) {
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
