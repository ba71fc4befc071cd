package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.UnixOperatingSystemMXBean;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Progress;
import org.touchline.node.spi.HttpFront;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;

/**
 * {@code touchline load}: sustained load on loopback (docs/reliability.md). A node on a fresh store is served on 127.0.0.1
 * in this process; writer threads post the demo generator's interactions as NDJSON batches while reader threads ask
 * for customers' first timeline pages, for {@code --minutes}. Every interval it samples throughput, latency
 * percentiles, errors, heap after a collection and open file handles; at the end it verifies the whole ledger.
 * Requests go only to 127.0.0.1 and stop at the time limit or the request cap, whichever comes first.
 */
@Command(name = "load", description = {"Drive ingest and timeline reads together against a node on 127.0.0.1 for --minutes,",
        "sampling throughput, latency, errors, heap and file handles; verify the ledger afterwards."})
final class LoadCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "how long to run (default: ${DEFAULT-VALUE})") double minutes;
    @Option(names = "--writers", defaultValue = "2", description = "threads sending records (default: ${DEFAULT-VALUE})") int writers;
    @Option(names = "--readers", defaultValue = "4", description = "threads reading timelines (default: ${DEFAULT-VALUE})") int readers;
    @Option(names = "--batch", defaultValue = "200", description = "interactions per posted batch") int batch;
    @Option(names = "--interactions", defaultValue = "4000000", description = "interactions generated for the writers (they stop when these run out)") long interactions;
    @Option(names = "--customers", description = "customers the interactions belong to (default: one per 50 interactions); "
            + "a small number makes the population stop growing early, so what heap remains is the node's own") Integer customers;
    @Option(names = "--max-requests", defaultValue = "5000000", description = "stop after this many requests (default: ${DEFAULT-VALUE})") long maxRequests;
    @Option(names = "--sample-seconds", defaultValue = "30", description = "seconds between samples (default: ${DEFAULT-VALUE})") int sampleSeconds;
    @Option(names = "--work", defaultValue = "touchline-load", description = "work directory (a fresh store is made in it)") Path work;

    /** One interval's figures. */
    record Sample(double atMinutes, long accepted, double writesPerSecond, double readsPerSecond, double[] writeMs, double[] readMs,
                  long errors, long heapMiB, long openFiles) {}

    private final AtomicLong requests = new AtomicLong(), errors = new AtomicLong(), accepted = new AtomicLong(), reads = new AtomicLong();
    private final ConcurrentLinkedQueue<Double> writeLatencies = new ConcurrentLinkedQueue<>(), readLatencies = new ConcurrentLinkedQueue<>();
    private final List<String> knownEmails = new CopyOnWriteArrayList<>();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        Path file = work.resolve("load-" + interactions + (customers == null ? "" : "-" + customers + "c") + ".ndjson");
        if (!Files.exists(file)) {
            System.err.printf(Locale.ROOT, "writing %,d interactions to %s%n", interactions, file);
            if (customers == null) DemoCompany.writeBenchFile(file, interactions, 20261123L);
            else DemoCompany.writeBenchFile(file, interactions, customers, 20261123L);
        }
        Path dir = work.resolve("node-" + System.currentTimeMillis());
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        try (var open = data.open(); HttpFront.Api server = HttpFront.find().of(open.node(), null, true).start("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long end = System.nanoTime() + (long) (minutes * 60e9);
            List<Thread> threads = new ArrayList<>();
            BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            for (int w = 0; w < writers; w++) threads.add(new Thread(() -> write(http, base, lines, end), "writer-" + w));
            for (int r = 0; r < readers; r++) {
                long seed = r;
                threads.add(new Thread(() -> read(http, base, end, new SplittableRandom(seed)), "reader-" + r));
            }
            threads.forEach(Thread::start);
            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime(), lastAccepted = 0, lastReads = 0, last = started;
            System.out.println("| minute | interactions accepted | writes/s | batch p50 / p99 / p99.9 ms | reads/s | timeline p50 / p99 / p99.9 ms | errors | heap after GC MiB | open files |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            while (System.nanoTime() < end && threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(Math.min(sampleSeconds * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                long now = System.nanoTime();
                double dt = (now - last) / 1e9;
                long acc = accepted.get(), rd = reads.get();
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                long files = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
                Sample s = new Sample((now - started) / 60e9, acc, (acc - lastAccepted) / dt, (rd - lastReads) / dt, drain(writeLatencies), drain(readLatencies),
                        errors.get(), heap, files);
                samples.add(s);
                System.out.println(row(s));
                lastAccepted = acc;
                lastReads = rd;
                last = now;
            }
            for (Thread t : threads) t.join();
            lines.close();
            System.out.printf(Locale.ROOT, "%nRequests %,d, errors %,d%s; interactions accepted %,d; ledger %,d entries.%n", requests.get(), errors.get(),
                    errorSamples.isEmpty() ? "" : " (first: " + errorSamples.get(0) + ")", accepted.get(), open.node().ledger().size());
            long t0 = System.nanoTime();
            var report = open.node().verify(Progress.NONE);
            System.out.printf(Locale.ROOT, "verify after the load: %s (%,d entries, %,d tree hashes, %,d checkpoints, %,d personal parts checked) in %.0f s%n",
                    report.ok() ? "OK" : "FAILED at index " + report.firstBadIndex() + ": " + report.problems().get(0), report.entries(),
                    report.treeHashes(), report.checkpoints(), report.partsChecked(), (System.nanoTime() - t0) / 1e9);
            return errors.get() == 0 && report.ok() ? 0 : 1;
        }
    }

    private void write(HttpClient http, String base, BufferedReader lines, long end) {
        while (System.nanoTime() < end && requests.get() < maxRequests) {
            StringBuilder body = new StringBuilder();
            int n = 0;
            synchronized (lines) {
                try {
                    for (String l; n < batch && (l = lines.readLine()) != null; n++) {
                        body.append(l).append('\n');
                        if (knownEmails.size() < 50_000 && n % 50 == 0) {
                            JsonNode ids = InteractionJson.MAPPER.readTree(l).path("identifiers");
                            for (JsonNode id : ids) if (id.path("type").asText().equals("email")) { knownEmails.add(id.path("value").asText()); break; }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (n == 0) return;   // the file is used up
            long t = System.nanoTime();
            HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/interactions:batch")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            writeLatencies.add((System.nanoTime() - t) / 1e6);
            if (r != null && r.statusCode() == 200) {
                try {
                    JsonNode out = InteractionJson.MAPPER.readTree(r.body());
                    accepted.addAndGet(out.path("accepted").asLong());
                } catch (IOException e) {
                    error("batch answer is not JSON: " + e.getMessage());
                }
            } else if (r != null) error("batch answered " + r.statusCode() + ": " + r.body().lines().findFirst().orElse(""));
        }
    }

    private void read(HttpClient http, String base, long end, SplittableRandom rng) {
        while (System.nanoTime() < end && requests.get() < maxRequests) {
            if (knownEmails.isEmpty()) { sleep(50); continue; }
            String email = knownEmails.get(rng.nextInt(knownEmails.size()));
            long t = System.nanoTime();
            HttpResponse<String> who = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/customers?identifier=email:" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).GET().build());
            if (who == null) continue;
            if (who.statusCode() == 404) continue;   // not yet ingested by the writers: not an error
            if (who.statusCode() != 200) { error("lookup answered " + who.statusCode()); continue; }
            String customer;
            try {
                customer = InteractionJson.MAPPER.readTree(who.body()).path("customerId").asText();
            } catch (IOException e) { error("lookup answer is not JSON"); continue; }
            HttpResponse<String> page = send(http, HttpRequest.newBuilder(URI.create(base + "/v1/customers/" + customer + "/timeline?limit=50"))
                    .timeout(Duration.ofSeconds(30)).GET().build());
            readLatencies.add((System.nanoTime() - t) / 1e6);
            if (page != null && page.statusCode() == 200) reads.incrementAndGet();
            else if (page != null) error("timeline answered " + page.statusCode());
        }
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest request) {
        requests.incrementAndGet();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            error(request.uri().getPath() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (errorSamples.size() < 20) errorSamples.add(what);
    }

    private static void sleep(long ms) {
        try { Thread.sleep(ms); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }

    private static double[] drain(ConcurrentLinkedQueue<Double> q) {
        List<Double> all = new ArrayList<>();
        for (Double d; (d = q.poll()) != null; ) all.add(d);
        double[] a = all.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        if (a.length == 0) return new double[]{Double.NaN, Double.NaN, Double.NaN};
        return new double[]{a[(int) Math.ceil(a.length * 0.5) - 1], a[(int) Math.ceil(a.length * 0.99) - 1], a[(int) Math.ceil(a.length * 0.999) - 1]};
    }

    private static String row(Sample s) {
        return String.format(Locale.ROOT, "| %.1f | %,d | %,.0f | %.0f / %.0f / %.0f | %,.0f | %.1f / %.1f / %.1f | %d | %,d | %d |", s.atMinutes(), s.accepted(),
                s.writesPerSecond(), s.writeMs()[0], s.writeMs()[1], s.writeMs()[2], s.readsPerSecond(), s.readMs()[0], s.readMs()[1], s.readMs()[2],
                s.errors(), s.heapMiB(), s.openFiles());
    }
}
