package org.touchline.cluster;

import org.touchline.domain.store.EmbeddedStore;
import org.touchline.domain.store.NodeStore;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.SignedNote;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.SignedBatches;

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
        // One node alone takes the same batches through the signed-batch route's own steps (check, append, remember).
        // Its runs are interleaved with the cluster's, so a machine whose load changes meanwhile skews both alike.
        Path single = o.work().resolve("single");
        Files.createDirectories(single);
        Files.writeString(single.resolve(SignedBatches.KEYS_FILE), channel.verifierKey() + "\n");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        long tb = System.nanoTime();
        try (NodeStore store = EmbeddedStore.find().open(single);
             Node alone = new Node(NodeIdentity.openOrCreate(single, ORIGIN), store.ledger(), store.projections(), store.deadLetters());
             LocalBroker broker = LocalBroker.start(o.work().resolve("kafka"), 0);
             LocalCluster cluster = new LocalCluster(o.work().resolve("cluster"), ORIGIN, secret, broker.bootstrap(), "bench-", 3,
                     List.of(channel.verifierKey()))) {
            out.printf("broker started in %.1f s%n", seconds(tb));
            for (int i = 0; i < 3; i++) cluster.start(i);

            // Throughput: three submitters at once, each waiting for its batch to be durable (alone) or applied by the
            // node it sent it to (cluster); the cluster's figure counts until all three nodes have applied everything.
            int from = 0;
            double aloneSeconds = 0, clusterSeconds = 0;
            long offset = 0;
            for (int round = 0; round < 2; round++) {
                List<Batch> a = batches(from, o.batches() / 2, o.batchRecords());
                List<Batch> c = batches(from, o.batches() / 2, o.batchRecords());
                from += o.batches() / 2 * o.batchRecords();
                long t0 = System.nanoTime();
                parallel(3, a.size(), k -> alone(alone, a.get(k)));
                aloneSeconds += seconds(t0);
                long t1 = System.nanoTime();
                parallel(3, c.size(), k -> cluster.member(k % 3).cluster().submit(c.get(k).note(), c.get(k).records()));
                offset += c.size();
                awaitOffset(cluster, 3, offset);
                clusterSeconds += seconds(t1);
            }
            double records = o.batches() / 2 * 2.0 * o.batchRecords();
            double aloneRate = records / aloneSeconds, clusterRate = records / clusterSeconds;

            // Latency, one batch at a time, alternating: alone, submit to durable and signed; cluster, submit to applied
            // on the submitting node, and to a checkpoint covering it that both peers have cosigned.
            double[] single1 = new double[o.latencySamples()], applied = new double[o.latencySamples()], cosigned = new double[o.latencySamples()];
            for (int k = 0; k < o.latencySamples(); k++) {
                Batch a = batch(from, o.latencyRecords()), c = batch(from, o.latencyRecords());
                from += o.latencyRecords();
                long s = System.nanoTime();
                alone(alone, a);
                single1[k] = millis(s);
                ClusterNode node = cluster.member(k % 3).cluster();
                s = System.nanoTime();
                node.submit(c.note(), c.records());
                applied[k] = millis(s);
                long size = node.node().ledger().size();
                while (node.cosignedByAll() < size) Thread.sleep(0, 200_000);
                cosigned[k] = millis(s);
            }
            offset += o.latencySamples();
            out.printf("one node alone: %,.0f records/s; submit to durable signed checkpoint p50 %.1f ms, p99 %.1f ms%n",
                    aloneRate, percentile(single1, 50), percentile(single1, 99));
            out.printf("three nodes: %,.0f records/s (%.2f of one node alone); submit to applied on the submitting node p50 %.1f ms, p99 %.1f ms;"
                            + " submit to checkpoint cosigned by both peers p50 %.1f ms, p99 %.1f ms (%.1fx / %.1fx one node's)%n",
                    clusterRate, clusterRate / aloneRate, percentile(applied, 50), percentile(applied, 99), percentile(cosigned, 50),
                    percentile(cosigned, 99), percentile(cosigned, 50) / percentile(single1, 50), percentile(cosigned, 99) / percentile(single1, 99));

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
        return SignedNote.parse(cluster.member(i).node().ledger().latestCheckpoint().orElseThrow().note()).text();
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
