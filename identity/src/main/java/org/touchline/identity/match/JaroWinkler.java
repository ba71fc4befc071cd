package org.touchline.identity.match;

/**
 * Jaro-Winkler similarity computed exactly as Commons Text's {@code JaroWinklerSimilarity} computes it (the same
 * matching window, matches, half transpositions and prefix, the same arithmetic, so the same doubles: tests hold the
 * two together), on Strings directly and without its per-call wrappers and arrays. It is the inner loop of comparing
 * tens of millions of candidate pairs, where the library's version took three quarters of the time.
 */
final class JaroWinkler {
    private JaroWinkler() {}

    static double similarity(String left, String right) {
        if (left.equals(right)) return 1d;
        String max = left.length() > right.length() ? left : right;
        String min = max == left ? right : left;
        int range = Math.max(max.length() / 2 - 1, 0);
        // Which characters of each string matched, as bits: a character of min matches the first unmatched equal
        // character of max within the window.
        long[] maxMatched = new long[(max.length() + 63) >>> 6];
        long[] minMatched = new long[(min.length() + 63) >>> 6];
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, max.length()); xi < xn; xi++) {
                if ((maxMatched[xi >>> 6] & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    maxMatched[xi >>> 6] |= 1L << xi;
                    minMatched[mi >>> 6] |= 1L << mi;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0d;
        // The matched characters of each string in order; a position where they differ is half a transposition.
        int halfTranspositions = 0;
        for (int mi = 0, xi = 0; mi < min.length(); mi++) {
            if ((minMatched[mi >>> 6] & (1L << mi)) == 0) continue;
            while ((maxMatched[xi >>> 6] & (1L << xi)) == 0) xi++;
            if (min.charAt(mi) != max.charAt(xi)) halfTranspositions++;
            xi++;
        }
        int prefix = 0;
        for (int i = 0; i < Math.min(4, min.length()); i++) {
            if (left.charAt(i) != right.charAt(i)) break;
            prefix++;
        }
        double m = matches;
        double j = ((m / left.length() + m / right.length() + (m - (double) halfTranspositions / 2) / m)) / 3;
        return j < 0.7d ? j : j + 0.1 * prefix * (1d - j);
    }
}
