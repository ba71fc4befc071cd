package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Progress;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch resolution in Spark decides as the in-process resolver does, with the online resolver's model. */
class BatchResolverTest {
    private static final int PEOPLE = 2_500;
    private static final long SEED = 1969;
    private static final PersonMatchModel MODEL = PersonMatchModel.defaults();

    @TempDir static Path dir;
    static SparkSession spark;
    static BatchResolver.Run sparkRun;
    static LocalResolver.Run localRun;

    @BeforeAll
    static void resolveGeneratedPeopleBothWays() {
        spark = TestSpark.session();
        String input = dir.resolve("people").toString();
        SyntheticExport.write(spark, SEED, PEOPLE, input);
        sparkRun = new BatchResolver(MODEL).run(CustomerProfiles.of(spark.read().parquet(input)), Instant.EPOCH);
        List<String> customers = new ArrayList<>();
        List<PersonProfile> profiles = new ArrayList<>();
        SyntheticExport.forEach(SEED, PEOPLE, (c, ids) -> {
            customers.add(c);
            profiles.add(PersonProfile.of(ids));
        });
        localRun = new LocalResolver(MODEL).run(customers, profiles, Progress.NONE);
    }

    @Test
    void sparkFindsTheSameClustersAsTheInProcessResolver() {
        Map<String, String> clusters = new HashMap<>();
        for (Row r : sparkRun.clusters().collectAsList()) clusters.put(r.getString(0), r.getString(1));
        assertThat(localRun.clusters()).hasSizeGreaterThan(PEOPLE / 5); // a quarter of the people are duplicated
        assertThat(clusters).isEqualTo(localRun.clusters());
    }

    @Test
    void sparkLinksAndReviewsTheSamePairs() {
        assertThat(pairs(sparkRun.links())).isEqualTo(pairs(localRun.links()));
        assertThat(pairs(sparkRun.reviews())).isEqualTo(pairs(localRun.reviews())).isNotEmpty();
    }

    @Test
    void sparkScoresTheSameCandidatePairs() {
        String input = dir.resolve("people").toString();
        assertThat(new BatchResolver(MODEL).candidates(CustomerProfiles.of(spark.read().parquet(input))).count()).isEqualTo(localRun.candidates())
                .isEqualTo(sparkRun.candidates());
    }

    @Test
    void aLinkIsAnAcceptedReviewByTheBatchWithItsScoreAndModel() {
        Row link = sparkRun.links().orderBy("a", "b").first();
        IdentityDecision d = IdentityDecision.parse(link.getString(4).getBytes(StandardCharsets.UTF_8));
        assertThat(d.kind()).isEqualTo(IdentityDecision.REVIEW_ACCEPTED);
        assertThat(d.about()).isEqualTo(-1);
        assertThat(d.actor()).isEqualTo(BatchResolver.ACTOR);
        assertThat(List.of(d.customerId(), d.otherCustomerId())).containsExactly(link.getString(0), link.getString(1));
        assertThat(d.score().probability()).isGreaterThanOrEqualTo(MODEL.thresholds().upper());
        assertThat(d.rule()).contains(MODEL.version().substring(0, 12));
    }

    @Test
    void aBlockLargerThanTheModelsCapIsNotScored() {
        List<Identifier> same = List.of(new Identifier("name", "Ada Lovelace"), new Identifier("date_of_birth", "1815-12-10"),
                new Identifier("postcode", "W1 1AA"), new Identifier("address", "12 St James Square"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++)
            rows.add(RowFactory.create((long) i, "c" + i, "subject",
                    same.stream().map(x -> RowFactory.create(x.type(), x.value())).toArray(Row[]::new)));
        Dataset<Row> three = CustomerProfiles.of(spark.createDataFrame(rows, SyntheticExport.SCHEMA));
        assertThat(new BatchResolver(MODEL).candidates(three).count()).isEqualTo(3);
        assertThat(new BatchResolver(MODEL.withMaxBlockSize(2)).candidates(three).count()).isZero();
    }

    private static Set<String> pairs(Dataset<Row> pairs) {
        Set<String> out = new HashSet<>();
        for (Row r : pairs.select("a", "b").collectAsList()) out.add(r.getString(0) + "~" + r.getString(1));
        return out;
    }

    private static Set<String> pairs(List<String[]> pairs) {
        Set<String> out = new HashSet<>();
        for (String[] p : pairs) out.add(p[0] + "~" + p[1]);
        return out;
    }
}
