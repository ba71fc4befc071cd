package org.touchline.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spark/target/touchline-spark.jar} submitted with spark-submit to a real Spark 4.0.1 standalone cluster (a
 * master, a worker and its executor JVMs on Spark's own jars: Jackson 2.18, protobuf 4.29, ...) does what the same jobs
 * do in local mode, run as a user runs them ({@code touchline spark ...}: cli/target/touchline.jar launching the jobs on
 * touchline-spark.jar and classpath.txt): the same export, the same links, reviews and clusters, the same journey
 * numbers; and the links it writes, applied locally, merge what local mode's merge. Runs after {@code package}
 * ({@code mvn verify}).
 */
class SparkSubmitIT {
    private static final Path JAR = Path.of(System.getProperty("touchline.sparkJar", "target/touchline-spark.jar"));
    private static final Path SPARK_HOME = Path.of(System.getProperty("touchline.sparkHome", "target/spark-home"));
    private static final Path TOUCHLINE_JAR = Path.of(System.getProperty("touchline.jar", "../cli/target/touchline.jar"));

    @TempDir static Path dir;
    static DemoLedger ledger;
    static StandaloneCluster cluster;
    static TouchlineSpark touchlineSpark;
    static StandaloneCluster.Submitted clusterExport, clusterResolve, clusterJourneys;
    static String localExport, localResolve, localJourneys;

    @BeforeAll
    static void theJobsOnTheClusterAndInLocalMode() throws Exception {
        assertThat(JAR).as("the application jar (mvn package)").isRegularFile();
        assertThat(TOUCHLINE_JAR).as("the touchline command (mvn package)").isRegularFile();
        touchlineSpark = new TouchlineSpark(TOUCHLINE_JAR, dir.resolve("touchline-spark"));
        // 4 cores: resolve and journeys run at once, 2 cores each (--total-executor-cores 2).
        cluster = StandaloneCluster.start(SPARK_HOME, dir.resolve("cluster"), 4, "1g");
        ledger = DemoLedger.create(dir); // while the worker starts
        String data = ledger.data().toString();

        // Each job on the cluster beside the same in local mode (touchline spark).
        CompletableFuture<StandaloneCluster.Submitted> export =
                submitted("export", "--data", data, "--out", path("cluster/export"), "--personal");
        // A node's data directory is one process's at a time: local mode exports a copy.
        String copy = ledger.copyTo(dir.resolve("node-for-local")).toString();
        localExport = local("export", "--data", copy, "--out", path("local/export"), "--personal");
        clusterExport = export.join();
        CompletableFuture<StandaloneCluster.Submitted> resolve =
                submitted("resolve", "--export", path("cluster/export"), "--out", path("cluster/resolved"), "--data", data);
        CompletableFuture<StandaloneCluster.Submitted> journeys = submitted("journeys", "--export", path("cluster/export"));
        localResolve = local("resolve", "--export", path("local/export"), "--out", path("local/resolved"), "--data", data);
        localJourneys = local("journeys", "--export", path("local/export"));
        clusterResolve = resolve.join();
        clusterJourneys = journeys.join();
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void theExportWrittenOnTheClusterHoldsTheRowsLocalModeWrites() {
        assertThat(clusterExport.out()).isEqualTo(localExport.replace(path("local"), path("cluster")));
        SparkSession spark = TestSpark.session();
        List<String> onCluster = rows(spark, path("cluster/export")), inLocalMode = rows(spark, path("local/export"));
        assertThat(onCluster).hasSizeGreaterThan(1_000).isEqualTo(inLocalMode);
    }

    @Test
    void resolveOnTheClusterLinksReviewsAndClustersAsLocalModeDoes() throws IOException {
        assertThat(clusterResolve.out()).isEqualTo(localResolve.replace(path("local"), path("cluster")));
        List<IdentityDecision> links = decisions(path("cluster/resolved/decisions"));
        assertThat(links).extracting(d -> List.of(d.customerId(), d.otherCustomerId()))
                .contains(List.of(ledger.harrietWithDob(), ledger.harrietWithPostcode()).stream().sorted().toList());
        assertThat(links).isEqualTo(decisions(path("local/resolved/decisions")));
        assertThat(decisions(path("cluster/resolved/reviews"))).isEqualTo(decisions(path("local/resolved/reviews")));
        SparkSession spark = TestSpark.session();
        assertThat(rows(spark, path("cluster/resolved/clusters"))).isNotEmpty().isEqualTo(rows(spark, path("local/resolved/clusters")));
    }

    @Test
    void journeysOnTheClusterPrintTheFunnelAndLeadTimesLocalModePrints() {
        assertThat(clusterJourneys.out()).contains("lead time to decision by channel").isEqualTo(localJourneys);
    }

    @Test
    void theClustersLinksAppliedLocallyMergeWhatLocalModesLinksMerge() throws Exception {
        Path onCluster = ledger.copyTo(dir.resolve("applied-cluster")), inLocalMode = ledger.copyTo(dir.resolve("applied-local"));
        String applied = local("apply", "--data", onCluster.toString(), "--decisions", path("cluster/resolved/decisions"));
        assertThat(applied).startsWith("merges recorded: ").doesNotStartWith("merges recorded: 0;")
                .isEqualTo(local("apply", "--data", inLocalMode.toString(), "--decisions", path("local/resolved/decisions")));
        try (OpenNode open = OpenNode.at(onCluster)) {
            assertThat(open.node().customers().current(ledger.harrietWithDob())).isEqualTo(open.node().customers().current(ledger.harrietWithPostcode()));
            assertThat(open.node().verify(Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void theTasksRanInExecutorJvmsOnSparksJarsThatFetchedTheApplicationJarFromTheDriver() throws IOException {
        List<Path> executors;
        try (Stream<Path> apps = Files.list(cluster.work())) {
            executors = apps.flatMap(SparkSubmitIT::list).filter(Files::isDirectory).toList();
        }
        assertThat(executors).as("one executor per application").hasSize(3);
        for (Path executor : executors) {
            String log = Files.readString(executor.resolve("stderr"), StandardCharsets.UTF_8);
            String command = log.lines().findFirst().orElse("");
            assertThat(command).startsWith("Spark Executor Command:").contains(SPARK_HOME.resolve("jars").toString()).doesNotContain("touchline-spark.jar");
            assertThat(log).contains("Fetching spark://").contains("/jars/touchline-spark.jar").contains("Running task");
        }
    }

    /** {@code spark-submit --class org.touchline.spark.SparkJobs ... touchline-spark.jar JOB}, on a thread of its own. */
    private static CompletableFuture<StandaloneCluster.Submitted> submitted(String... job) {
        List<String> args = new ArrayList<>(List.of("--class", "org.touchline.spark.SparkJobs",
                "--executor-memory", "512m", "--total-executor-cores", "2",
                "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.ui.enabled=false",
                // Short-lived JVMs on 2 shared cores: C1 only and one GC thread halve their start-up CPU.
                "--conf", "spark.executor.extraJavaOptions=" + StandaloneCluster.QUICK_JVM, JAR.toString()));
        args.addAll(List.of(job));
        return CompletableFuture.supplyAsync(() -> {
            try {
                StandaloneCluster.Submitted s = cluster.submit(args);
                assertThat(s.exit()).as("spark-submit ... %s; its log ends:%n%s", job[0], s.logTail()).isZero();
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, task -> {
            Thread t = new Thread(task, "spark-submit " + job[0]); // a thread that only waits for the driver
            t.setDaemon(true);
            t.start();
        });
    }

    /** The same command in local mode (local[2]) as a user runs it, {@code touchline spark ...}: what it prints. */
    private static String local(String... args) throws IOException, InterruptedException {
        StandaloneCluster.Submitted run = touchlineSpark.run(args);
        assertThat(run.exit()).as("touchline spark %s: %s; its log ends:%n%s", args[0], run.out(), run.logTail()).isZero();
        return run.out();
    }

    private static String path(String relative) { return dir.resolve(relative).toString(); }

    private static List<String> rows(SparkSession spark, String parquet) {
        return spark.read().parquet(parquet).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** A resolve run's decision files, in order, each as recorded but at one time: runs differ only in when they ran. */
    private static List<IdentityDecision> decisions(String dir) throws IOException {
        List<IdentityDecision> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(Path.of(dir))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList())
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    IdentityDecision d = IdentityDecision.parse(line.getBytes(StandardCharsets.UTF_8));
                    out.add(new IdentityDecision(d.kind(), d.about(), Instant.EPOCH, d.customerId(), d.otherCustomerId(), d.identifierType(),
                            d.identifierKey(), d.identifierKeys(), d.rule(), d.score(), d.actor(), d.reason(), d.relationship()));
                }
        }
        return out;
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
