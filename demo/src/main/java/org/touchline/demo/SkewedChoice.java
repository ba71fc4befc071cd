package org.touchline.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks from a list in which earlier entries are more common, the way name frequencies fall off with rank: entry r
 * has weight 1 / (r + offset). With an offset of about 20 the most common of a few hundred surnames is 1-2 % of people,
 * as "Smith" is in the UK, and the rarest still turn up.
 */
final class SkewedChoice {
    private final List<String> values;
    private final double[] cumulative;

    SkewedChoice(List<String> values, double offset) {
        if (values.isEmpty()) throw new IllegalArgumentException("nothing to choose from");
        this.values = List.copyOf(values);
        this.cumulative = new double[values.size()];
        double total = 0;
        for (int r = 0; r < cumulative.length; r++) {
            total += 1.0 / (r + offset);
            cumulative[r] = total;
        }
        for (int r = 0; r < cumulative.length; r++) cumulative[r] /= total;
    }

    String pick(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return values.get(Math.min(values.size() - 1, i >= 0 ? i : -i - 1));
    }

    /** The share of picks that give entry {@code rank}. */
    double share(int rank) {
        return cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);
    }
}
