package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.Progress;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.journeys.FlowQuery;
import org.touchline.journeys.FlowReport;
import org.touchline.journeys.FunnelResult;
import org.touchline.journeys.JourneyAnalytics;
import org.touchline.journeys.Stage;
import org.touchline.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

/** The jobs on a real ledger: {@link DemoLedger}, a small demo company and Harriet, whom the online resolver left as two. */
class LedgerJobsTest {
    @TempDir static Path dir;
    static DemoLedger ledger;
    static Path data;
    static SparkSession spark;
    static String personal, plain;
    static String harrietWithDob, harrietWithPostcode;

    @BeforeAll
    static void ledgerAndExports() throws Exception {
        spark = TestSpark.session();
        ledger = DemoLedger.create(dir);
        data = ledger.data();
        harrietWithDob = ledger.harrietWithDob();
        harrietWithPostcode = ledger.harrietWithPostcode();
        assertThat(harrietWithDob).isNotEqualTo(harrietWithPostcode);
        personal = dir.resolve("export-personal").toString();
        plain = dir.resolve("export-plain").toString();
        try (OpenNode open = OpenNode.at(data)) {
            LedgerExport.run(open.node(), spark, personal, true, Progress.NONE);
            LedgerExport.run(open.node(), spark, plain, false, Progress.NONE);
        }
    }

    @Test
    void theExportHoldsEveryTimelineEntryWithItsLeafsValues() throws Exception {
        try (OpenNode open = OpenNode.at(data)) {
            long[] timeline = {0};
            for (String role : List.of("subject", "affected")) open.node().projections().allTimeline(role, r -> {
                if (!r.role().equals("identity")) timeline[0]++;
            });
            Dataset<Row> export = spark.read().parquet(plain);
            assertThat(export.where(col("role").isin("subject", "affected")).count()).isEqualTo(timeline[0]);
            Row row = export.where(col("customer").equalTo(harrietWithPostcode)).first();
            InteractionEntry leaf = InteractionEntry.parse(open.node().ledger().leaf(row.getLong(row.fieldIndex("entry"))));
            assertThat(row.getString(row.fieldIndex("channel"))).isEqualTo(leaf.channel());
            assertThat(row.getString(row.fieldIndex("type"))).isEqualTo(leaf.type());
            assertThat(row.getTimestamp(row.fieldIndex("occurred_at")).toInstant()).isEqualTo(leaf.occurredAt());
            assertThat(row.getString(row.fieldIndex("month"))).isEqualTo("2026-10");
        }
    }

    @Test
    void withoutPersonalTheExportHoldsNoIdentifiersAndCannotBeResolved() {
        Dataset<Row> export = spark.read().parquet(plain);
        assertThat(export.columns()).doesNotContain("identifiers");
        assertThatThrownBy(() -> CustomerProfiles.of(export)).hasMessageContaining("--personal");
    }

    @Test
    void withPersonalTheExportHoldsOnlyTheIdentifiersTheMatcherReads() {
        List<Row> types = spark.read().parquet(personal).selectExpr("explode(identifiers) as id").select("id.type").distinct().collectAsList();
        assertThat(types).extracting(r -> r.getString(0)).isNotEmpty().allMatch(LedgerExport.MATCH_TYPES::contains);
    }

    @Test
    void journeyMetricsEqualTheNodesOwnAnalytics() {
        List<Stage> stages = List.of(Stage.AWARENESS, Stage.INTEREST, Stage.CONSIDERATION, Stage.DECISION);
        JourneyMetrics.Report spark = JourneyMetrics.run(LedgerJobsTest.spark.read().parquet(personal), null, stages);
        JourneyAnalytics node;
        try (OpenNode open = OpenNode.at(data)) {
            node = open.node().analytics().refresh(Progress.NONE).queries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FunnelResult funnel = node.funnel(JourneyMetrics.funnel(stages));
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (int s = 0; s < funnel.steps().size(); s++) expected.add(JourneyMetrics.ALL + "/" + s + "/" + funnel.steps().get(s).entered());
        for (FunnelResult.Group g : funnel.groups())
            for (int s = 0; s < g.steps().size(); s++) expected.add(g.value() + "/" + s + "/" + g.steps().get(s).entered());
        for (JourneyMetrics.FunnelStep s : spark.funnel()) actual.add(s.group() + "/" + s.step() + "/" + s.entered());
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(funnel.steps().get(0).entered()).isPositive();

        FlowReport flow = node.flow(new FlowQuery(null, null, null, null, null, 1));
        List<String> leadExpected = flow.leadTimeByChannel().stream()
                .map(g -> g.key() + " " + g.distribution().count() + " " + g.distribution().p50Seconds() + " " + g.distribution().p90Seconds()).toList();
        List<String> leadActual = spark.leadTimes().stream().map(l -> l.channel() + " " + l.journeys() + " " + l.p50Seconds() + " " + l.p90Seconds()).toList();
        assertThat(leadActual).isNotEmpty().containsExactlyInAnyOrderElementsOf(leadExpected);
    }

    @Test
    void batchLinksFlowBackAsMergesAndTheLedgerStillVerifiesAndRebuildsAlike() throws Exception {
        Path copy = ledger.copyTo(dir.resolve("node-copy-" + System.nanoTime()));
        String out = dir.resolve("resolved").toString();
        BatchResolver.Run run = new BatchResolver(PersonMatchModel.defaults()).run(CustomerProfiles.of(spark.read().parquet(personal)), Instant.now());
        DecisionFiles.write(run, out);
        List<String> pair = new ArrayList<>(new TreeSet<>(List.of(harrietWithDob, harrietWithPostcode)));
        assertThat(run.links().where(col("a").equalTo(pair.get(0)).and(col("b").equalTo(pair.get(1)))).count()).isEqualTo(1);

        try (OpenNode open = OpenNode.at(copy)) {
            Node node = open.node();
            long before = node.ledger().size();
            DecisionFiles.Applied applied = DecisionFiles.apply(node, Path.of(out, DecisionFiles.DECISIONS));
            assertThat(applied.recorded()).isPositive();
            assertThat(node.customers().current(harrietWithDob)).isEqualTo(node.customers().current(harrietWithPostcode));
            IdentityDecision recorded = IdentityDecision.parse(node.ledger().leaf(before));
            assertThat(recorded.kind()).isEqualTo(IdentityDecision.REVIEW_ACCEPTED);
            assertThat(recorded.actor()).isEqualTo(BatchResolver.ACTOR);
            assertThat(node.verify(Progress.NONE).ok()).isTrue();
            String live = node.projections().digest();
            node.rebuild(Progress.NONE);
            assertThat(node.projections().digest()).isEqualTo(live);
            // A second apply finds every pair one customer already: nothing more is recorded.
            assertThat(DecisionFiles.apply(node, Path.of(out, DecisionFiles.DECISIONS)).recorded()).isZero();
        }
    }

    @Test
    void aDecisionsFileWithAnotherKindOfEntryIsRefusedNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad-decisions");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("part-00000.txt"), "{\"at\":\"2026-01-01T00:00:00Z\",\"decision\":\"rules\",\"kind\":\"identity\",\"v\":1}\n");
        try (OpenNode open = OpenNode.at(data)) {
            assertThatThrownBy(() -> DecisionFiles.apply(open.node(), bad))
                    .hasMessage("part-00000.txt line 1: field 'decision': a batch link is 'review-accepted' about no entry, not 'rules'");
        }
    }
}
