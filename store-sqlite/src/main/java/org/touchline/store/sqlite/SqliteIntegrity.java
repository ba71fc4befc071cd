package org.touchline.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /**
     * The check an open can afford at any size, before a store is opened: after a clean close (no WAL left beside
     * it) the file must be an SQLite file at least as long as its header says (SQLite file format §1.3: page size at
     * offset 16, page count at 28, valid while the change counter at 24 equals the number at 92), which finds a file
     * cut short or overwritten from the start. After a crash, with a WAL to replay, the quick check of every page
     * runs too: a crash is when damage is likeliest. Throws naming the damage and what to do.
     */
    static void requireWhole(Path dbFile) {
        long length;
        byte[] header = new byte[100];
        try {
            if (!Files.exists(dbFile) || (length = Files.size(dbFile)) == 0) return; // a new store
            Path wal = dbFile.resolveSibling(dbFile.getFileName() + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                requireSound(dbFile);
                return;
            }
            try (InputStream in = Files.newInputStream(dbFile)) {
                if (in.readNBytes(header, 0, 100) < 100) throw new DamagedStoreException(dbFile, List.of("the file is " + length
                        + " bytes long, shorter than an SQLite header: it was cut short or is not a store"));
            }
        } catch (IOException e) {
            throw new DamagedStoreException(dbFile, List.of("the file cannot be read: " + e.getMessage()));
        }
        if (!new String(header, 0, 16, StandardCharsets.US_ASCII).equals("SQLite format 3\0"))
            throw new DamagedStoreException(dbFile, List.of("the file does not start with the SQLite header: it was overwritten or is not a store"));
        ByteBuffer h = ByteBuffer.wrap(header);
        int pageSize = h.getShort(16) & 0xffff;
        if (pageSize == 1) pageSize = 65536;
        long pages = h.getInt(28) & 0xffffffffL;
        boolean sizeValid = pages > 0 && h.getInt(24) == h.getInt(92);
        if (sizeValid && length < pages * pageSize)
            throw new DamagedStoreException(dbFile, List.of("the file is " + length + " bytes long, but its header says it holds " + pages
                    + " pages of " + pageSize + " bytes: it was cut short"));
    }

    /** Throws if {@code dbFile} is damaged, naming the damage and what to do: SQLite's quick check of every page. */
    static void requireSound(Path dbFile) {
        List<String> problems = problems(dbFile, Depth.QUICK);
        if (!problems.isEmpty()) throw new DamagedStoreException(dbFile, problems);
    }
}
