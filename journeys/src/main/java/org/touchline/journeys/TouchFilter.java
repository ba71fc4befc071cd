package org.touchline.journeys;

import java.util.Set;

/**
 * Which touches a funnel step, a path anchor or an event matches: each of stage, type, channel, source and product is
 * an optional set (null or empty = any); a touch matches when it is in every set given (for products: when any of its
 * products is in the set). A value the table has never seen matches nothing.
 */
public record TouchFilter(Set<Stage> stages, Set<String> types, Set<String> channels, Set<String> sources,
                          Set<String> products) {
    public TouchFilter {
        stages = stages == null ? Set.of() : Set.copyOf(stages);
        types = types == null ? Set.of() : Set.copyOf(types);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        products = products == null ? Set.of() : Set.copyOf(products);
    }

    public static final TouchFilter ANY = new TouchFilter(null, null, null, null, null);

    public static TouchFilter stage(Stage... stages) { return new TouchFilter(Set.of(stages), null, null, null, null); }

    public static TouchFilter type(String... types) { return new TouchFilter(null, Set.of(types), null, null, null); }

    public TouchFilter withProducts(String... products) { return new TouchFilter(stages, types, channels, sources, Set.of(products)); }

    public TouchFilter withChannels(String... channels) { return new TouchFilter(stages, types, Set.of(channels), sources, products); }

    /** The filter as lookup tables over one table's dictionary codes: built once per query, tested per row. */
    Compiled compile(TouchTable t) {
        return new Compiled(t, mask(t.types, types), mask(t.channels, channels), mask(t.sources, sources),
                mask(t.products, products), stageMask());
    }

    private int stageMask() {
        if (stages.isEmpty()) return 0xFF;
        int m = 0;
        for (Stage s : stages) m |= 1 << s.ordinal();
        return m;
    }

    private static boolean[] mask(Dictionary d, Set<String> wanted) {
        if (wanted.isEmpty()) return null;
        boolean[] m = new boolean[d.size()];
        for (String w : wanted) {
            int c = d.code(w);
            if (c >= 0) m[c] = true;
        }
        return m;
    }

    static final class Compiled {
        private final TouchTable t;
        private final boolean[] types, channels, sources, products;
        private final int stages;

        Compiled(TouchTable t, boolean[] types, boolean[] channels, boolean[] sources, boolean[] products, int stages) {
            this.t = t;
            this.types = types;
            this.channels = channels;
            this.sources = sources;
            this.products = products;
            this.stages = stages;
        }

        boolean test(int row) {
            if ((stages & (1 << t.stage[row])) == 0) return false;
            if (types != null && !types[t.type[row]]) return false;
            if (channels != null && !channels[t.channel[row] & 0xFF]) return false;
            if (sources != null && !sources[t.source[row]]) return false;
            if (products == null) return true;
            int p = t.product[row];
            if (p == TouchTable.NONE) return false;
            if (p >= 0) return products[p];
            int k = -p - 2;
            for (int i = t.multiStart[k]; i < t.multiStart[k + 1]; i++) if (products[t.multiProducts[i]]) return true;
            return false;
        }
    }
}
