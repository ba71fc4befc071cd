package org.touchline.node;

import java.nio.file.Path;
import java.util.Properties;

/**
 * How much of refused records the dead-letter store keeps: at most {@code prefixChars} of each record (a refused 31 MB
 * body is not kept whole), and at most {@code openPerSource} open letters per source; records refused past that are
 * counted, not kept. Set in {@value #FILE} in the data directory ({@code prefixChars=8192}, {@code openPerSource=50000}).
 */
public record DeadLetterLimits(int prefixChars, long openPerSource) {
    public static final String FILE = "dead-letters.properties";
    public static final DeadLetterLimits DEFAULT = new DeadLetterLimits(16_384, 100_000);

    public DeadLetterLimits {
        if (prefixChars < 256) throw new IllegalArgumentException(FILE + ": prefixChars must be at least 256, not " + prefixChars);
        if (openPerSource < 1) throw new IllegalArgumentException(FILE + ": openPerSource must be at least 1, not " + openPerSource);
    }

    /** The limits in the data directory's {@value #FILE}, or the defaults where it says nothing. */
    public static DeadLetterLimits in(Path dataDir) {
        Properties p = SettingsFile.read(dataDir.resolve(FILE));
        return new DeadLetterLimits((int) whole(p, "prefixChars", DEFAULT.prefixChars), whole(p, "openPerSource", DEFAULT.openPerSource));
    }

    private static long whole(Properties p, String key, long otherwise) {
        String v = p.getProperty(key);
        if (v == null) return otherwise;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FILE + ": " + key + " must be a whole number, not '" + v + "'");
        }
    }

    /** What of a refused record is kept: the record, or its first {@link #prefixChars} characters. */
    public String kept(String raw) {
        if (raw == null || raw.length() <= prefixChars) return raw;
        int end = Character.isHighSurrogate(raw.charAt(prefixChars - 1)) ? prefixChars - 1 : prefixChars;
        return raw.substring(0, end);
    }
}
