package org.touchline.store.jdbc;

import org.touchline.domain.store.StoreException;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.Tiles;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Converts a store written before tree hashes were kept as tiles: its {@code hashes} table held one row per complete
 * subtree (id = level << 48 | index). The hashes at tree levels 0, 8, 16... become the rows of {@code tiles}, the others
 * are recomputed from them on read, and the old table is dropped, all in one transaction when the store opens.
 */
final class TileConversion {
    /** Tiles sent to the database at a time: the conversion of a large log holds only this many in memory. */
    private static final int CHUNK = 1024;

    private TileConversion() {}

    /** Converts the old {@code hashes} table if the store has one; returns null (a {@link Work} with no result). */
    static Void ofOldHashes(Session s) throws SQLException {
        if (!hasOldHashes(s)) return null;
        for (int level = 0; level < 64; level += Tiles.HEIGHT) convertLevel(s, level);
        s.execute("DROP TABLE hashes");
        return null;
    }

    private static boolean hasOldHashes(Session s) throws SQLException {
        DatabaseMetaData meta = s.connection().getMetaData();
        try (ResultSet rs = meta.getTables(null, s.connection().getSchema(), "hashes", new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    private static void convertLevel(Session s, int level) throws SQLException {
        PreparedStatement read = s.prepare("SELECT id, hash FROM hashes WHERE id >= ? AND id < ? ORDER BY id");
        read.setLong(1, (long) level << 48);
        read.setLong(2, level == 56 ? Long.MAX_VALUE : (long) (level + 1) << 48);
        read.setFetchSize(JdbcLedger.FETCH);
        PreparedStatement insert = s.prepare("INSERT INTO tiles (id, hashes) VALUES (?, ?)");
        byte[] tile = new byte[Tiles.WIDTH * Hashes.SIZE];
        int width = 0, pending = 0;
        long expected = 0;
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                long index = rs.getLong(1) & ((1L << 48) - 1);
                byte[] hash = rs.getBytes(2);
                if (index != expected || hash.length != Hashes.SIZE)
                    throw new StoreException("cannot convert the tree hashes to tiles: level " + level + " has "
                            + (index != expected ? "no hash at index " + expected : "a hash of " + hash.length + " bytes at index " + index));
                System.arraycopy(hash, 0, tile, width * Hashes.SIZE, Hashes.SIZE);
                width++;
                expected++;
                if (width == Tiles.WIDTH) {
                    add(insert, level, expected - 1, tile, width);
                    width = 0;
                    if (++pending == CHUNK) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
        }
        if (width > 0) add(insert, level, expected - 1, tile, width);
        insert.executeBatch();
    }

    private static void add(PreparedStatement insert, int level, long lastIndex, byte[] tile, int width) throws SQLException {
        insert.setLong(1, JdbcLedger.tileId(level / Tiles.HEIGHT, lastIndex / Tiles.WIDTH));
        insert.setBytes(2, Arrays.copyOf(tile, width * Hashes.SIZE));
        insert.addBatch();
    }
}
