package org.touchline.store.jdbc;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoreException;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.HashReader;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.StoredNode;
import org.touchline.ledger.TileHashReader;
import org.touchline.ledger.TilePath;
import org.touchline.ledger.Tiles;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/** The log on any {@link Database}. Appends write every table of one group commit in a single transaction. */
public final class JdbcLedger implements LedgerStore {
    /** Rows a streamed scan fetches per round trip, and the span of a scan's read-ahead. */
    public static final int FETCH = 4096;
    /** Tiles one query reads at most. */
    private static final int TILES_PER_QUERY = 64;
    private final Database db;
    private final JdbcProjections projections;
    private volatile long size;
    /** The read-ahead of the scan running on this thread, if one is (see {@link ScanWindow}). */
    private final ThreadLocal<ScanWindow> scanning = new ThreadLocal<>();

    public JdbcLedger(Database db, JdbcProjections projections) {
        this.db = db;
        this.projections = projections;
        db.write(TileConversion::ofOldHashes);
        this.size = db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries").executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Tree hashes are stored as C2SP tlog-tiles hash tiles, one row per tile keyed by tile level in the top bits and
     * tile index below: 2^48 tiles is plenty.
     */
    public static long tileId(int tileLevel, long tileIndex) { return ((long) tileLevel << 48) | tileIndex; }

    @Override public long size() { return size; }

    @Override public List<String> structuralProblems() { return db.structuralProblems(); }

    @Override
    public byte[] leaf(long index) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT leaf FROM entries WHERE idx = ?");
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new StoreException("no entry at index " + index);
                return rs.getBytes(1);
            }
        });
    }

    @Override
    public void scanLeaves(long from, long to, LeafVisitor visitor) {
        db.stream(s -> {
            boolean outermost = db.dialect().readsAheadInScans() && scanning.get() == null;
            if (outermost) scanning.set(new ScanWindow());
            try {
                PreparedStatement ps = s.prepare("SELECT idx, leaf FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx");
                ps.setFetchSize(FETCH);
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) visitor.leaf(rs.getLong(1), rs.getBytes(2));
                }
            } finally {
                if (outermost) scanning.remove();
            }
            return null;
        });
    }

    /**
     * Read-ahead for a scan: verify reads every entry's sealed part right after the entry, and one
     * round trip each would make a PostgreSQL verify several times slower than SQLite's in-process reads. On the
     * scanning thread those reads come from chunks of {@value #FETCH} fetched by range (its tree hashes come a tile at a time anyway), in the scan's own snapshot,
     * so they see exactly what a point read would have seen there.
     */
    private final class ScanWindow {
        private long partsFrom = -1, partsTo = -1;
        private final Map<Long, SealedPart> parts = new HashMap<>();

        Optional<SealedPart> part(long index) {
            if (index < partsFrom || index >= partsTo) {
                parts.clear();
                partsFrom = index;
                partsTo = index + FETCH;
                db.read(s -> {
                    PreparedStatement ps = s.prepare("SELECT idx, key_id, nonce, ct FROM vault WHERE idx >= ? AND idx < ?");
                    ps.setLong(1, partsFrom);
                    ps.setLong(2, partsTo);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) parts.put(rs.getLong(1), new SealedPart(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                    }
                    return null;
                });
            }
            return Optional.ofNullable(parts.get(index));
        }
    }

    /**
     * One read per tile, whatever the proof or tile asks of it, and one query for all the tiles a proof needs (see
     * {@link TileHashReader}).
     */
    @Override
    public HashReader hashes() {
        return new TileHashReader(new StoredTiles());
    }

    /** The tiles table as a {@link TileHashReader.TileSource}: a tile by its id, or several in one query. */
    private final class StoredTiles implements TileHashReader.TileSource {
        @Override
        public byte[] tile(int tileLevel, long tileIndex) throws IOException {
            try {
                return db.read(s -> JdbcLedger.tile(s, tileLevel, tileIndex));
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public List<byte[]> tiles(List<TilePath> tiles) throws IOException {
            if (tiles.size() == 1) return Collections.singletonList(tile(tiles.get(0).level(), tiles.get(0).index()));
            List<Long> ids = new ArrayList<>(tiles.size());
            for (TilePath t : tiles) ids.add(tileId(t.level(), t.index()));
            Map<Long, byte[]> found = new HashMap<>();
            try {
                db.read(s -> {
                    // A plain IN list of bigints reads the same on SQLite and PostgreSQL; a proof asks for a dozen tiles or so.
                    for (int from = 0; from < ids.size(); from += TILES_PER_QUERY) {
                        List<Long> part = ids.subList(from, Math.min(ids.size(), from + TILES_PER_QUERY));
                        PreparedStatement ps = s.prepare("SELECT id, hashes FROM tiles WHERE id IN (" + "?, ".repeat(part.size() - 1) + "?)");
                        for (int k = 0; k < part.size(); k++) ps.setLong(k + 1, part.get(k));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) found.put(rs.getLong(1), rs.getBytes(2));
                        }
                    }
                    return null;
                });
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            List<byte[]> out = new ArrayList<>(ids.size());
            for (long id : ids) out.add(found.get(id));
            return out;
        }
    }

    /** The stored tile's hashes, or null when there is none. */
    private static byte[] tile(Session s, int tileLevel, long tileIndex) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT hashes FROM tiles WHERE id = ?");
        ps.setLong(1, tileId(tileLevel, tileIndex));
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /**
     * Adds the group's new hashes to the tiles: a tile's first hashes are a new row, later ones extend the row of the
     * partial tile (tlog-tiles keeps a partial tile until it is full). One row per tile, not one per tree node.
     */
    private static void storeTiles(Session s, SqlDialect dialect, List<StoredNode> nodes) throws SQLException {
        Rows fresh = dialect.rows("tiles", "id", "hashes");
        PreparedStatement grow = s.prepare("UPDATE tiles SET hashes = ? WHERE id = ?");
        boolean grown = false;
        for (Tiles.Slice slice : Tiles.slices(nodes)) {
            long id = tileId(slice.level(), slice.index());
            if (slice.from() == 0) {
                fresh.row(id, slice.hashes());
                continue;
            }
            byte[] held = tile(s, slice.level(), slice.index());
            if (held == null || held.length != slice.from() * Hashes.SIZE)
                throw new StoreException("tile " + slice.level() + "/" + slice.index() + " holds " + (held == null ? 0 : held.length / Hashes.SIZE)
                        + " hashes, the append continues it at " + slice.from());
            byte[] joined = Arrays.copyOf(held, held.length + slice.hashes().length);
            System.arraycopy(slice.hashes(), 0, joined, held.length, slice.hashes().length);
            grow.setBytes(1, joined);
            grow.setLong(2, id);
            grow.addBatch();
            grown = true;
        }
        if (grown) grow.executeBatch();
        fresh.into(s);
    }

    @Override
    public Optional<StoredCheckpoint> latestCheckpoint() {
        return db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1").executeQuery()) {
                return rs.next() ? Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        });
    }

    @Override
    public List<StoredCheckpoint> checkpoints() {
        return db.stream(s -> {
            List<StoredCheckpoint> out = new ArrayList<>();
            PreparedStatement ps = s.prepare("SELECT size, note FROM checkpoints ORDER BY size");
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new StoredCheckpoint(rs.getLong(1), rs.getString(2)));
            }
            return out;
        });
    }

    @Override
    public List<StoredBatch> batches() {
        return db.stream(s -> {
            List<StoredBatch> out = new ArrayList<>();
            PreparedStatement ps = s.prepare("SELECT first, count, submitter, note FROM batches ORDER BY first");
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new StoredBatch(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
            return out;
        });
    }

    @Override
    public OptionalLong indexOf(String source, String sourceRecordId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT idx FROM records WHERE source = ? AND source_record_id = ?");
            ps.setString(1, source);
            ps.setString(2, sourceRecordId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    /** As few statements as the dialect's lists allow, not one per record: the per-call cost dominates a point lookup. */
    @Override
    public Map<String, Long> indexesOf(String source, Collection<String> sourceRecordIds) {
        Map<String, Long> found = new HashMap<>();
        if (sourceRecordIds.isEmpty()) return found;
        List<String> ids = List.copyOf(sourceRecordIds);
        SqlDialect dialect = db.dialect();
        return db.read(s -> {
            for (int from = 0; from < ids.size(); from += dialect.longestList()) {
                List<String> part = ids.subList(from, (int) Math.min(ids.size(), (long) from + dialect.longestList()));
                PreparedStatement ps = s.prepare("SELECT source_record_id, idx FROM records WHERE source = ? AND "
                        + dialect.oneOf("source_record_id", part.size()));
                ps.setString(1, source);
                List<Object> args = dialect.listArguments(s, part);
                for (int k = 0; k < args.size(); k++) ps.setObject(k + 2, args.get(k));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.put(rs.getString(1), rs.getLong(2));
                }
            }
            return found;
        });
    }

    @Override
    public Optional<SealedPart> sealedPart(long index) {
        ScanWindow window = scanning.get();
        if (window != null) return window.part(index);
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT key_id, nonce, ct FROM vault WHERE idx = ?");
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SealedPart(index, rs.getString(1), rs.getBytes(2), rs.getBytes(3))) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<byte[]> wrappedKey(String keyId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT wrapped FROM data_keys WHERE key_id = ?");
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        });
    }

    /** Deletes the erased parts and keys; {@link Database#afterErasure} then clears them from the files. */
    private static void erase(Session s, Append.Erasure e) throws SQLException {
        PreparedStatement part = s.prepare("DELETE FROM vault WHERE idx = ?");
        for (long i : new TreeSet<>(e.entries())) {
            part.setLong(1, i);
            part.addBatch();
        }
        part.executeBatch();
        PreparedStatement key = s.prepare("DELETE FROM data_keys WHERE key_id = ?");
        for (String k : new TreeSet<>(e.keyIds())) {
            key.setString(1, k);
            key.addBatch();
        }
        key.executeBatch();
    }

    @Override
    public void append(Append a) {
        if (a.first() != size) throw new StoreException("append at " + a.first() + " but the log has " + size + " entries");
        SqlDialect dialect = db.dialect();
        db.write(s -> {
            // Each table's rows go in in its key order: a B-tree takes sorted inserts with far fewer page writes.
            Rows entries = dialect.rows("entries", "idx", "leaf");
            for (Append.Leaf l : a.leaves()) entries.row(l.index(), l.data());
            entries.into(s);
            Rows records = dialect.rows("records", "source", "source_record_id", "idx");
            List<Append.Leaf> byKey = new ArrayList<>(a.leaves());
            byKey.sort(Comparator.comparing(Append.Leaf::source).thenComparing(Append.Leaf::sourceRecordId));
            for (Append.Leaf l : byKey) records.row(l.source(), l.sourceRecordId(), l.index());
            records.into(s);
            storeTiles(s, dialect, a.nodes());
            Rows keys = new BatchedRows("data_keys", "key_id", "wrapped");
            for (Append.DataKey k : a.newKeys()) keys.row(k.keyId(), k.wrapped());
            keys.into(s);
            Rows vault = dialect.rows("vault", "idx", "key_id", "nonce", "ct");
            for (SealedPart p : a.parts()) vault.row(p.index(), p.keyId(), p.nonce(), p.ciphertext());
            vault.into(s);
            projections.applyIn(s, a.projections());
            if (a.erasure() != null) erase(s, a.erasure());
            PreparedStatement batch = s.prepare("INSERT INTO batches (first, count, submitter, note) VALUES (?, ?, ?, ?)");
            batch.setLong(1, a.batch().first());
            batch.setLong(2, a.batch().count());
            batch.setString(3, a.batch().submitter());
            batch.setString(4, a.batch().note());
            batch.executeUpdate();
            PreparedStatement cp = s.prepare("INSERT INTO checkpoints (size, note) VALUES (?, ?)");
            cp.setLong(1, a.checkpoint().size());
            cp.setString(2, a.checkpoint().note());
            cp.executeUpdate();
            return null;
        });
        size = a.first() + a.leaves().size();
        if (a.erasure() != null) db.afterErasure(a.erasure());
    }
}
