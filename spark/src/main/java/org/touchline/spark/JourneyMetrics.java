package org.touchline.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.touchline.journeys.FlowMetrics;
import org.touchline.journeys.FlowQuery;
import org.touchline.journeys.FunnelQuery;
import org.touchline.journeys.FunnelResult;
import org.touchline.journeys.JourneyAnalytics;
import org.touchline.journeys.Split;
import org.touchline.journeys.Stage;
import org.touchline.journeys.StageMap;
import org.touchline.journeys.Touch;
import org.touchline.journeys.TouchFilter;
import org.touchline.journeys.TouchTable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code touchline spark journeys}: a funnel split by the channel customers entered it through, and lead times of
 * converted journeys by the channel of the decision, over an export. The journey logic is the journeys module's own:
 * Spark gathers each customer's touches into one partition, and per partition the engine ({@code Funnels},
 * {@link FlowMetrics}) runs on a table of those customers, staged by the same {@link StageMap}; Spark then adds the
 * per-partition counts and takes the nearest-rank percentiles ({@code percentile_disc}, as {@code Percentile} defines
 * them) of all lead times. Only customers who allow analytics are counted, as in the node's analytics.
 */
final class JourneyMetrics {
    static final StructType PARTIAL = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("group", DataTypes.StringType, false)
            .add("step", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType, true)
            .add("value", DataTypes.LongType, false);
    /** The funnel's split over all channels together. */
    static final String ALL = "all";

    /** Units that reached a funnel step, within one channel group ({@link #ALL} for the whole funnel). */
    record FunnelStep(String group, int step, String name, long entered) {}

    /** Converted journeys whose decision came through a channel, and their lead times' median and 90th percentile. */
    record LeadTimes(String channel, long journeys, long p50Seconds, long p90Seconds) {}

    record Report(List<FunnelStep> funnel, List<LeadTimes> leadTimes) {}

    private JourneyMetrics() {}

    /** The funnel through {@code stages}, in order, and lead times; {@code stageYaml} null for the shipped stage map. */
    static Report run(Dataset<Row> export, String stageYaml, List<Stage> stages) {
        List<String> stageIds = stages.stream().map(Stage::id).toList();
        int partitions = Math.max(1, export.sparkSession().sparkContext().defaultParallelism() * 2);
        Dataset<Row> touches = export.where(col("analytics"))
                .select("customer", "occurred_at", "channel", "type", "source", "products", "agent_id")
                .repartition(partitions, col("customer"));
        Dataset<Row> partial = touches.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> partition(rows, stageYaml, stageIds),
                Encoders.row(PARTIAL)).persist(StorageLevel.MEMORY_AND_DISK());

        List<FunnelStep> funnel = new ArrayList<>();
        for (Row r : partial.where(col("kind").equalTo("funnel")).groupBy("group", "step", "name").agg(sum("value").as("entered"))
                .orderBy("group", "step").collectAsList())
            funnel.add(new FunnelStep(r.getString(0), r.getInt(1), r.getString(2), r.getLong(3)));
        List<LeadTimes> leads = new ArrayList<>();
        for (Row r : partial.where(col("kind").equalTo("lead")).groupBy("group")
                .agg(count("*").as("n"), expr("percentile_disc(0.5) WITHIN GROUP (ORDER BY value)").as("p50"),
                        expr("percentile_disc(0.9) WITHIN GROUP (ORDER BY value)").as("p90"))
                .orderBy("group").collectAsList())
            leads.add(new LeadTimes(r.getString(0), r.getLong(1), ((Number) r.get(2)).longValue(), ((Number) r.get(3)).longValue()));
        partial.unpersist();
        return new Report(funnel, leads);
    }

    /** The funnel query the job and its in-process cross-check both run: counts unsuppressed (minimum 1), split by channel. */
    static FunnelQuery funnel(List<Stage> stages) {
        List<FunnelQuery.Step> steps = new ArrayList<>();
        for (Stage s : stages) steps.add(new FunnelQuery.Step(s.id(), TouchFilter.stage(s), null));
        return new FunnelQuery(steps, null, null).withSplit(Split.CHANNEL).withMinimumCount(1);
    }

    static StageMap stageMap(String yaml) {
        if (yaml == null) return StageMap.defaults();
        try {
            return StageMap.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "stage map");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One partition's customers through the journeys engine: funnel counts per channel group, and each lead time. */
    private static Iterator<Row> partition(Iterator<Row> rows, String stageYaml, List<String> stageIds) {
        TouchTable.Builder b = TouchTable.builder(stageMap(stageYaml));
        while (rows.hasNext()) {
            Row r = rows.next();
            b.add(new Touch(r.getString(0), null, null, r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4),
                    r.<String>getList(5), null, r.getString(6)));
        }
        List<Row> out = new ArrayList<>();
        if (b.size() == 0) return out.iterator();
        TouchTable table = b.build();
        FunnelResult f = new JourneyAnalytics(table).funnel(funnel(stageIds.stream().map(Stage::of).toList()));
        emit(out, ALL, f.steps());
        for (FunnelResult.Group g : f.groups()) emit(out, g.value(), g.steps());
        new FlowMetrics(table).eachLeadTime(FlowQuery.all(), (channel, product, seconds) ->
                out.add(RowFactory.create("lead", channel, -1, null, seconds)));
        return out.iterator();
    }

    private static void emit(List<Row> out, String group, List<FunnelResult.StepResult> steps) {
        for (int s = 0; s < steps.size(); s++)
            out.add(RowFactory.create("funnel", group, s, steps.get(s).name(), steps.get(s).entered() == null ? 0L : steps.get(s).entered()));
    }
}
