package org.touchline.cluster;

import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.SignedBatches;
import org.touchline.store.sqlite.SqliteStore;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * {@code touchline cluster bench}: a Kafka broker and three cluster nodes in this JVM on loopback, against one node
 * alone in the same run. Measures ingest throughput of signed batches, the latency from submitting a batch to a
 * checkpoint that covers it (for the cluster: cosigned by both peers, as the submitting node sees it), and the catch-up
 * rate of a node that was stopped while the others appended.
 */
public final class ClusterBench {
    static final String ORIGIN = "bench.touchline/cluster";

    /** What to run: batches of {@code batchRecords} for throughput, single batches for latency, records for catch-up. */
    public record Options(Path work, int batches, int batchRecords, int latencySamples, int latencyRecords, int catchUpRecords) {}

    private final Options o;
    private final PrintStream out;
    private final NoteSigner channel = NoteSigner.parse(NoteKeys.generate("bench-channel").signerKey());
    private int batchNumber;

    private ClusterBench(Options o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    public static void run(Options o, PrintStream out) throws Exception { new ClusterBench(o, out).run(); }

    /** Synthetic Interaction v1 records {@code from .. from+count-1}: customers recur, so identity decisions are appended too. */
    public static String records(int from, int count) {
        StringBuilder sb = new StringBuilder(count * 220);
        for (int n = from; n < from + count; n++) {
            sb.append("{\"source\":\"web\",\"sourceRecordId\":\"r").append(n).append("\",\"occurredAt\":\"2026-02-0")
                    .append(1 + n % 9).append("T10:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"user")
                    .append(n % 100_003).append("@example.com\"}");
            if (n % 5 == 0) sb.append(",{\"type\":\"phone\",\"value\":\"+44207").append(1_000_000 + n % 200_003).append("\"}");
            sb.append("],\"text\":\"asked about order ").append(n).append("\"}\n");
        }
        return sb.toString();
    }

    private record Batch(String note, String records) {}

    private Batch batch(int from, int count) {
        String records = records(from, count);
        return new Batch(SignedBatches.sign(channel, "b" + (batchNumber++), records), records);
    }

    private void run() throws Exception {
        Files.createDirectories(o.work());
        out.printf("machine: %d cores, %s, Java %s; %d batches of %d records for throughput, %d batches of %d for latency, %,d records for catch-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"),
                o.batches(), o.batchRecords(), o.latencySamples(), o.latencyRecords(), o.catchUpRecords());
        int next = 0;
        // One node alone: the signed-batch route's own steps (check, append, remember), from three submitters at once.
        Path single = o.work().resolve("single");
        Files.createDirectories(single);
        Files.writeString(single.resolve(SignedBatches.KEYS_FILE), channel.verifierKey() + "\n");
        double singleRate;
        double[] singleLatency;
        try (SqliteStore store = new SqliteStore(single);
             Node node = new Node(NodeIdentity.openOrCreate(single, ORIGIN), store.ledger(), store.projections(), store.deadLetters())) {
            List<Batch> work = batches(next, o.batches(), o.batchRecords());
            next += o.batches() * o.batchRecords();
            long t0 = System.nanoTime();
            parallel(3, work.size(), k -> alone(node, work.get(k)));
            singleRate = o.batches() * (double) o.batchRecords() / seconds(t0);
            List<Batch> samples = batches(next, o.latencySamples(), o.latencyRecords());
            next += o.latencySamples() * o.latencyRecords();
            singleLatency = new double[samples.size()];
            for (int k = 0; k < samples.size(); k++) {
                long s = System.nanoTime();
                alone(node, samples.get(k));
                singleLatency[k] = millis(s);
            }
        }
        out.printf("single node: %,.0f records/s; append to signed checkpoint p50 %.1f ms, p99 %.1f ms%n",
                singleRate, percentile(singleLatency, 50), percentile(singleLatency, 99));

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        long tb = System.nanoTime();
        try (LocalBroker broker = LocalBroker.start(o.work().resolve("kafka"), 0);
             LocalCluster cluster = new LocalCluster(o.work().resolve("cluster"), ORIGIN, secret, broker.bootstrap(), "bench-", 3,
                     List.of(channel.verifierKey()))) {
            out.printf("broker started in %.1f s%n", seconds(tb));
            for (int i = 0; i < 3; i++) cluster.start(i);
            int from = 0;
            List<Batch> work = batches(from, o.batches(), o.batchRecords());
            from += o.batches() * o.batchRecords();
            long t0 = System.nanoTime();
            parallel(3, work.size(), k -> cluster.member(k % 3).cluster().submit(work.get(k).note(), work.get(k).records()));
            awaitOffset(cluster, 3, work.size());
            double clusterRate = o.batches() * (double) o.batchRecords() / seconds(t0);
            long offset = work.size();

            List<Batch> samples = batches(from, o.latencySamples(), o.latencyRecords());
            from += o.latencySamples() * o.latencyRecords();
            double[] applied = new double[samples.size()], cosigned = new double[samples.size()];
            for (int k = 0; k < samples.size(); k++) {
                ClusterNode node = cluster.member(k % 3).cluster();
                long s = System.nanoTime();
                node.submit(samples.get(k).note(), samples.get(k).records());
                applied[k] = millis(s);
                long size = node.node().ledger().size();
                while (node.cosignedByAll() < size) Thread.sleep(0, 200_000);
                cosigned[k] = millis(s);
            }
            offset += samples.size();
            out.printf("three nodes: %,.0f records/s (%.2f of one node alone); submit to applied on the submitting node p50 %.1f ms, p99 %.1f ms;"
                            + " submit to checkpoint cosigned by both peers p50 %.1f ms, p99 %.1f ms (%.1fx / %.1fx one node's)%n",
                    clusterRate, clusterRate / singleRate, percentile(applied, 50), percentile(applied, 99), percentile(cosigned, 50),
                    percentile(cosigned, 99), percentile(cosigned, 50) / percentile(singleLatency, 50), percentile(cosigned, 99) / percentile(singleLatency, 99));

            // Catch-up: node 2 is stopped while nodes 0 and 1 take the records, then started again.
            cluster.stop(2);
            long sizeBefore = cluster.member(0).node().ledger().size();
            int per = Math.min(10_000, Math.max(1, o.catchUpRecords()));
            List<Batch> behind = batches(from, Math.max(1, o.catchUpRecords() / per), per);
            long ti = System.nanoTime();
            parallel(2, behind.size(), k -> cluster.member(k % 2).cluster().submit(behind.get(k).note(), behind.get(k).records()));
            offset += behind.size();
            awaitOffset(cluster, 2, offset);
            double ingestSeconds = seconds(ti);
            long entries = cluster.member(0).node().ledger().size() - sizeBefore;
            long tc = System.nanoTime();
            cluster.start(2);
            double started = seconds(tc);
            while (cluster.member(2).cluster().nextOffset() < offset) Thread.sleep(5);
            double caughtUp = seconds(tc);
            boolean same = body(cluster, 2).equals(body(cluster, 0));
            out.printf("catch-up: %,d entries (%,d records) appended by two nodes in %.1f s while node 2 was down; node 2 started in %.1f s and"
                            + " caught up in %.1f s: %,.0f entries/s (%s checkpoint as node 0)%n",
                    entries, behind.size() * (long) per, ingestSeconds, started, caughtUp, entries / caughtUp, same ? "the same" : "NOT THE SAME");
        }
    }

    private static String body(LocalCluster cluster, int i) {
        return org.touchline.ledger.SignedNote.parse(cluster.member(i).node().ledger().latestCheckpoint().orElseThrow().note()).text();
    }

    private static void alone(Node node, Batch b) {
        var v = node.signedBatches().verify(b.note(), b.records());
        node.ingestion().ndjson(b.records(), "channel:" + v.channel());
        node.signedBatches().accepted(v);
    }

    private List<Batch> batches(int from, int count, int size) {
        List<Batch> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) out.add(batch(from + k * size, size));
        return out;
    }

    private static void awaitOffset(LocalCluster cluster, int nodes, long offset) throws InterruptedException {
        for (int i = 0; i < nodes; i++) while (cluster.member(i).cluster().nextOffset() < offset) Thread.sleep(1);
    }

    private static void parallel(int threads, int tasks, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < tasks; k++) {
                int n = k;
                done.add(pool.submit(() -> task.accept(n)));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long since) { return (System.nanoTime() - since) / 1e9; }

    private static double millis(long since) { return (System.nanoTime() - since) / 1e6; }

    static double percentile(double[] values, int p) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[Math.max(0, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
