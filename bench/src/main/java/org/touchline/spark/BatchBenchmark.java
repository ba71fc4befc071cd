package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.touchline.domain.Identifier;
import org.touchline.domain.PeakHeap;
import org.touchline.domain.Progress;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code touchline spark bench}: batch identity resolution on generated people ({@link SyntheticExport}), Spark in
 * local mode against the same resolution in one process ({@link LocalResolver}), in one JVM, one after the other: time
 * and peak heap of each, and whether they found the same clusters. Spark's time runs from reading the Parquet
 * (identifiers) to the decisions and clusters written; the in-process time from the identifiers in memory to the
 * clusters (folding them into profiles included). In local mode Spark's executors are threads of this JVM, so the
 * peak heap covers driver and executors alike. Progress on stderr; a Markdown table on stdout.
 */
@Command(name = "bench", description = {"Spark local mode against the in-process batch resolver on generated people: time, peak heap,",
        "candidate pairs and whether both find the same clusters. Progress on stderr, a Markdown table on stdout."})
final class BatchBenchmark implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "1000000,10000000", paramLabel = "N,...", description = "people per run (default ${DEFAULT-VALUE})") List<Integer> sizes;
    @Option(names = "--seed", defaultValue = "1969") long seed;
    @Option(names = "--work", defaultValue = "target/spark-bench", paramLabel = "DIR", description = "where the Parquet inputs and outputs go") Path work;
    @Option(names = "--in-process-max", defaultValue = "10000000", paramLabel = "N",
            description = "largest size the in-process resolver is run at (it holds every profile in the heap; default ${DEFAULT-VALUE})") int inProcessMax;
    @Mixin SparkJobs.Master master = new SparkJobs.Master();

    record Result(int people, long identifiers, String engine, double seconds, long peakBytes, long liveBytes, long candidates, long links, long reviews,
                  long clustered, String sameClusters) {}

    @Override
    public Integer call() throws IOException {
        PersonMatchModel model = PersonMatchModel.defaults();
        Files.createDirectories(work);
        List<Result> results = new ArrayList<>();
        PeakHeap heap = new PeakHeap();
        System.err.printf(Locale.ROOT, "spark bench: %d cores, max heap %,d MiB, Java %s, master %s, model %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                master.master, model.version().substring(0, 12));
        try (SparkSession spark = Sessions.open("bench", master.master)) {
            warmUp(spark, model);
            spark.sparkContext().addSparkListener(new StageProgress(System.err));
            for (int n : sizes) {
                String input = work.resolve("people-" + n).toString();
                System.err.printf(Locale.ROOT, "%,d people: writing the input%n", n);
                long identifiers = SyntheticExport.write(spark, seed, n, input);

                // About 250,000 people a shuffle partition: at ten million, four partitions would each sort gigabytes.
                spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(Math.max(2 * Runtime.getRuntime().availableProcessors(), n / 250_000)));
                System.err.printf(Locale.ROOT, "%,d people: Spark %s, %s shuffle partitions%n", n, master.master, spark.conf().get("spark.sql.shuffle.partitions"));
                System.gc();
                heap.reset();
                long t0 = System.nanoTime();
                Dataset<Row> profiles = CustomerProfiles.of(spark.read().parquet(input));
                BatchResolver.Run run = new BatchResolver(model).run(profiles, Instant.EPOCH);
                DecisionFiles.write(run, work.resolve("out-" + n).toString());
                long links = run.links().count(), reviews = run.reviews().count();
                double sparkSeconds = (System.nanoTime() - t0) / 1e9;
                long sparkPeak = heap.peakInUse(), sparkLive = heap.afterCollectionBytes();
                Map<String, String> sparkClusters = null;
                long clustered = spark.read().parquet(work.resolve("out-" + n).resolve(DecisionFiles.CLUSTERS).toString()).count();
                if (n <= inProcessMax) {
                    sparkClusters = new HashMap<>();
                    for (Row r : spark.read().parquet(work.resolve("out-" + n).resolve(DecisionFiles.CLUSTERS).toString()).collectAsList())
                        sparkClusters.put(r.getString(0), r.getString(1));
                }
                run.pairs().unpersist();
                results.add(new Result(n, identifiers, "Spark " + master.master, sparkSeconds, sparkPeak, sparkLive, run.candidates(), links, reviews, clustered, "—"));

                if (n > inProcessMax) {
                    System.err.printf(Locale.ROOT, "%,d people: in-process skipped (over --in-process-max %,d)%n", n, inProcessMax);
                    continue;
                }
                System.err.printf(Locale.ROOT, "%,d people: in process%n", n);
                List<String> customers = new ArrayList<>(n);
                List<List<Identifier>> records = new ArrayList<>(n);
                SyntheticExport.forEach(seed, n, (c, ids) -> {
                    customers.add(c);
                    records.add(ids);
                });
                System.gc();
                heap.reset();
                t0 = System.nanoTime();
                List<PersonProfile> people = new ArrayList<>(n);
                // Folded and let go one by one: at ten million the identifiers alone are gigabytes.
                for (int i = 0; i < records.size(); i++) {
                    people.add(PersonProfile.of(records.get(i)));
                    records.set(i, null);
                }
                LocalResolver.Run local = new LocalResolver(model).run(customers, people, new StderrProgress(System.err));
                double localSeconds = (System.nanoTime() - t0) / 1e9;
                long localPeak = heap.peakInUse(), localLive = heap.afterCollectionBytes();
                String same = local.clusters().equals(sparkClusters) ? "yes" : "NO";
                results.add(new Result(n, identifiers, "in process", localSeconds, localPeak, localLive, local.candidates(), local.links().size(),
                        local.reviews().size(), local.clusters().size(), same));
            }
        }
        print(results);
        return 0;
    }

    /** One small run first, unreported: the first Spark job of a session pays for code generation and class loading. */
    private void warmUp(SparkSession spark, PersonMatchModel model) {
        String input = work.resolve("people-warm-up").toString();
        SyntheticExport.write(spark, seed, 2_000, input);
        BatchResolver.Run run = new BatchResolver(model).run(CustomerProfiles.of(spark.read().parquet(input)), Instant.EPOCH);
        run.links().count();
        run.clusters().count();
        run.pairs().unpersist();
        List<String> customers = new ArrayList<>();
        List<PersonProfile> people = new ArrayList<>();
        SyntheticExport.forEach(seed, 2_000, (c, ids) -> {
            customers.add(c);
            people.add(PersonProfile.of(ids));
        });
        new LocalResolver(model).run(customers, people, Progress.NONE);
    }

    private static void print(List<Result> results) {
        System.out.println("| people | identifiers | engine | time | people/s | peak heap | peak after GC | candidate pairs | links | reviews | customers in clusters | same clusters |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results)
            System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %.1f s | %,.0f | %,d MiB | %,d MiB | %,d | %,d | %,d | %,d | %s |%n", r.people(), r.identifiers(),
                    r.engine(), r.seconds(), r.people() / r.seconds(), r.peakBytes() >> 20, r.liveBytes() >> 20, r.candidates(), r.links(), r.reviews(), r.clustered(),
                    r.sameClusters());
    }
}
