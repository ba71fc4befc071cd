package org.touchline.cli;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.HashReader;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.InclusionProof;
import org.touchline.ledger.MerkleTree;
import org.touchline.ledger.StoredNode;
import org.touchline.store.postgresql.EmbeddedPostgresql;
import org.touchline.store.postgresql.PostgresqlLocation;
import org.touchline.store.postgresql.PostgresqlStore;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code touchline bench proofs}: inclusion-proof latency read from each store, the way a proof reads its hashes now
 * (every tile it needs in one query, {@link HashReader#hashes}) against the way it did (one query per tile), in the
 * same run on the same store: each sample proves one leaf both ways, alternating which goes first, so that both
 * readers meet the same machine. The log is filled directly through the {@link LedgerStore} (no node, no
 * projections): what is measured is the reading of tree hashes.
 */
@Command(name = "proofs", description = {"Inclusion-proof latency on SQLite and PostgreSQL: one query per proof against one query per tile,",
        "measured in the same run on a log of --entries entries."})
final class ProofBenchCommand implements Callable<Integer> {
    @Option(names = "--entries", defaultValue = "1000000", description = "entries in the log (default: ${DEFAULT-VALUE})") long entries;
    @Option(names = "--samples", defaultValue = "20000", description = "leaves proved, each both ways (default: ${DEFAULT-VALUE})") int samples;
    @Option(names = "--seed", defaultValue = "7", description = "seed of the leaves proved (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--work-dir", defaultValue = "target/bench-proofs", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;
    @Option(names = "--postgresql", defaultValue = "embedded", paramLabel = "embedded|URL|none",
            description = "the PostgreSQL to measure on: embedded (from the tools jar), a postgresql:// URL, or none (default: ${DEFAULT-VALUE})") String postgresql;

    private static final int GROUP = 10_000;

    @Override
    public Integer call() throws Exception {
        BenchCommand.deleteTree(work);
        Files.createDirectories(work);
        List<String> rows = new ArrayList<>();
        try (SqliteStore sqlite = new SqliteStore(work.resolve("sqlite"))) {
            rows.addAll(measure("SQLite", sqlite.ledger()));
        }
        if (!postgresql.equals("none")) {
            EmbeddedPostgresql embedded = null;
            try {
                PostgresqlLocation location;
                if (postgresql.equals("embedded")) {
                    EmbeddedPostgresql.requireAvailable();
                    embedded = EmbeddedPostgresql.start();
                    location = embedded.createDatabase("touchline_bench_proofs");
                } else {
                    location = PostgresqlLocation.parse(postgresql);
                }
                try (PostgresqlStore store = new PostgresqlStore(location)) {
                    rows.addAll(measure("PostgreSQL", store.ledger()));
                }
            } finally {
                if (embedded != null) embedded.close();
            }
        }
        System.out.printf(Locale.ROOT, "%n| store | tile reads | p50 ms | p99 ms | p99 against one query per tile |%n|---|---|---:|---:|---:|%n");
        rows.forEach(System.out::println);
        return 0;
    }

    /** Fills the log, then times proofs with both readers: a table row for each. */
    private List<String> measure(String store, LedgerStore ledger) throws IOException {
        byte[] root = fill(store, ledger);
        long n = ledger.size();
        Random random = new Random(seed);
        long[] batched = new long[samples], perTile = new long[samples];
        for (int k = -Math.min(samples, 2_000); k < samples; k++) { // the first ones warm up the JIT and the caches
            long leaf = Math.floorMod(random.nextLong(), n);
            boolean batchFirst = (k & 1) == 0;
            long first = time(ledger, batchFirst, leaf, n, root), second = time(ledger, !batchFirst, leaf, n, root);
            if (k < 0) continue;
            batched[k] = batchFirst ? first : second;
            perTile[k] = batchFirst ? second : first;
        }
        Arrays.sort(batched);
        Arrays.sort(perTile);
        double[] b = BenchCommand.percentiles(batched), t = BenchCommand.percentiles(perTile);
        System.err.printf(Locale.ROOT, "%s: one query per proof p50 %.3f ms p99 %.3f ms; one query per tile p50 %.3f ms p99 %.3f ms%n",
                store, b[0], b[1], t[0], t[1]);
        return List.of(
                String.format(Locale.ROOT, "| %s, %,d entries | one query per tile (before) | %.3f | %.3f | 1.00 |", store, n, t[0], t[1]),
                String.format(Locale.ROOT, "| %s, %,d entries | one query per proof | %.3f | %.3f | %.2f |", store, n, b[0], b[1], b[1] / t[1]));
    }

    /** Nanoseconds to prove {@code leaf} with a new reader: all tiles in one query, or (as before) one query per tile. */
    private static long time(LedgerStore ledger, boolean batch, long leaf, long n, byte[] root) {
        long t0 = System.nanoTime();
        HashReader stored = ledger.hashes();
        // The reader before batching: HashReader's default hashes(), one hash at a time, one query per tile.
        prove(ledger, batch ? stored : stored::hash, leaf, n, root);
        return System.nanoTime() - t0;
    }

    private static void prove(LedgerStore ledger, HashReader reader, long leaf, long n, byte[] root) {
        try {
            InclusionProof proof = MerkleTree.inclusionProof(leaf, n, reader);
            if (leaf % 997 == 0) proof.verify(Hashes.leafHash(ledger.leaf(leaf)), root); // now and then, that it is a proof
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code entries} leaves in groups, with their tree hashes; returns the root. */
    private byte[] fill(String store, LedgerStore ledger) {
        Frontier tree = Frontier.empty();
        long t0 = System.nanoTime();
        for (long first = 0; first < entries; first += GROUP) {
            int count = (int) Math.min(GROUP, entries - first);
            List<Append.Leaf> leaves = new ArrayList<>(count);
            List<StoredNode> nodes = new ArrayList<>(2 * count);
            for (long i = first; i < first + count; i++) {
                byte[] data = ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                leaves.add(new Append.Leaf(i, "bench", "r" + i, data));
                tree.append(Hashes.leafHash(data), nodes::add);
            }
            ledger.append(new Append(first, leaves, nodes, List.of(), List.of(), new ProjectionChanges(),
                    new StoredBatch(first, count, "bench", "proofs"), new StoredCheckpoint(first + count, "size " + (first + count))));
        }
        System.err.printf(Locale.ROOT, "%s: %,d entries appended in %.1f s%n", store, entries, (System.nanoTime() - t0) / 1e9);
        return tree.root();
    }
}
