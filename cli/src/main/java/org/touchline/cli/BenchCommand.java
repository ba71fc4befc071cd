package org.touchline.cli;

import org.touchline.demo.DemoCompany;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.node.Ingestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code touchline bench}: the figures docs/benchmarks.md records, measured in one run so ratios compare like with
 * like. (1) A plain SQLite insert of the same NDJSON lines, in transactions of the same size as the node's group
 * commits, WAL and synchronous=FULL like the node: the baseline. (2) Durable ingest of the same file through the
 * full path. (3) Peak heap during (2). (4) Inclusion-proof and timeline latency at the resulting size.
 */
@Command(name = "bench", description = "Measure ingest throughput against a plain SQLite baseline, peak heap, and proof and timeline latency.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--interactions", defaultValue = "1000000", description = "lines in the benchmark file (default: ${DEFAULT-VALUE})") long interactions;
    @Option(names = "--work-dir", defaultValue = "target/bench", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;
    @Option(names = "--samples", defaultValue = "20000", description = "latency samples per measurement (default: ${DEFAULT-VALUE})") int samples;
    @Option(names = "--seed", defaultValue = "7") long seed;

    private static final int BASELINE_BATCH = 10_000; // = Appender.MAX_GROUP, the node's largest group commit

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.out);
        deleteTree(work);
        Files.createDirectories(work);
        Path file = work.resolve("bench-" + interactions + ".ndjson");
        System.out.printf(Locale.ROOT, "Writing %,d Interaction v1 lines to %s%n", interactions, file);
        DemoCompany.writeBenchFile(file, interactions, seed);

        double baseline = plainSqlite(file, work.resolve("plain.db"));
        System.out.printf(Locale.ROOT, "plain SQLite insert: %,.0f rows/s%n", baseline);

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        DataDirOption data = new DataDirOption();
        data.dataDir = work.resolve("node");
        try (var open = data.open()) {
            long t0 = System.nanoTime();
            Ingestion.Report r = open.node().ingestion().ndjsonFile(file, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            double rate = r.accepted() / seconds;
            System.out.printf(Locale.ROOT, "full path: %,d accepted in %.1f s = %,.0f interactions/s (%.2f x plain SQLite)%n",
                    r.accepted(), seconds, rate, rate / baseline);
            System.out.printf(Locale.ROOT, "peak heap during ingest: %,d MiB (max heap %,d MiB)%n",
                    peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);

            long size = open.node().reader().signedSize();
            Random random = new Random(seed);
            long[] proof = latencies(samples, () -> open.node().reader().inclusion(Math.floorMod(random.nextLong(), size), size));
            System.out.printf(Locale.ROOT, "inclusion proof at %,d entries: p50 %.3f ms, p99 %.3f ms%n", size, ms(proof, 0.50), ms(proof, 0.99));

            List<String> customers = new ArrayList<>();
            open.node().projections().loadCustomers((ProjectionChanges.Customer c) -> customers.add(c.id()));
            long[] timeline = latencies(Math.min(samples, 5_000), () -> open.node().customers()
                    .timeline(customers.get(random.nextInt(customers.size())), null, 50));
            System.out.printf(Locale.ROOT, "timeline (first page of 50) over %,d customers: p50 %.3f ms, p99 %.3f ms%n",
                    customers.size(), ms(timeline, 0.50), ms(timeline, 0.99));

            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| plain SQLite insert (baseline, batches of %,d) | %,.0f rows/s |%n", BASELINE_BATCH, baseline);
            System.out.printf(Locale.ROOT, "| full-path durable ingest | %,.0f interactions/s |%n", rate);
            System.out.printf(Locale.ROOT, "| full path / plain insert | %.2f |%n", rate / baseline);
            System.out.printf(Locale.ROOT, "| peak heap while ingesting %,d lines | %,d MiB |%n", interactions, peakHeap >> 20);
            System.out.printf(Locale.ROOT, "| inclusion proof p50 / p99 at %,d entries | %.3f / %.3f ms |%n", size, ms(proof, 0.5), ms(proof, 0.99));
            System.out.printf(Locale.ROOT, "| timeline page p50 / p99 | %.3f / %.3f ms |%n", ms(timeline, 0.5), ms(timeline, 0.99));
        }
        return 0;
    }

    /** The baseline: the same lines into one plain table, same transaction size and durability settings. */
    private static double plainSqlite(Path file, Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE plain (idx INTEGER PRIMARY KEY, data TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime(), n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO plain (idx, data) VALUES (?, ?)")) {
                for (String line; (line = lines.readLine()) != null; ) {
                    ps.setLong(1, n++);
                    ps.setString(2, line);
                    ps.addBatch();
                    if (n % BASELINE_BATCH == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long[] latencies(int samples, Runnable op) {
        for (int k = 0; k < Math.min(samples, 2_000); k++) op.run(); // warm up the JIT and the page cache
        long[] t = new long[samples];
        for (int k = 0; k < samples; k++) {
            long t0 = System.nanoTime();
            op.run();
            t[k] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

}
