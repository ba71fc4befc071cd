package org.touchline.ledger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link HashReader} over hashes stored as C2SP tlog-tiles hash tiles, as Go's golang.org/x/mod/sumdb/tlog
 * {@code TileHashReader} reads them: a tile at tile level L holds up to 256 consecutive hashes of tree level 8L, and
 * a hash at tree level 8L + r (r below 8) is the root of 2^r of them, recomputed ({@link Tiles#hashFromTile}).
 *
 * <p>Each tile is read once per reader: a proof, a served tile or a scan asks for many hashes of the same tile, and
 * storage answers them with one read. Tiles only grow, so a cached partial tile is read again only when a hash
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
        if (level < 0 || level > 63 || index < 0 || index > (Long.MAX_VALUE >>> level)) {
            throw new IOException("no hash stored at level " + level + " index " + index);
        }
        int tileLevel = level / Tiles.HEIGHT;
        int r = level % Tiles.HEIGHT;
        long first = index << r; // first hash of tree level 8 * tileLevel under this node
        long tileIndex = first / Tiles.WIDTH;
        int needed = (int) (first % Tiles.WIDTH) + (1 << r);
        long key = (long) tileLevel << 56 | tileIndex;
        byte[] tile = tiles.get(key);
        if (tile == null || tile.length < needed * Hashes.SIZE) {
            tile = source.tile(tileLevel, tileIndex);
            if (tile == null || tile.length < needed * Hashes.SIZE) {
                throw new IOException("no hash stored at level " + level + " index " + index + " (tile " + tileLevel + "/" + tileIndex
                        + " holds " + (tile == null ? 0 : tile.length / Hashes.SIZE) + " hashes)");
            }
            tiles.put(key, tile);
        }
        return Tiles.hashFromTile(tile, r, (int) (first % Tiles.WIDTH));
    }
}
