package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

/**
 * Connected components of linked pairs in Spark, by label propagation: every customer starts as its own label and
 * takes the smallest label among itself and its neighbours until no label changes. Duplicates form small clusters
 * of small diameter, so a few rounds suffice; each round's labels are checkpointed locally so the plan stays short.
 * Result: {@code customer}, {@code cluster} (the smallest customer id in the component); unlinked customers are absent.
 */
final class Clusters {
    private Clusters() {}

    static Dataset<Row> of(Dataset<Row> links) {
        Dataset<Row> edges = links.select(col("a").as("src"), col("b").as("dst"))
                .union(links.select(col("b").as("src"), col("a").as("dst"))).distinct().localCheckpoint();
        Dataset<Row> labels = edges.select(col("src").as("customer")).distinct()
                .withColumn("cluster", col("customer")).localCheckpoint();
        while (true) {
            Dataset<Row> offered = edges.join(labels.withColumnRenamed("customer", "dst"), "dst")
                    .groupBy("src").agg(min("cluster").as("offered"));
            Dataset<Row> next = labels.join(offered, labels.col("customer").equalTo(offered.col("src")))
                    .select(col("customer"), least(col("cluster"), col("offered")).as("cluster"),
                            col("offered").lt(col("cluster")).as("moved")).localCheckpoint();
            labels = next.select("customer", "cluster");
            if (next.where(col("moved")).isEmpty()) return labels;
        }
    }
}
