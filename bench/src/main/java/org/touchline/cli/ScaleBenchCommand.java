package org.touchline.cli;

import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.PeakHeap;
import org.touchline.domain.state.CacheStats;
import org.touchline.node.Node;
import org.touchline.node.VerifyReport;
import org.touchline.node.command.Ingestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code touchline bench scale}: a company's whole customer base through one node. Ingests generated interactions
 * ({@link ScaleInteractions}) in stretches of {@code --report-every} and reports after each: the stretch's throughput,
 * the heap after a full collection and the store's size per entry; then, at the final size, timeline and identifier
 * lookup latency, the latency of one new record ingested online (resolved, matched and durably appended), the time
 * to open the node again and the time to verify the whole log. The throughput and heap are plotted against ledger size
 * in an SVG.
 */
@Command(name = "scale", description = "Ingest a company-sized log (default 10,000,000 interactions over 2,000,000 customers), "
        + "reporting throughput, heap and store size as it grows, then latency, restart and verify times.")
final class ScaleBenchCommand implements Callable<Integer> {
    @Option(names = "--interactions", defaultValue = "10000000", description = "interactions to ingest (default: ${DEFAULT-VALUE})") long interactions;
    @Option(names = "--customers", defaultValue = "2000000", description = "customers they come from (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--report-every", defaultValue = "1000000", description = "interactions between reports (default: ${DEFAULT-VALUE})") long every;
    @Option(names = "--samples", defaultValue = "2000", description = "latency samples per measurement (default: ${DEFAULT-VALUE})") int samples;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--work-dir", defaultValue = "target/bench-scale", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;
    @Option(names = "--chart", defaultValue = "docs/scale-throughput.svg", description = "where the SVG chart goes (default: ${DEFAULT-VALUE})") Path chart;

    /** What a run measured; the test reads it. */
    record Result(List<ScaleChart.Point> points, double[] timelineMs, double[] lookupMs, double[] onlineMs, double restartSeconds,
                  double verifySeconds, VerifyReport verify) {}

    @Override
    public Integer call() throws Exception {
        if (interactions < 1 || every < 1 || samples < 1) throw new IllegalArgumentException("--interactions, --report-every and --samples must be positive");
        run(System.out);
        return 0;
    }

    /** One table row: each cache's hits over its lookups since {@code before}, which it then moves on. */
    private static String cacheRow(long done, List<CacheStats> now, Map<String, CacheStats> before, List<String> names) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d |", done));
        Map<String, CacheStats> byName = new LinkedHashMap<>(); // caches of one kind (one a shard) count together
        for (CacheStats c : now) byName.merge(c.name(), c, CacheStats::plus);
        for (CacheStats c : byName.values()) {
            if (!names.contains(c.name())) names.add(c.name());
            CacheStats b = before.getOrDefault(c.name(), new CacheStats(c.name(), 0, 0, 0, c.capacity()));
            long hits = c.hits() - b.hits(), lookups = hits + c.misses() - b.misses();
            row.append(lookups == 0 ? " - |" : String.format(Locale.ROOT, " %.1f %% |", 100.0 * hits / lookups));
            before.put(c.name(), c);
        }
        return row.toString();
    }

    Result run(PrintStream out) throws IOException {
        BenchCommand.deleteTree(work);
        Files.createDirectories(work);
        ScaleInteractions lines = new ScaleInteractions(customers, seed);
        DataDirOption data = new DataDirOption();
        data.dataDir = work.resolve("node");
        out.printf(Locale.ROOT, "Ingesting %,d interactions over %,d customers into %s, reporting every %,d (%d cores, max heap %,d MiB)%n",
                interactions, customers, data.dataDir, every, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.println("| ledger size | interactions | interactions/s (this stretch) | heap after GC | store bytes per interaction | write-ahead log |");
        out.println("|---|---|---|---|---|---|");
        List<ScaleChart.Point> points = new ArrayList<>();
        ConsoleProgress progress = new ConsoleProgress(out);
        List<String> cacheRows = new ArrayList<>();
        List<String> cacheNames = new ArrayList<>();
        try (var open = data.open()) {
            Node node = open.node();
            Map<String, CacheStats> before = new LinkedHashMap<>();
            for (long done = 0; done < interactions; ) {
                long to = Math.min(interactions, done + every);
                Path segment = work.resolve("interactions-" + (done + 1) + "-" + to + ".ndjson");
                lines.write(segment, done, to); // generated outside the timed stretch
                long t0 = System.nanoTime();
                Ingestion.Report r = node.ingestion().ndjsonFile(segment, progress);
                Files.delete(segment);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r.accepted() != to - done) throw new IllegalStateException("only " + r.accepted() + " of " + (to - done) + " lines accepted: " + r);
                done = to;
                long size = node.ledger().size();
                long heap = PeakHeap.afterFullCollection(); // what the node keeps, without the stretch's garbage
                points.add(new ScaleChart.Point(size, r.accepted() / seconds, heap));
                long log = bytes(data.dataDir, true);
                out.printf(Locale.ROOT, "| %,d | %,d | %,.0f | %,d MiB | %,.0f | %,d MiB |%n", size, done, r.accepted() / seconds, heap >> 20,
                        (double) bytes(data.dataDir, false) / done, log >> 20);
                out.flush();
                cacheRows.add(cacheRow(done, node.stateCaches(), before, cacheNames));
            }
        }
        // The state caches' hit rates in each stretch: how much of the identity and facts state came from the heap
        // rather than the store as the customers seen outgrow the caches (docs/scale.md).
        out.println();
        out.println("State caches: the share of lookups each answered from the heap, stretch by stretch");
        out.println("| interactions | " + String.join(" | ", cacheNames) + " |");
        out.println("|---|" + "---|".repeat(cacheNames.size()));
        cacheRows.forEach(out::println);
        out.println();
        Random random = new Random(seed);
        double restart;
        double[] timeline, lookup, online;
        double verifySeconds;
        VerifyReport verify;
        long t0 = System.nanoTime();
        try (var open = data.open()) {
            restart = (System.nanoTime() - t0) / 1e9;
            Node node = open.node();
            out.printf(Locale.ROOT, "restart (open the node again at %,d entries): %.2f s%n", node.ledger().size(), restart);
            int seen = (int) Math.min(customers, interactions); // customers of low number are the likeliest to have appeared
            lookup = percentiles(latencies(samples, () -> node.customers().findByIdentifier(ScaleInteractions.email(random.nextInt(seen)))));
            out.printf(Locale.ROOT, "lookup by identifier: p50 %.3f ms, p99 %.3f ms%n", lookup[0], lookup[1]);
            List<String> sampled = new ArrayList<>();
            while (sampled.size() < Math.min(samples, 1_000)) {
                Identifier id = ScaleInteractions.email(random.nextInt(seen));
                node.customers().findByIdentifier(id).ifPresent(sampled::add);
                if (sampled.isEmpty() && random.nextInt(100_000) == 0) break;
            }
            timeline = sampled.isEmpty() ? new double[]{Double.NaN, Double.NaN}
                    : percentiles(latencies(samples, () -> node.customers().timeline(sampled.get(random.nextInt(sampled.size())), null, 50)));
            out.printf(Locale.ROOT, "timeline (first page of 50): p50 %.3f ms, p99 %.3f ms%n", timeline[0], timeline[1]);
            long[] fresh = {interactions};
            int onlineSamples = Math.min(samples, 500); // each is a durable commit of its own
            online = percentiles(latencies(onlineSamples, () -> {
                var i = lines.interaction(fresh[0]++);
                node.ingestion().one(InteractionJson.toJson(i).toString(), "bench.scale");
            }));
            out.printf(Locale.ROOT, "one new record online (resolve, match, durable append): p50 %.3f ms, p99 %.3f ms%n", online[0], online[1]);
            long v0 = System.nanoTime();
            verify = node.verify(progress);
            verifySeconds = (System.nanoTime() - v0) / 1e9;
            out.printf(Locale.ROOT, "verify %,d entries: %.1f s, %d problems%n", verify.entries(), verifySeconds, verify.problems().size());
        }
        if (chart.getParent() != null) Files.createDirectories(chart.getParent());
        Files.writeString(chart, ScaleChart.svg(String.format(Locale.ROOT, "Durable ingest of %,d interactions over %,d customers (%d cores)",
                interactions, customers, Runtime.getRuntime().availableProcessors()), points));
        out.printf(Locale.ROOT, "chart: %s%n", chart);
        return new Result(points, timeline, lookup, online, restart, verifySeconds, verify);
    }

    /**
     * Bytes of the data directory's files: the write-ahead log (SQLite's -wal and -shm, copied back into the database
     * in the background and then reused) or everything else, which is what the log and its projections take.
     */
    private static long bytes(Path dir, boolean writeAheadLog) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> writeAheadLog == (p.toString().endsWith("-wal") || p.toString().endsWith("-shm")))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long[] latencies(int n, Runnable op) {
        for (int k = 0; k < Math.min(n, 200); k++) op.run(); // warm up the JIT and the page cache
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            op.run();
            t[k] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t;
    }

    private static double[] percentiles(long[] sorted) {
        return new double[]{sorted[(int) Math.ceil(0.5 * sorted.length) - 1] / 1e6, sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6};
    }
}
