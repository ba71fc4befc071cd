package org.touchline.cli;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.EventEntry;
import org.touchline.domain.PeakHeap;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.command.ContractCommands;
import org.touchline.node.command.Ingestion;
import org.touchline.node.Node;
import org.touchline.node.spi.HttpFront;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code touchline bench}: the figures docs/benchmarks.md records, measured in one run so ratios compare like with
 * like: (1) durable ingest of an Interaction v1 file through the full path, (2) the heap during it: the most in use at
 * once and what the node keeps alive ({@link PeakHeap}), (3) inclusion-proof and timeline latency at the resulting
 * size, and (4) the baseline, {@link StorageBaseline}: the rows (1) wrote, inserted plainly in the same transactions.
 */
@Command(name = "bench", subcommands = {StoreBenchCommand.class, ScaleBenchCommand.class},
        description = "Measure ingest throughput against a plain SQLite baseline, the heap in use and kept alive, and proof and timeline latency.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--interactions", defaultValue = "1000000", description = "lines in the benchmark file (default: ${DEFAULT-VALUE})") long interactions;
    @Option(names = "--work-dir", defaultValue = "target/bench", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;
    @Option(names = "--samples", defaultValue = "20000", description = "latency samples per measurement (default: ${DEFAULT-VALUE})") int samples;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--contracts", defaultValue = "50", description = "contracts deployed for the second ingest, 0 to skip it (default: ${DEFAULT-VALUE})") int contracts;
    @Option(names = "--warmup", defaultValue = "200000", description = "interactions ingested first into a scratch node, and their rows "
            + "inserted by the baseline, so that both are timed with the JIT's work done, as in a node that has run a while; 0 times a cold "
            + "JVM (default: ${DEFAULT-VALUE})") long warmup;
    @Option(names = "--no-metrics", description = "ingest without the metrics a served node keeps (they are on by default, as in `serve`), to see what they cost")
    boolean noMetrics;
    /** Customers exported and then erased at the end of the run. */
    private static final int ERASED = 20;

    /**
     * Runs both timed paths once on a smaller file of other customers, into a scratch node that is then deleted. On two
     * cores the JIT's compilers take most of a core for the first minute of a cold run (JFR, 8 December 2026), and the
     * baseline, run second, used to get the compiled SQLite driver for free: warmed first, both are timed at their
     * steady state, as JMH times a benchmark after its warm-up iterations.
     */
    private void warmUp(ConsoleProgress progress) throws Exception {
        Path file = work.resolve("warmup-" + warmup + ".ndjson");
        DemoCompany.writeBenchFile(file, warmup, seed + 1);
        DataDirOption data = new DataDirOption();
        data.dataDir = work.resolve("node-warmup");
        long t0 = System.nanoTime();
        long accepted;
        try (var open = data.open(); var metrics = noMetrics ? null : HttpFront.find().meters(open.node())) {
            accepted = open.node().ingestion().ndjsonFile(file, progress).accepted();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path baseline = work.resolve("baseline-warmup");
        StorageBaseline.Result plain = StorageBaseline.run(data.dataDir.resolve(SqliteStore.FILE), baseline);
        System.out.printf(Locale.ROOT, "warm-up, not counted: %,d interactions through the full path at %,.0f/s, then their rows by the baseline at %,.0f/s%n",
                accepted, accepted / seconds, plain.entriesPerSecond());
        deleteTree(data.dataDir);
        deleteTree(baseline);
        Files.delete(file);
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.out);
        deleteTree(work);
        Files.createDirectories(work);
        Path file = work.resolve("bench-" + interactions + ".ndjson");
        System.out.printf(Locale.ROOT, "Writing %,d Interaction v1 lines to %s%n", interactions, file);
        DemoCompany.writeBenchFile(file, interactions, seed);

        if (warmup > 0) warmUp(progress);

        PeakHeap heap = new PeakHeap();
        heap.reset();
        DataDirOption data = new DataDirOption();
        data.dataDir = work.resolve("node");
        double rate, cpuMicros;
        long peakHeap, liveHeap, size, walBytes;
        double[] proofMs, timelineMs;
        int customerCount;
        try (var open = data.open(); var metrics = noMetrics ? null : HttpFront.find().meters(open.node())) {
            long t0 = System.nanoTime(), cpu0 = processCpuNanos();
            Ingestion.Report r = open.node().ingestion().ndjsonFile(file, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            cpuMicros = (processCpuNanos() - cpu0) / 1e3 / r.accepted();
            peakHeap = heap.peakInUse();
            // A full collection with the node open: what it keeps; latency is then measured on a settled heap, too.
            liveHeap = heap.live();
            rate = r.accepted() / seconds;
            Path wal = data.dataDir.resolve(SqliteStore.FILE + "-wal");
            walBytes = Files.exists(wal) ? Files.size(wal) : 0; // before close, which checkpoints it
            System.out.printf(Locale.ROOT, "full path (%s): %,d accepted in %.1f s = %,.0f interactions/s, %.1f µs of CPU each; peak heap in use %,d MiB, live after a full collection %,d MiB, of max %,d MiB%n",
                    noMetrics ? "metrics off" : "metrics on, as served", r.accepted(), seconds, rate, cpuMicros, peakHeap >> 20, liveHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);

            size = open.node().reader().signedSize();
            Random random = new Random(seed);
            long n = size;
            proofMs = percentiles(latencies(samples, () -> open.node().reader().inclusion(Math.floorMod(random.nextLong(), n), n)));
            System.out.printf(Locale.ROOT, "inclusion proof at %,d entries: p50 %.3f ms, p99 %.3f ms%n", size, proofMs[0], proofMs[1]);
            List<String> customers = new ArrayList<>();
            open.node().projections().loadCustomers((ProjectionChanges.Customer c) -> customers.add(c.id()));
            customerCount = customers.size();
            timelineMs = percentiles(latencies(Math.min(samples, 5_000), () -> open.node().customers()
                    .timeline(customers.get(random.nextInt(customers.size())), null, 50)));
            System.out.printf(Locale.ROOT, "timeline (first page of 50) over %,d customers: p50 %.3f ms, p99 %.3f ms%n",
                    customerCount, timelineMs[0], timelineMs[1]);
        }
        StorageBaseline.Result plain = StorageBaseline.run(data.dataDir.resolve(SqliteStore.FILE), work.resolve("baseline"));
        System.out.printf(Locale.ROOT, "baseline, plain SQLite insert of the same %,d rows in the same transactions: %,.0f interactions/s (%,.0f rows/s), %.1f µs of CPU each%n",
                plain.rows(), plain.entriesPerSecond(), plain.rowsPerSecond(), plain.cpuMicrosPerEntry());

        // After the baseline has read the store: erasure changes it (the figures for contracts and erasure, on the same store).
        double[] bundleMs, eraseMs;
        long bundleEntries = 0;
        try (var open = data.open()) {
            List<String> picked = new ArrayList<>();
            open.node().projections().loadCustomers((ProjectionChanges.Customer c) -> picked.add(c.id()));
            Collections.shuffle(picked, new Random(seed));
            List<String> live = picked.stream().filter(c -> open.node().customers().current(c).map(c::equals).orElse(false)).limit(ERASED).toList();
            long[] bundleNanos = new long[live.size()], eraseNanos = new long[live.size()];
            for (int k = 0; k < live.size(); k++) {
                long t0 = System.nanoTime();
                bundleEntries += open.node().exportBundle(live.get(k)).get("entries").size();
                bundleNanos[k] = System.nanoTime() - t0;
            }
            for (int k = 0; k < live.size(); k++) {
                long t0 = System.nanoTime();
                open.node().customerEvents().erase(live.get(k), "bench");
                eraseNanos[k] = System.nanoTime() - t0;
            }
            Arrays.sort(bundleNanos);
            Arrays.sort(eraseNanos);
            bundleMs = new double[]{ms(bundleNanos, 0.5), bundleNanos[bundleNanos.length - 1] / 1e6};
            eraseMs = new double[]{ms(eraseNanos, 0.5), eraseNanos[eraseNanos.length - 1] / 1e6};
            System.out.printf(Locale.ROOT, "export bundle of %d customers (%,d entries in all): p50 %.1f ms, max %.1f ms; erasure p50 %.1f ms, max %.1f ms%n",
                    live.size(), bundleEntries, bundleMs[0], bundleMs[1], eraseMs[0], eraseMs[1]);
        }

        // Contracts: the same file again, into a fresh store with contracts deployed (variants of the shipped examples).
        double contractRate = 0;
        long contractActions = 0;
        if (contracts > 0) {
            DataDirOption withContracts = new DataDirOption();
            withContracts.dataDir = work.resolve("node-contracts");
            try (var open = withContracts.open()) {
                deployVariants(open.node(), withContracts.dataDir, contracts);
                long t0 = System.nanoTime();
                Ingestion.Report r = open.node().ingestion().ndjsonFile(file, progress);
                contractRate = r.accepted() / ((System.nanoTime() - t0) / 1e9);
                long[] counted = {0};
                open.node().projections().allEvents(EventEntry.ACTION, e -> counted[0]++);
                open.node().projections().allEvents(EventEntry.TOKEN, e -> counted[0]++);
                contractActions = counted[0];
            }
            System.out.printf(Locale.ROOT, "with %d contracts: %,.0f interactions/s (%.0f %% slower), %,d actions recorded%n",
                    contracts, contractRate, 100 * (1 - contractRate / rate), contractActions);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "| measure (%,d interactions, %d cores, max heap %,d MiB) | value |%n",
                interactions, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| warm-up before timing (both paths, scratch node) | %s |%n",
                warmup > 0 ? String.format(Locale.ROOT, "%,d interactions", warmup) : "none: a cold JVM");
        System.out.printf(Locale.ROOT, "| full-path durable ingest | %,.0f interactions/s |%n", rate);
        System.out.printf(Locale.ROOT, "| baseline: plain SQLite insert of the same rows, same transactions | %,.0f interactions/s (%,.0f rows/s) |%n",
                plain.entriesPerSecond(), plain.rowsPerSecond());
        System.out.printf(Locale.ROOT, "| full path / baseline | %.2f |%n", rate / plain.entriesPerSecond());
        System.out.printf(Locale.ROOT, "| process CPU per interaction, full path / baseline (all threads, load-independent) | %.1f / %.1f µs |%n",
                cpuMicros, plain.cpuMicrosPerEntry());
        System.out.printf(Locale.ROOT, "| SQLite write-ahead log at the end of the ingest | %,d MiB |%n", walBytes >> 20);
        System.out.printf(Locale.ROOT, "| peak heap in use while ingesting the %,d-line file (most at one moment, garbage included) | %,d MiB |%n", interactions, peakHeap >> 20);
        System.out.printf(Locale.ROOT, "| live heap: most after a full collection, during the ingest or right after it (node open) | %,d MiB |%n", liveHeap >> 20);
        System.out.printf(Locale.ROOT, "| inclusion proof p50 / p99 at %,d entries | %.3f / %.3f ms |%n", size, proofMs[0], proofMs[1]);
        System.out.printf(Locale.ROOT, "| timeline first page (50) p50 / p99, %,d customers | %.3f / %.3f ms |%n", customerCount, timelineMs[0], timelineMs[1]);
        System.out.printf(Locale.ROOT, "| export bundle of one customer p50 / max (%d customers, %,d entries) | %.1f / %.1f ms |%n", ERASED, bundleEntries, bundleMs[0], bundleMs[1]);
        System.out.printf(Locale.ROOT, "| erase one customer p50 / max (%d customers) | %.1f / %.1f ms |%n", ERASED, eraseMs[0], eraseMs[1]);
        if (contracts > 0) {
            System.out.printf(Locale.ROOT, "| full-path ingest with %d contracts deployed | %,.0f interactions/s (%,d actions recorded) |%n",
                    contracts, contractRate, contractActions);
            System.out.printf(Locale.ROOT, "| slowdown from %d contracts (goal < 25 %%) | %.1f %% |%n", contracts, 100 * (1 - contractRate / rate));
        }
        return 0;
    }

    /**
     * {@code n} contracts like a company would run them: the four shipped examples, then loyalty milestones (a customer's
     * 5th, 10th, 25th... interaction in a channel earns tokens), each a contract of its own. Signed by a bench
     * administrator the node trusts.
     */
    private static void deployVariants(Node node, Path dir, int n) throws IOException {
        var keys = NoteKeys.generate("admin.bench.touchline/ops");
        Files.writeString(dir.resolve(ContractCommands.ADMINS_FILE), keys.verifierKey() + "\n");
        var signer = NoteSigner.parse(keys.signerKey());
        List<String> texts = new ArrayList<>();
        for (String name : List.of("welcome-new-customer", "recover-after-complaint", "reward-five-star", "reward-consent"))
            try (var in = BenchCommand.class.getResourceAsStream("/contracts/" + name + ".yaml")) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        String[] channels = {"call_centre", "store", "web", "app", "email", "chat", "social", "field_service", "survey"};
        int[] milestones = {5, 10, 25, 50, 100};
        for (int k = 0; texts.size() < n; k++) {
            String channel = channels[k % channels.length];
            int m = milestones[(k / channels.length) % milestones.length] * (1 + k / (channels.length * milestones.length));
            texts.add("id: milestone-" + channel.replace('_', '-') + "-" + m + "\nversion: 1\ndescription: loyalty milestone\n"
                    + "trigger: {kinds: [interaction], channels: [" + channel + "]}\n"
                    + "condition: has(customer.interactions) && customer.interactions == " + m + "\n"
                    + "actions:\n  - award_tokens: {account: customer, amount: " + m + ", reason: loyalty milestone}\n");
        }
        for (String text : texts.subList(0, n)) {
            var definition = ContractDefinition.parse(text, "bench contract");
            node.contracts().deploy(SignedContract.sign(definition, signer).encode(), "bench");
        }
    }

    /**
     * CPU time of the whole process (every thread, the JIT and the collector included): unlike a rate, it does not
     * change when other work shares the machine, so it is the figure a change to the write path is judged by.
     */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
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

    static double[] percentiles(long[] sorted) { return new double[]{ms(sorted, 0.50), ms(sorted, 0.99)}; }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
