package org.touchline.cli;

import org.touchline.demo.DemoCompany;
import org.touchline.domain.Progress;
import org.touchline.node.command.Ingestion;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.VerifyReport;
import org.touchline.store.postgresql.EmbeddedPostgresql;
import org.touchline.store.postgresql.PostgresqlLocation;
import org.touchline.store.postgresql.PostgresqlStore;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code touchline bench store}: the same node ingesting the same Interaction v1 file on SQLite and on PostgreSQL, in
 * one run, so the ratio compares like with like (docs/benchmarks.md). Every run is a fresh node on a fresh store: the full path
 * (parse, validate, resolve, seal, sign, append), durable commits on both sides. Then each verifies its whole log.
 * Rounds alternate which store goes first, after a warm-up ingest, so neither gets the JIT's or the page cache's
 * favour. {@code --store embedded-postgresql} starts PostgreSQL from the Maven Central binaries; a URL uses that
 * server, in a schema of its own per run ({@code touchline_bench_N}, dropped first).
 */
@Command(name = "store", description = "Ingest the same file into a node on SQLite and on PostgreSQL, in one run, and compare.")
final class StoreBenchCommand implements Callable<Integer> {
    static final String EMBEDDED = "embedded-postgresql";
    @Option(names = "--store", defaultValue = EMBEDDED, paramLabel = "URL",
            description = "the PostgreSQL to measure: " + EMBEDDED + " (started here) or postgresql://host:port/db?user=NAME (default: ${DEFAULT-VALUE})")
    String store;
    @Option(names = "--interactions", defaultValue = "200000", description = "lines in the benchmark file (default: ${DEFAULT-VALUE})") long interactions;
    @Option(names = "--rounds", defaultValue = "2", description = "runs on each store, alternating which goes first (default: ${DEFAULT-VALUE})") int rounds;
    @Option(names = "--work-dir", defaultValue = "target/bench-store", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;

    record Run(String store, int round, long accepted, double ingestPerSecond, double verifyPerSecond, long heapAfterCollection) {}

    @Override
    public Integer call() throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1");
        if (store.equals(EMBEDDED)) EmbeddedPostgresql.requireAvailable();
        deleteTree(work);
        Files.createDirectories(work);
        Path file = work.resolve("bench-" + interactions + ".ndjson");
        System.out.printf(Locale.ROOT, "Writing %,d Interaction v1 lines to %s%n", interactions, file);
        DemoCompany.writeBenchFile(file, interactions, seed);
        Path warmup = work.resolve("warmup.ndjson");
        DemoCompany.writeBenchFile(warmup, Math.min(20_000, interactions), seed + 1);

        EmbeddedPostgresql embedded = null;
        try {
            PostgresqlLocation database;
            if (store.equals(EMBEDDED)) {
                System.out.println("Starting PostgreSQL from the embedded binaries...");
                embedded = EmbeddedPostgresql.start();
                database = embedded.createDatabase("touchline_bench");
            } else {
                database = PostgresqlLocation.parse(store);
            }
            System.out.println("PostgreSQL: " + describe(database));
            System.out.println("SQLite: " + sqliteVersion() + ", WAL, synchronous=FULL, in " + work);

            System.out.print("Warm-up ingest (SQLite, not counted)... ");
            runOn("sqlite", 0, warmup, null, work.resolve("warmup"));
            System.out.println("done");

            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                boolean sqliteFirst = round % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean sqlite = (k == 0) == sqliteFirst;
                    settle(database);
                    PostgresqlLocation schema = sqlite ? null : freshSchema(database, "touchline_bench_" + round);
                    Run r = runOn(sqlite ? "sqlite" : "postgresql", round, file, schema, work.resolve((sqlite ? "sqlite-" : "postgresql-") + round));
                    // Gone before the next run, so that no run shares the machine with autovacuum on an earlier run's tables.
                    if (!sqlite) dropSchema(database, "touchline_bench_" + round);
                    System.out.printf(Locale.ROOT, "round %d, %-10s: %,d accepted, ingest %,.0f interactions/s, verify %,.0f entries/s, heap after GC %,d MiB%n",
                            round, r.store(), r.accepted(), r.ingestPerSecond(), r.verifyPerSecond(), r.heapAfterCollection() >> 20);
                    runs.add(r);
                }
            }
            report(runs);
            return 0;
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    private Run runOn(String kind, int round, Path file, PostgresqlLocation schema, Path dataDir) throws Exception {
        NodeIdentity identity = NodeIdentity.openOrCreate(dataDir, null);
        DataDirOption.Store s = schema == null ? DataDirOption.Store.of(new SqliteStore(dataDir)) : DataDirOption.Store.of(new PostgresqlStore(schema));
        try (Node node = new Node(identity, s.ledger(), s.projections(), s.deadLetters())) {
            long t0 = System.nanoTime();
            Ingestion.Report r = node.ingestion().ndjsonFile(file, Progress.NONE);
            double ingest = r.accepted() / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            VerifyReport v = node.verify(Progress.NONE);
            double verify = v.entries() / ((System.nanoTime() - t0) / 1e9);
            if (!v.ok()) throw new IllegalStateException(kind + " store did not verify: " + v.problems());
            // What the node holds with the store open and the ingest's garbage gone: the same on either store.
            System.gc();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Run(kind, round, r.accepted(), ingest, verify, heap);
        } finally {
            s.close();
        }
    }

    /**
     * Lets the disk settle before a run: what the last run left for the disk (SQLite's final checkpoint, PostgreSQL's
     * dirty buffers, the page cache's write-back) otherwise lands in the next run's commits. The first runs measured
     * here were twice as fast in one order as in the other until this was added.
     */
    private static void settle(PostgresqlLocation database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.println("(no CHECKPOINT before the run: " + e.getMessage() + ")");
        }
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Thread.sleep(2_000);
    }

    private static void dropSchema(PostgresqlLocation database, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** An empty schema of {@code name} in the database, and the location of a store in it. */
    private static PostgresqlLocation freshSchema(PostgresqlLocation database, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        }
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new PostgresqlLocation(url, database.user(), database.password());
    }

    private static String describe(PostgresqlLocation database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), "
                     + "current_setting('shared_buffers')")) {
            rs.next();
            return rs.getString(1).replaceFirst(",.*", "") + ", fsync=" + rs.getString(2) + ", synchronous_commit=" + rs.getString(3)
                    + " (the store sets it on for its writer), shared_buffers=" + rs.getString(4) + ", at " + database.withoutPassword();
        }
    }

    private static String sqliteVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return "SQLite " + rs.getString(1);
        }
    }

    private void report(List<Run> runs) {
        System.out.println();
        System.out.printf(Locale.ROOT, "| store (%,d interactions, %d cores, max heap %,d MiB) | ingest, interactions/s | verify, entries/s | heap after GC, node open |%n",
                interactions, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("|---|---|---|---|");
        for (Run r : runs)
            System.out.printf(Locale.ROOT, "| %s, round %d | %,.0f | %,.0f | %,d MiB |%n", r.store(), r.round(), r.ingestPerSecond(), r.verifyPerSecond(),
                    r.heapAfterCollection() >> 20);
        System.out.printf(Locale.ROOT, "| median of the rounds, SQLite | %,.0f | %,.0f | |%n", median(runs, "sqlite", true), median(runs, "sqlite", false));
        System.out.printf(Locale.ROOT, "| median of the rounds, PostgreSQL | %,.0f | %,.0f | |%n", median(runs, "postgresql", true), median(runs, "postgresql", false));
        System.out.printf(Locale.ROOT, "| PostgreSQL / SQLite, median of each round's ratio | %.2f | %.2f | |%n", medianRatio(runs, true), medianRatio(runs, false));
    }

    private static double median(List<Run> runs, String store, boolean ingest) {
        return median(runs.stream().filter(r -> r.store().equals(store)).mapToDouble(r -> ingest ? r.ingestPerSecond() : r.verifyPerSecond()).toArray());
    }

    /** Each round's two runs ran back to back, under much the same load from anything else on the machine. */
    private double medianRatio(List<Run> runs, boolean ingest) {
        double[] ratios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            double sqlite = 0, postgresql = 0;
            for (Run r : runs) {
                if (r.round() != round) continue;
                double v = ingest ? r.ingestPerSecond() : r.verifyPerSecond();
                if (r.store().equals("sqlite")) sqlite = v;
                else postgresql = v;
            }
            ratios[round - 1] = postgresql / sqlite;
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
