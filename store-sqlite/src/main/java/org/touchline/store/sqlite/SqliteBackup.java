package org.touchline.store.sqlite;

import org.touchline.domain.store.StoreException;
import org.touchline.domain.store.StoredCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A consistent copy of a store while its node may be writing. {@code VACUUM INTO} reads the whole database inside
 * one read transaction (WAL lets it run beside the writer), so the copy is exactly the store as of one commit: its
 * latest checkpoint covers exactly its entries. The online backup API was the alternative; under continuous commits
 * from another connection it restarts its page copy and may never finish. It needs no lock on the data directory, so
 * a serving node keeps serving.
 */
public final class SqliteBackup {
    private SqliteBackup() {}

    /** Writes the store in {@code dataDir} to {@code target} (which must not exist yet); returns the copy's latest checkpoint. */
    public static Optional<StoredCheckpoint> copy(Path dataDir, Path target) {
        Path source = dataDir.resolve(SqliteStore.FILE);
        if (!Files.exists(source)) throw new StoreException("there is no store to back up: " + source + " does not exist");
        if (Files.exists(target)) throw new StoreException("the backup target " + target + " already exists: give a new file");
        SqliteIntegrity.requireSound(source);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=30000");
            }
            // VACUUM refuses while any statement of its connection is open, so it runs alone, the path as a literal.
            try (Statement s = c.createStatement()) {
                s.executeUpdate("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            try {
                Files.deleteIfExists(target); // half a backup is worse than none: it looks like one
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new StoreException("backup of " + source + " to " + target + " failed: " + e.getMessage(), e);
        }
        List<String> damage = SqliteIntegrity.problems(target, SqliteIntegrity.Depth.QUICK);
        if (!damage.isEmpty()) throw new StoreException("the backup " + target + " does not pass SQLite's check: " + String.join("; ", damage));
        return latestCheckpoint(target);
    }

    /** The latest signed checkpoint a store file holds, read without opening it as a store (no lock, no schema). */
    public static Optional<StoredCheckpoint> latestCheckpoint(Path dbFile) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")) {
            return rs.next() ? Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getString(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the latest checkpoint of " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces every signed note of a copied store file (checkpoints and batch notes) by {@code resign} of it, in one
     * transaction: a node installing a peer's snapshot signs the same note texts with its own log key, as it would
     * have had it appended them itself. Run on a file no node has open.
     */
    public static void resignNotes(Path dbFile, UnaryOperator<String> resign) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            c.setAutoCommit(false);
            for (String table : List.of("checkpoints", "batches")) {
                String key = table.equals("checkpoints") ? "size" : "first";
                Map<Long, String> notes = new LinkedHashMap<>();
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT " + key + ", note FROM " + table)) {
                    while (rs.next()) notes.put(rs.getLong(1), rs.getString(2));
                }
                try (var ps = c.prepareStatement("UPDATE " + table + " SET note = ? WHERE " + key + " = ?")) {
                    for (var e : notes.entrySet()) {
                        ps.setString(1, resign.apply(e.getValue()));
                        ps.setLong(2, e.getKey());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot re-sign the notes of " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces every dead letter's raw record and problems of a copied store file by {@code change(column, value)}, in
     * one transaction: a backup seals them, a restore opens them. The journal is kept in memory and deleted rows' bytes
     * are zeroed, then the file is vacuumed, so none of the old text is left in it, a free page or a journal file. Run
     * on a file no node has open; returns how many letters were changed.
     */
    public static int rewriteDeadLetters(Path dbFile, BinaryOperator<String> change) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=MEMORY");
                s.execute("PRAGMA secure_delete=ON");
            }
            c.setAutoCommit(false);
            Map<Long, String[]> rows = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT id, raw, problems FROM dead_letters")) {
                while (rs.next()) rows.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
            }
            try (var ps = c.prepareStatement("UPDATE dead_letters SET raw = ?, problems = ? WHERE id = ?")) {
                for (var e : rows.entrySet()) {
                    ps.setString(1, change.apply("raw", e.getValue()[0]));
                    ps.setString(2, change.apply("problems", e.getValue()[1]));
                    ps.setLong(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("VACUUM");
            }
            return rows.size();
        } catch (SQLException e) {
            throw new StoreException("cannot rewrite the dead letters of " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces, in one transaction, every wrapped data key of a copied store file by {@code dataKey(keyId, wrapped)}
     * and every sealed match profile by {@code profile(customer, sealed)}: what a node installing a peer's snapshot
     * does to hold them under its own master key. Run on a file no node has open; returns how many data keys were
     * re-wrapped.
     */
    public static int rekey(Path dbFile, BiFunction<String, byte[], byte[]> dataKey,
                            BiFunction<String, byte[], byte[]> profile) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath())) {
            c.setAutoCommit(false);
            int keys = rewrite(c, "data_keys", "key_id", "wrapped", dataKey);
            rewrite(c, "profiles", "customer", "sealed", profile);
            c.commit();
            return keys;
        } catch (SQLException e) {
            throw new StoreException("cannot re-key " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private static int rewrite(Connection c, String table, String key, String value, BiFunction<String, byte[], byte[]> change)
            throws SQLException {
        Map<String, byte[]> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT " + key + ", " + value + " FROM " + table)) {
            while (rs.next()) rows.put(rs.getString(1), rs.getBytes(2));
        }
        try (var ps = c.prepareStatement("UPDATE " + table + " SET " + value + " = ? WHERE " + key + " = ?")) {
            for (var e : rows.entrySet()) {
                ps.setBytes(1, change.apply(e.getKey(), e.getValue()));
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }
}
