package org.touchline.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HashReader} over hashes stored as C2SP tlog-tiles hash tiles, as Go's golang.org/x/mod/sumdb/tlog
 * {@code TileHashReader} reads them: a tile at tile level L holds up to 256 consecutive hashes of tree level 8L, and
 * a hash at tree level 8L + r (r below 8) is the root of 2^r of them, recomputed ({@link Tiles#hashFromTile}).
 *
 * <p>Each tile is read once per reader: a proof, a served tile or a scan asks for many hashes of the same tile, and
 * storage answers them with one read. The hashes a proof asks for at once ({@link #hashes}) come from every tile they
 * involve read in one request ({@link TileSource#tiles}), as Go's {@code TileHashReader.ReadHashes} does. Tiles only grow, so a cached partial tile is read again only when a hash
 * beyond its width is asked for. The cache holds {@value #CACHED} tiles (8 KiB each at most). Not thread-safe: make
 * one reader per operation.
 */
public final class TileHashReader implements HashReader {
    /** Tiles kept: enough for every tile a proof touches (at most two per tile level) and a scan's read position. */
    static final int CACHED = 64;

    /** Reads the stored tile (tile level, tile index): its hashes concatenated, or null when none is stored. */
    @FunctionalInterface
    public interface TileSource {
        byte[] tile(int tileLevel, long tileIndex) throws IOException;

        /**
         * These tiles, in the same order, each holding at least the width asked for when stored so far (null when
         * none is stored): storage reads them in one request where it can. By default, one {@link #tile} each.
         */
        default List<byte[]> tiles(List<TilePath> tiles) throws IOException {
            List<byte[]> out = new ArrayList<>(tiles.size());
            for (TilePath t : tiles) out.add(tile(t.level(), t.index()));
            return out;
        }
    }

    private final TileSource source;
    private final Map<Long, byte[]> tiles = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) { return size() > CACHED; }
    };

    public TileHashReader(TileSource source) {
        this.source = source;
    }

    @Override
    public byte[] hash(int level, long index) throws IOException {
        Place p = place(level, index);
        byte[] tile = tiles.get(p.key());
        if (tile == null || tile.length < p.needed() * Hashes.SIZE) {
            tile = source.tile(p.tileLevel(), p.tileIndex());
            if (tile != null) tiles.put(p.key(), tile);
        }
        return p.hashIn(tile, level, index);
    }

    /** Reads the tiles these hashes need and are not held, all in one {@link TileSource#tiles} request. */
    @Override
    public List<byte[]> hashes(List<Subtree> subtrees) throws IOException {
        List<Place> places = new ArrayList<>(subtrees.size());
        Map<Long, byte[]> got = new HashMap<>(); // this request's tiles, whatever the cache evicts meanwhile
        Map<Long, Place> missing = new LinkedHashMap<>();
        for (Subtree s : subtrees) {
            Place p = place(s.level(), s.index());
            places.add(p);
            byte[] held = tiles.get(p.key());
            if (held != null && held.length >= p.needed() * Hashes.SIZE) got.putIfAbsent(p.key(), held);
            else missing.merge(p.key(), p, (a, b) -> a.needed() >= b.needed() ? a : b);
        }
        if (!missing.isEmpty()) {
            List<TilePath> wanted = new ArrayList<>(missing.size());
            for (Place p : missing.values()) wanted.add(TilePath.hashes(p.tileLevel(), p.tileIndex(), p.needed()));
            List<byte[]> read = source.tiles(wanted);
            int k = 0;
            for (Place p : missing.values()) {
                byte[] tile = read.get(k++);
                if (tile == null) continue;
                got.put(p.key(), tile);
                tiles.put(p.key(), tile);
            }
        }
        List<byte[]> out = new ArrayList<>(subtrees.size());
        for (int i = 0; i < subtrees.size(); i++) {
            Place p = places.get(i);
            out.add(p.hashIn(got.get(p.key()), subtrees.get(i).level(), subtrees.get(i).index()));
        }
        return out;
    }

    /**
     * Where the hash at (level, index) comes from: tile (tileLevel, tileIndex), which must hold {@code needed} hashes,
     * the hash being the root of the 2^height of them from {@code offset} on.
     */
    private record Place(int tileLevel, long tileIndex, int height, int offset, int needed) {
        long key() { return (long) tileLevel << 56 | tileIndex; }

        byte[] hashIn(byte[] tile, int level, long index) throws IOException {
            if (tile == null || tile.length < needed * Hashes.SIZE) {
                throw new IOException("no hash stored at level " + level + " index " + index + " (tile " + tileLevel + "/" + tileIndex
                        + " holds " + (tile == null ? 0 : tile.length / Hashes.SIZE) + " hashes)");
            }
            return Tiles.hashFromTile(tile, height, offset);
        }
    }

    private static Place place(int level, long index) throws IOException {
        if (level < 0 || level > 63 || index < 0 || index > (Long.MAX_VALUE >>> level)) {
            throw new IOException("no hash stored at level " + level + " index " + index);
        }
        int tileLevel = level / Tiles.HEIGHT;
        int r = level % Tiles.HEIGHT;
        long first = index << r; // first hash of tree level 8 * tileLevel under this node
        int offset = (int) (first % Tiles.WIDTH);
        return new Place(tileLevel, first / Tiles.WIDTH, r, offset, offset + (1 << r));
    }
}
