package org.touchline.ledger;

/**
 * A C2SP tlog-tiles resource path: {@code tile/<L>/<N>[.p/<W>]} for a Merkle tree tile or
 * {@code tile/entries/<N>[.p/<W>]} for an entry bundle. {@code width} is 256 for a full tile
 * and 1..255 for a partial one; {@code level} is 0 for entry bundles.
 *
 * <p>N is written in zero-padded 3-digit groups, all but the last prefixed with "x"
 * (1234067 is {@code x001/x234/067}).
 */
public record TilePath(boolean entries, int level, long index, int width) {
    public TilePath {
        if (level < 0 || level > 63) {
            throw new IllegalArgumentException("tile level must be in 0..63, got " + level);
        }
        if (entries && level != 0) {
            throw new IllegalArgumentException("entry bundles have no level");
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index must be non-negative, got " + index);
        }
        if (width < 1 || width > Tiles.WIDTH) {
            throw new IllegalArgumentException("tile width must be in 1.." + Tiles.WIDTH + ", got " + width);
        }
    }

    /** A Merkle tree (hash) tile. */
    public static TilePath hashes(int level, long index, int width) {
        return new TilePath(false, level, index, width);
    }

    /** An entry bundle. */
    public static TilePath entries(long index, int width) {
        return new TilePath(true, 0, index, width);
    }

    public boolean isPartial() {
        return width < Tiles.WIDTH;
    }

    /** The path, e.g. {@code tile/0/x001/x234/067.p/8} or {@code tile/entries/000}. */
    public String path() {
        StringBuilder sb = new StringBuilder("tile/");
        sb.append(entries ? "entries" : Integer.toString(level)).append('/').append(encodeIndex(index));
        if (isPartial()) {
            sb.append(".p/").append(width);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return path();
    }

    /** The N part of a tile path: 3-digit groups, "x" before all but the last. */
    public static String encodeIndex(long n) {
        String groups = "";
        do {
            String group = String.format("%03d", n % 1000);
            groups = groups.isEmpty() ? group : "x" + group + "/" + groups;
            n /= 1000;
        } while (n > 0);
        return groups;
    }

    /** Parses a tile path strictly: only the canonical form {@link #path()} produces is accepted. */
    public static TilePath parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || !parts[0].equals("tile")) {
            throw new IllegalArgumentException("tile path must start with tile/<L>/ or tile/entries/: \"" + path + "\"");
        }
        boolean entries = parts[1].equals("entries");
        int level = 0;
        if (!entries) {
            if (!parts[1].matches("0|[1-9][0-9]?") || Integer.parseInt(parts[1]) > 63) {
                throw new IllegalArgumentException("tile level must be 0..63 without leading zeros, got \""
                        + parts[1] + "\" in \"" + path + "\"");
            }
            level = Integer.parseInt(parts[1]);
        }
        int width = Tiles.WIDTH;
        int last = parts.length - 1;
        if (parts[last - 1].endsWith(".p")) {
            // partial: .../NNN.p/W
            if (!parts[last].matches("[1-9][0-9]{0,2}") || Integer.parseInt(parts[last]) > 255) {
                throw new IllegalArgumentException("partial tile width must be 1..255 without leading zeros, got \""
                        + parts[last] + "\" in \"" + path + "\"");
            }
            width = Integer.parseInt(parts[last]);
            parts[last - 1] = parts[last - 1].substring(0, parts[last - 1].length() - 2);
            last--;
        }
        if (last < 2) {
            throw new IllegalArgumentException("tile path has no index: \"" + path + "\"");
        }
        long index = 0;
        for (int i = 2; i <= last; i++) {
            boolean isLast = i == last;
            String group = parts[i];
            if (!group.matches(isLast ? "[0-9]{3}" : "x[0-9]{3}")) {
                throw new IllegalArgumentException("tile index group \"" + group + "\" must be "
                        + (isLast ? "three digits" : "x and three digits") + " in \"" + path + "\"");
            }
            int value = Integer.parseInt(isLast ? group : group.substring(1));
            if (i == 2 && !isLast && value == 0) {
                throw new IllegalArgumentException("tile index has a leading zero group in \"" + path + "\"");
            }
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000L), value);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tile index is too large in \"" + path + "\"");
            }
        }
        return new TilePath(entries, level, index, width);
    }
}
