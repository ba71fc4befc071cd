package org.touchline.journeys;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The compact, immutable table the journey queries run on: one row per touch, sorted by customer then time (ties keep
 * the order they were added in), held as primitive columns with dictionary codes, and each customer's rows found
 * through offsets. About 18 bytes a touch (time 4, stage 1, channel 1, type 2, source 2, product 4, place 4), plus the
 * dictionaries and a few per-customer arrays.
 *
 * <p>Times are kept to the second (an {@code Instant}'s fraction is dropped), as seconds since {@link #EPOCH}; a touch
 * must fall between 1932 and 2068. The household, organisation and segment of a customer are those of their latest
 * touch that names one.
 */
public final class TouchTable {
    /** Times are stored as seconds since this instant. */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    static final long EPOCH_SECOND = EPOCH.getEpochSecond();
    static final int NONE = -1;

    final StageMap stageMap;
    final Dictionary customers, households, organisations, segments, channels, types, sources, products, places;
    // Per customer.
    final int[] start;                       // the rows of customer c are start[c] .. start[c + 1] - 1
    final int[] household, organisation, segment;
    final int[] householdAt, organisationAt, segmentAt;   // the time each was last named, for appends
    // Per row.
    final int[] time;
    final byte[] stage;
    final byte[] channel;                    // code & 0xFF
    final short[] type, source;
    final int[] product;                     // NONE, a product code, or -(k + 2) for the k-th list of several
    final int[] multiStart, multiProducts;   // list k is multiProducts[multiStart[k] .. multiStart[k + 1] - 1]
    final int[] place;
    // Households: the members of household h are householdMembers[householdStart[h] .. householdStart[h + 1] - 1].
    final int[] householdStart, householdMembers;
    final int[] loneCustomers;               // customers with no household, in order

    private TouchTable(Builder b, int[] start, int[] time, byte[] stage, byte[] channel, short[] type, short[] source,
                       int[] product, int[] place) {
        this.stageMap = b.stageMap;
        this.customers = new Dictionary(b.customers);
        this.households = new Dictionary(b.households);
        this.organisations = new Dictionary(b.organisations);
        this.segments = new Dictionary(b.segments);
        this.channels = new Dictionary(b.channels);
        this.types = new Dictionary(b.types);
        this.sources = new Dictionary(b.sources);
        this.products = new Dictionary(b.products);
        this.places = new Dictionary(b.places);
        int c = customers.size();
        this.start = start;
        this.household = Arrays.copyOf(b.household, c);
        this.organisation = Arrays.copyOf(b.organisation, c);
        this.segment = Arrays.copyOf(b.segment, c);
        this.householdAt = Arrays.copyOf(b.householdAt, c);
        this.organisationAt = Arrays.copyOf(b.organisationAt, c);
        this.segmentAt = Arrays.copyOf(b.segmentAt, c);
        this.time = time;
        this.stage = stage;
        this.channel = channel;
        this.type = type;
        this.source = source;
        this.product = product;
        this.multiStart = Arrays.copyOf(b.multiStart, b.multiCount + 1);
        this.multiProducts = Arrays.copyOf(b.multiProducts, b.multiStart[b.multiCount]);
        this.place = place;
        int h = households.size();
        this.householdStart = new int[h + 1];
        int lone = 0;
        for (int k = 0; k < c; k++) {
            if (household[k] == NONE) lone++;
            else householdStart[household[k] + 1]++;
        }
        for (int k = 0; k < h; k++) householdStart[k + 1] += householdStart[k];
        this.householdMembers = new int[householdStart[h]];
        this.loneCustomers = new int[lone];
        int[] fill = Arrays.copyOf(householdStart, h);
        lone = 0;
        for (int k = 0; k < c; k++) {
            if (household[k] == NONE) loneCustomers[lone++] = k;
            else householdMembers[fill[household[k]]++] = k;
        }
    }

    public static Builder builder(StageMap stageMap) {
        return new Builder(stageMap);
    }

    /** How many touches. */
    public int size() { return time.length; }

    public int customerCount() { return customers.size(); }

    public int householdCount() { return households.size(); }

    public StageMap stageMap() { return stageMap; }

    /** The channels, types, sources, products and segments present, for pickers in a user interface (no customer ids). */
    public Vocabulary vocabulary() {
        return new Vocabulary(channels.values(), types.values(), sources.values(), products.values(), segments.values());
    }

    /** What values the table holds in each dimension a query can filter or split on. */
    public record Vocabulary(List<String> channels, List<String> types, List<String> sources, List<String> products,
                             List<String> segments) {}

    /** The earliest and latest touch, or null when the table is empty. */
    public Instant first() { return size() == 0 ? null : instant(Arrays.stream(time).min().getAsInt()); }

    public Instant last() { return size() == 0 ? null : instant(Arrays.stream(time).max().getAsInt()); }

    static Instant instant(long t) { return Instant.ofEpochSecond(EPOCH_SECOND + t); }

    /** Seconds since EPOCH of an instant, clamped to the int range (for query bounds, which may lie far out). */
    static int clampedTime(Instant at) {
        long s = at.getEpochSecond() - EPOCH_SECOND;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
    }

    int stageOf(int row) { return stage[row]; }

    int channelOf(int row) { return channel[row] & 0xFF; }

    /** The number of products on a row. */
    int productCount(int row) {
        int p = product[row];
        if (p == NONE) return 0;
        if (p >= 0) return 1;
        int k = -p - 2;
        return multiStart[k + 1] - multiStart[k];
    }

    /** The i-th product code on a row (i below productCount). */
    int productAt(int row, int i) {
        int p = product[row];
        return p >= 0 ? p : multiProducts[multiStart[-p - 2] + i];
    }

    /** The first product on a row, or NONE. */
    int firstProduct(int row) {
        int p = product[row];
        return p >= NONE ? p : multiProducts[multiStart[-p - 2]];
    }

    /** How many units (customers, or households and lone customers). */
    int unitCount(Unit unit) {
        return unit == Unit.CUSTOMER ? customers.size() : households.size() + loneCustomers.length;
    }

    /**
     * Puts the rows of a unit in time order into {@code rows} (grown if needed) and returns it; {@code length[0]} gets
     * the count. A household's members' rows are merged by time, ties in member order.
     */
    int[] rowsOf(Unit unit, int u, int[] rows, int[] length) {
        if (unit == Unit.CUSTOMER || u >= households.size()) {
            int c = unit == Unit.CUSTOMER ? u : loneCustomers[u - households.size()];
            int from = start[c], n = start[c + 1] - from;
            if (rows.length < n) rows = new int[Math.max(n, rows.length * 2)];
            for (int i = 0; i < n; i++) rows[i] = from + i;
            length[0] = n;
            return rows;
        }
        int m0 = householdStart[u], m1 = householdStart[u + 1];
        int n = 0;
        for (int m = m0; m < m1; m++) n += start[householdMembers[m] + 1] - start[householdMembers[m]];
        if (rows.length < n) rows = new int[Math.max(n, rows.length * 2)];
        int k = m1 - m0;
        int[] next = new int[k];
        for (int m = 0; m < k; m++) next[m] = start[householdMembers[m0 + m]];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int m = 0; m < k; m++) {
                if (next[m] < start[householdMembers[m0 + m] + 1] && (best < 0 || time[next[m]] < time[next[best]])) best = m;
            }
            rows[i] = next[best]++;
        }
        length[0] = n;
        return rows;
    }

    /** The customer a row belongs to (a binary search over the offsets). */
    int customerOf(int row) {
        int lo = 0, hi = customers.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= row) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /**
     * Collects touches in any order and builds the table. Not thread-safe. {@link #from(TouchTable)} starts from an
     * existing table's rows and dictionaries, for appending.
     */
    public static final class Builder {
        final StageMap stageMap;
        final Dictionary customers, households, organisations, segments, channels, types, sources, products, places;
        int[] household = new int[1024], organisation = new int[1024], segment = new int[1024];
        int[] householdAt = new int[1024], organisationAt = new int[1024], segmentAt = new int[1024];
        private int n;
        private int[] customer = new int[1024], time = new int[1024], product = new int[1024], place = new int[1024];
        private byte[] stage = new byte[1024], channel = new byte[1024];
        private short[] type = new short[1024], source = new short[1024];
        int[] multiStart = new int[64], multiProducts = new int[64];
        int multiCount;
        private final Map<Long, Byte> stageCache = new HashMap<>();
        private int initialised;                 // customers below this have their attributes set up

        private Builder(StageMap stageMap) {
            if (stageMap == null) throw new IllegalArgumentException("a touch table needs a stage map");
            this.stageMap = stageMap;
            customers = new Dictionary();
            households = new Dictionary();
            organisations = new Dictionary();
            segments = new Dictionary();
            channels = new Dictionary();
            types = new Dictionary();
            sources = new Dictionary();
            products = new Dictionary();
            places = new Dictionary();
        }

        /** A builder holding every touch of {@code table}, to which more can be added. */
        public static Builder from(TouchTable table) {
            return new Builder(table.stageMap, table);
        }

        private Builder(StageMap stageMap, TouchTable t) {
            this.stageMap = stageMap;
            customers = new Dictionary(t.customers);
            households = new Dictionary(t.households);
            organisations = new Dictionary(t.organisations);
            segments = new Dictionary(t.segments);
            channels = new Dictionary(t.channels);
            types = new Dictionary(t.types);
            sources = new Dictionary(t.sources);
            products = new Dictionary(t.products);
            places = new Dictionary(t.places);
            int c = Math.max(1024, t.customers.size());
            household = Arrays.copyOf(t.household, c);
            organisation = Arrays.copyOf(t.organisation, c);
            segment = Arrays.copyOf(t.segment, c);
            householdAt = Arrays.copyOf(t.householdAt, c);
            organisationAt = Arrays.copyOf(t.organisationAt, c);
            segmentAt = Arrays.copyOf(t.segmentAt, c);
            n = t.size();
            int cap = Math.max(1024, n);
            customer = new int[cap];
            for (int k = 0; k < t.customers.size(); k++) Arrays.fill(customer, t.start[k], t.start[k + 1], k);
            time = Arrays.copyOf(t.time, cap);
            product = Arrays.copyOf(t.product, cap);
            place = Arrays.copyOf(t.place, cap);
            stage = Arrays.copyOf(t.stage, cap);
            channel = Arrays.copyOf(t.channel, cap);
            type = Arrays.copyOf(t.type, cap);
            source = Arrays.copyOf(t.source, cap);
            initialised = t.customers.size();
            multiCount = t.multiStart.length - 1;
            multiStart = Arrays.copyOf(t.multiStart, Math.max(64, t.multiStart.length));
            multiProducts = Arrays.copyOf(t.multiProducts, Math.max(64, t.multiProducts.length));
        }

        public int size() { return n; }

        public Builder add(Touch t) {
            long seconds = t.at().getEpochSecond() - EPOCH_SECOND;
            if (seconds < Integer.MIN_VALUE || seconds > Integer.MAX_VALUE)
                throw new IllegalArgumentException("touch " + (n + 1) + ": field 'at': " + t.at() + " is outside the years 1932-2068 a touch table holds");
            int s = (int) seconds;
            int c = customers.intern(t.customer());
            if (c >= initialised) {
                if (c >= household.length) growCustomers();
                household[c] = organisation[c] = segment[c] = NONE;      // until a touch names one
                householdAt[c] = organisationAt[c] = segmentAt[c] = Integer.MIN_VALUE;
                initialised = c + 1;
            }
            if (t.household() != null && s >= householdAt[c]) { household[c] = households.intern(t.household()); householdAt[c] = s; }
            if (t.organisation() != null && s >= organisationAt[c]) { organisation[c] = organisations.intern(t.organisation()); organisationAt[c] = s; }
            if (t.segment() != null && s >= segmentAt[c]) { segment[c] = segments.intern(t.segment()); segmentAt[c] = s; }
            int ch = channels.intern(t.channel());
            int ty = types.intern(t.type());
            int so = sources.intern(t.source());
            if (ch > 255) throw new IllegalArgumentException("touch " + (n + 1) + ": field 'channel': more than 256 channels");
            if (ty > Short.MAX_VALUE || so > Short.MAX_VALUE)
                throw new IllegalArgumentException("touch " + (n + 1) + ": field 'type' or 'source': more than 32767 distinct values");
            if (n == time.length) growRows();
            customer[n] = c;
            time[n] = s;
            channel[n] = (byte) ch;
            type[n] = (short) ty;
            source[n] = (short) so;
            stage[n] = stageCode(ch, ty, so, t);
            product[n] = productCode(t.products());
            place[n] = t.place() == null ? NONE : places.intern(t.place());
            n++;
            return this;
        }

        private byte stageCode(int ch, int ty, int so, Touch t) {
            long key = ((long) ch << 40) | ((long) ty << 20) | so;
            Byte b = stageCache.get(key);
            if (b == null) {
                b = (byte) stageMap.stageOf(t.channel(), t.type(), t.source()).ordinal();
                stageCache.put(key, b);
            }
            return b;
        }

        private int productCode(List<String> list) {
            if (list.isEmpty()) return NONE;
            if (list.size() == 1) return products.intern(list.get(0));
            int[] codes = list.stream().mapToInt(products::intern).distinct().toArray();
            if (codes.length == 1) return codes[0];
            if (multiCount + 2 > multiStart.length) multiStart = Arrays.copyOf(multiStart, multiStart.length * 2);
            int from = multiStart[multiCount];
            if (from + codes.length > multiProducts.length) multiProducts = Arrays.copyOf(multiProducts, Math.max(multiProducts.length * 2, from + codes.length));
            System.arraycopy(codes, 0, multiProducts, from, codes.length);
            multiStart[multiCount + 1] = from + codes.length;
            return -(multiCount++) - 2;
        }

        private void growCustomers() {
            int c = household.length * 2;
            household = Arrays.copyOf(household, c);
            organisation = Arrays.copyOf(organisation, c);
            segment = Arrays.copyOf(segment, c);
            householdAt = Arrays.copyOf(householdAt, c);
            organisationAt = Arrays.copyOf(organisationAt, c);
            segmentAt = Arrays.copyOf(segmentAt, c);
        }

        private void growRows() {
            int cap = time.length + (time.length >> 1) + 16;
            customer = Arrays.copyOf(customer, cap);
            time = Arrays.copyOf(time, cap);
            product = Arrays.copyOf(product, cap);
            place = Arrays.copyOf(place, cap);
            stage = Arrays.copyOf(stage, cap);
            channel = Arrays.copyOf(channel, cap);
            type = Arrays.copyOf(type, cap);
            source = Arrays.copyOf(source, cap);
        }

        /** Sorts the rows by customer then time (stable) and freezes them. The builder can go on collecting afterwards. */
        public TouchTable build() {
            int c = customers.size();
            int[] start = new int[c + 1];
            for (int i = 0; i < n; i++) start[customer[i] + 1]++;
            for (int k = 0; k < c; k++) start[k + 1] += start[k];
            int[] perm = new int[n];
            int[] fill = Arrays.copyOf(start, c);
            for (int i = 0; i < n; i++) perm[fill[customer[i]]++] = i;
            // Within a customer by time; the original position breaks ties so the order is stable.
            int chunk = Math.max(1, c / (4 * Runtime.getRuntime().availableProcessors()) + 1);
            IntStream.range(0, (c + chunk - 1) / chunk).parallel().forEach(part -> {
                long[] keys = new long[64];
                for (int k = part * chunk; k < Math.min(c, (part + 1) * chunk); k++) {
                    int from = start[k], len = start[k + 1] - from;
                    if (len < 2) continue;
                    if (keys.length < len) keys = new long[Math.max(len, keys.length * 2)];
                    for (int i = 0; i < len; i++) keys[i] = ((long) time[perm[from + i]] << 32) | i;
                    Arrays.sort(keys, 0, len);
                    int[] slice = Arrays.copyOfRange(perm, from, from + len);
                    for (int i = 0; i < len; i++) perm[from + i] = slice[(int) keys[i]];
                }
            });
            int[] t = new int[n], pr = new int[n], pl = new int[n];
            byte[] st = new byte[n], ch = new byte[n];
            short[] ty = new short[n], so = new short[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int j = perm[i];
                t[i] = time[j];
                pr[i] = product[j];
                pl[i] = place[j];
                st[i] = stage[j];
                ch[i] = channel[j];
                ty[i] = type[j];
                so[i] = source[j];
            });
            return new TouchTable(this, start, t, st, ch, ty, so, pr, pl);
        }
    }
}
