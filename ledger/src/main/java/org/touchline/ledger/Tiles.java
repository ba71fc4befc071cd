package org.touchline.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Tile contents of C2SP tlog-tiles with tile height 8: hash tiles read from storage and
 * entry bundles.
 */
public final class Tiles {
    /** Tile height: a tile spans 8 tree levels. */
    public static final int HEIGHT = 8;
    /** Hashes (or entries) in a full tile. */
    public static final int WIDTH = 1 << HEIGHT;

    private Tiles() {
    }

    /**
     * Tile {@code tileIndex} at tile level {@code tileLevel} with {@code width} hashes: the
     * concatenated 32-byte hashes of tree level 8*tileLevel, indices tileIndex*256 to
     * tileIndex*256 + width - 1 ("Merkle Tree" section: MTH(D[(n*256+i)*256^l : (n*256+i+1)*256^l])).
     * Every one of them must be a complete subtree of the tree of {@code treeSize} leaves.
     */
    public static byte[] hashTile(int tileLevel, long tileIndex, int width, long treeSize, HashReader r) throws IOException {
        if (tileLevel < 0 || tileLevel * HEIGHT > 63) {
            throw new IllegalArgumentException("tile level " + tileLevel + " is beyond any tree of 2^63 leaves");
        }
        if (width < 1 || width > WIDTH) {
            throw new IllegalArgumentException("tile width must be in 1.." + WIDTH + ", got " + width);
        }
        if (tileIndex < 0 || treeSize < 0) {
            throw new IllegalArgumentException("tile index and tree size must be non-negative");
        }
        int level = tileLevel * HEIGHT;
        long completeAtLevel = treeSize >>> level; // complete subtrees of 2^level leaves
        if (tileIndex > (completeAtLevel - width) / WIDTH || tileIndex * WIDTH + width > completeAtLevel) {
            throw new IllegalArgumentException("tile " + TilePath.hashes(tileLevel, tileIndex, width)
                    + " is not within a tree of size " + treeSize);
        }
        long start = tileIndex * WIDTH;
        byte[] tile = new byte[width * Hashes.SIZE];
        for (int i = 0; i < width; i++) {
            byte[] hash = r.hash(level, start + i);
            Frontier.checkHash(hash, level, start + i);
            System.arraycopy(hash, 0, tile, i * Hashes.SIZE, Hashes.SIZE);
        }
        return tile;
    }

    /** The hash tile a path names, see {@link #hashTile(int, long, int, long, HashReader)}. */
    public static byte[] hashTile(TilePath path, long treeSize, HashReader r) throws IOException {
        if (path.entries()) {
            throw new IllegalArgumentException(path + " is an entry bundle, not a hash tile");
        }
        return hashTile(path.level(), path.index(), path.width(), treeSize, r);
    }

    /**
     * The hash at tree level 8L + {@code height} covering the 2^height hashes of a level-8L tile from {@code offset} on
     * ({@code offset} a multiple of 2^height): those hashes folded pairwise, as Go's tlog {@code tileHash} does. Height
     * 0 is the stored hash itself.
     */
    public static byte[] hashFromTile(byte[] tile, int height, int offset) {
        if (height < 0 || height >= HEIGHT || offset % (1 << height) != 0 || (offset + (1 << height)) * Hashes.SIZE > tile.length) {
            throw new IllegalArgumentException("no subtree of height " + height + " at offset " + offset + " of a tile of "
                    + tile.length / Hashes.SIZE + " hashes");
        }
        int n = 1 << height;
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            int from = (offset + i) * Hashes.SIZE;
            level[i] = Arrays.copyOfRange(tile, from, from + Hashes.SIZE);
        }
        for (; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) level[i] = Hashes.nodeHash(level[2 * i], level[2 * i + 1]);
        }
        return level[0];
    }

    /**
     * New hashes of one stored tile: {@code hashes} (concatenated) go at positions {@code from}.. of tile
     * {@code index} at tile level {@code level}. A store appends them to what the tile already holds.
     */
    public record Slice(int level, long index, int from, byte[] hashes) {}

    /**
     * What an append adds to the stored tiles: of the nodes a {@link Frontier} emitted, those at a tree level that is a
     * multiple of 8 (the others are recomputed from tiles), gathered by tile, in tile order. The nodes of one
     * tile must be consecutive there, as a Frontier emits them; a tile is complete when its slice reaches 256.
     */
    public static List<Slice> slices(List<StoredNode> nodes) {
        List<StoredNode> kept = new ArrayList<>();
        for (StoredNode n : nodes) if (n.level() % HEIGHT == 0) kept.add(n);
        kept.sort(Comparator.comparingInt(StoredNode::level).thenComparingLong(StoredNode::index));
        List<Slice> out = new ArrayList<>();
        for (int k = 0; k < kept.size(); ) {
            StoredNode first = kept.get(k);
            long tile = first.index() / WIDTH;
            int end = k;
            while (end < kept.size() && kept.get(end).level() == first.level() && kept.get(end).index() / WIDTH == tile) {
                if (kept.get(end).index() != first.index() + (end - k)) {
                    throw new IllegalArgumentException("node level " + first.level() + " index " + kept.get(end).index()
                            + " does not follow index " + (first.index() + (end - k) - 1));
                }
                end++;
            }
            byte[] hashes = new byte[(end - k) * Hashes.SIZE];
            for (int i = k; i < end; i++) System.arraycopy(kept.get(i).hash(), 0, hashes, (i - k) * Hashes.SIZE, Hashes.SIZE);
            out.add(new Slice(first.level() / HEIGHT, tile, (int) (first.index() % WIDTH), hashes));
            k = end;
        }
        return out;
    }

    /** An entry bundle: each entry as a big-endian uint16 length followed by its bytes ("Log entries"). */
    public static byte[] entryBundle(List<byte[]> entries) {
        if (entries.size() > WIDTH) {
            throw new IllegalArgumentException("an entry bundle holds at most " + WIDTH + " entries, got " + entries.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = entries.get(i);
            if (entry.length > 0xffff) {
                throw new IllegalArgumentException("entry " + i + " is " + entry.length + " bytes; an entry bundle allows 65535");
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xff);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    /** Splits an entry bundle back into its entries. */
    public static List<byte[]> parseEntryBundle(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int offset = 0;
        while (offset < bundle.length) {
            if (offset + 2 > bundle.length) {
                throw new IllegalArgumentException("entry bundle ends inside the length of entry " + entries.size());
            }
            int length = (bundle[offset] & 0xff) << 8 | (bundle[offset + 1] & 0xff);
            offset += 2;
            if (offset + length > bundle.length) {
                throw new IllegalArgumentException("entry bundle ends inside entry " + entries.size());
            }
            entries.add(Arrays.copyOfRange(bundle, offset, offset + length));
            offset += length;
        }
        if (entries.size() > WIDTH) {
            throw new IllegalArgumentException("entry bundle holds " + entries.size() + " entries, more than " + WIDTH);
        }
        return entries;
    }
}
