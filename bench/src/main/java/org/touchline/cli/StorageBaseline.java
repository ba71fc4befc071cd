package org.touchline.cli;

import org.touchline.store.sqlite.SqliteDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's baseline: the very rows a node wrote, inserted again with plain prepared INSERTs into a fresh
 * store with the same schema and settings, one transaction per group commit of the original run. What the full path
 * costs beyond this is the pipeline itself: parsing, validation, canonical JSON, hashing, sealing, resolving, signing.
 */
final class StorageBaseline {
    private record Table(String name, String columns, String rangeColumn) {}

    /** Per-leaf tables, and the column that says which group commit wrote a row. */
    private static final List<Table> TABLES = List.of(
            new Table("entries", "idx, leaf", "idx"),
            new Table("records", "source, source_record_id, idx", "idx"),
            new Table("vault", "idx, key_id, nonce, ct", "idx"),
            new Table("timeline", "customer, at, idx, role", "idx"),
            new Table("identifiers", "key, type, customer, at_index, origin", "at_index"),
            new Table("customers", "id, created_at", "created_at"),
            new Table("merges", "absorbed, survivor, at_index, merged_into", "at_index"),
            new Table("identity_decisions", "entry, about, kind, customer, other, status, decision", "entry"),
            new Table("batches", "first, count, submitter, note", "first"));

    /** {@code cpuNanos}: process CPU time spent in the timed inserts (SQLite runs in this process). */
    record Result(long entries, long rows, double seconds, long cpuNanos) {
        double entriesPerSecond() { return entries / seconds; }

        double cpuMicrosPerEntry() { return cpuNanos / 1e3 / entries; }

        double rowsPerSecond() { return rows / seconds; }
    }

    /** Replays the writes of the node store {@code source} into a new store at {@code target}; times only the inserts. */
    static Result run(Path sourceDb, Path targetDir) throws SQLException, IOException {
        long entries = 0, rows = 0, nanos = 0, cpu = 0;
        Files.createDirectories(targetDir);
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + sourceDb.toAbsolutePath());
             SqliteDatabase out = new SqliteDatabase(targetDir.resolve("baseline.db"))) {
            List<long[]> groups = new ArrayList<>();
            try (ResultSet rs = in.createStatement().executeQuery("SELECT first, count FROM batches ORDER BY first")) {
                while (rs.next()) groups.add(new long[]{rs.getLong(1), rs.getLong(2)});
            }
            for (long[] g : groups) {
                long first = g[0], last = g[0] + g[1];
                List<Object[]> batch = new ArrayList<>();
                List<String> sql = new ArrayList<>();
                for (Table t : TABLES) load(in, "SELECT " + t.columns() + " FROM " + t.name() + " WHERE " + t.rangeColumn() + " >= " + first
                        + " AND " + t.rangeColumn() + " < " + last, "INSERT INTO " + t.name() + " (" + t.columns() + ") VALUES ("
                        + "?,".repeat(t.columns().split(",").length - 1) + "?)", sql, batch);
                // Hash tiles this group wrote: at tile level L it completed the level-8L hashes [from, to), in tiles
                // from / 256 .. (to - 1) / 256. The node wrote a new row or grew a partial one; here each is a row
                // replaced with its final content, so the baseline writes as many tile rows as the group did.
                for (int level = 0; level < 48; level += 8) {
                    long from = ((first + (1L << level)) >> level) - 1, to = last >> level;
                    if (from >= to) continue;
                    load(in, "SELECT id, hashes FROM tiles WHERE id >= " + ((long) (level / 8) << 48 | from / 256)
                                    + " AND id <= " + ((long) (level / 8) << 48 | (to - 1) / 256),
                            "INSERT OR REPLACE INTO tiles (id, hashes) VALUES (?, ?)", sql, batch);
                }
                load(in, "SELECT size, note FROM checkpoints WHERE size = " + last, "INSERT INTO checkpoints (size, note) VALUES (?, ?)", sql, batch);
                long t0 = System.nanoTime(), cpu0 = BenchCommand.processCpuNanos();
                out.write(s -> {
                    String current = null;
                    PreparedStatement ps = null;
                    for (int k = 0; k < batch.size(); k++) {
                        if (!sql.get(k).equals(current)) {
                            if (ps != null) ps.executeBatch();
                            current = sql.get(k);
                            ps = s.prepare(current);
                        }
                        Object[] row = batch.get(k);
                        for (int c = 0; c < row.length; c++) ps.setObject(c + 1, row[c]);
                        ps.addBatch();
                    }
                    if (ps != null) ps.executeBatch();
                    return null;
                });
                nanos += System.nanoTime() - t0;
                cpu += BenchCommand.processCpuNanos() - cpu0;
                entries += g[1];
                rows += batch.size();
            }
        }
        return new Result(entries, rows, nanos / 1e9, cpu);
    }

    private static void load(Connection in, String select, String insert, List<String> sql, List<Object[]> rows) throws SQLException {
        try (ResultSet rs = in.createStatement().executeQuery(select)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int c = 0; c < n; c++) row[c] = rs.getObject(c + 1);
                rows.add(row);
                sql.add(insert);
            }
        }
    }
}
