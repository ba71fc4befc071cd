package org.touchline.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's own structural checks of a store file: b-tree pages, cell pointers, free list, and (for the full check)
 * that every index agrees with its table. SQLite keeps no page checksums, so bytes changed inside a stored value are
 * invisible here: the ledger's verification (leaf hashes, tree, signatures, commitments) is what finds those.
 */
public final class SqliteIntegrity {
    /** {@code PRAGMA quick_check} skips the index-versus-table comparison: the cheap check a start can afford. */
    public enum Depth { QUICK, FULL }

    private SqliteIntegrity() {}

    /** The problems SQLite reports for {@code dbFile} (empty if it is sound, or if there is no such file yet). */
    public static List<String> problems(Path dbFile, Depth depth) {
        if (!Files.exists(dbFile)) return List.of();
        List<String> out = new ArrayList<>();
        // query_only: a check must not change what it checks. (A read-only open cannot create the WAL's index file.)
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA query_only=1");
            try (ResultSet rs = s.executeQuery(depth == Depth.QUICK ? "PRAGMA quick_check(20)" : "PRAGMA integrity_check(100)")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) out.add(line);
                }
            }
        } catch (SQLException e) {
            // A file cut short or overwritten often fails before the check can run: that message is the damage.
            out.add(e.getMessage());
        }
        return List.copyOf(out);
    }

    /** Throws if {@code dbFile} is damaged, naming the damage and what to do; called before a store is opened. */
    static void requireSound(Path dbFile) {
        List<String> problems = problems(dbFile, Depth.QUICK);
        if (!problems.isEmpty()) throw new DamagedStoreException(dbFile, problems);
    }
}
