package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Finds groups of linked customers whose events fall close together, and the lift over the base rate ({@link CoChurnResult}). */
public final class CoChurn {
    private static final int NO_EVENT = Integer.MIN_VALUE;
    private final TouchTable table;

    public CoChurn(TouchTable table) {
        this.table = table;
    }

    public CoChurnResult run(CoChurnQuery q) {
        int customers = table.customerCount();
        TouchFilter.Compiled event = q.event().compile(table);
        int[] eventAt = new int[customers];
        IntStream.range(0, customers).parallel().forEach(c -> {
            eventAt[c] = NO_EVENT;
            for (int r = table.start[c]; r < table.start[c + 1]; r++) if (event.test(r)) { eventAt[c] = table.time[r]; break; }
        });
        int[] sorted = Arrays.stream(eventAt).filter(t -> t != NO_EVENT).sorted().toArray();
        long window = q.window().getSeconds();
        int min = q.minimumCount();
        List<CoChurnResult.Kind> kinds = new ArrayList<>();
        for (CoChurnQuery.GroupKind kind : CoChurnQuery.GroupKind.values()) {
            if (!q.kinds().contains(kind)) continue;
            int[][] groups = switch (kind) {
                case HOUSEHOLD -> byAttribute(table.household, table.households.size());
                case ORGANISATION -> byAttribute(table.organisation, table.organisations.size());
                case MEETING -> meetings(q.meetingDays(), q.crowd());
            };
            kinds.add(kind(kind, groups, eventAt, sorted, window, q.top(), min));
        }
        return new CoChurnResult(min, Suppression.shown(customers, min), Suppression.shown(sorted.length, min), kinds);
    }

    private CoChurnResult.Kind kind(CoChurnQuery.GroupKind kind, int[][] groups, int[] eventAt, int[] sorted, long window,
                                    int top, int min) {
        long pairs = 0, followed = 0, count = 0;
        double base = 0;
        int others = Math.max(1, table.customerCount() - 1);
        List<CoChurnResult.Group> close = new ArrayList<>();
        List<Integer> closeCounts = new ArrayList<>();
        for (int[] g : groups) {
            if (g.length < 2) continue;
            count++;
            for (int a : g) {
                if (eventAt[a] == NO_EVENT) continue;
                long ta = eventAt[a];
                double share = (countWithin(sorted, ta - window, ta + window) - 1) / (double) others;
                for (int b : g) {
                    if (b == a) continue;
                    pairs++;
                    base += share;
                    if (eventAt[b] != NO_EVENT && Math.abs(eventAt[b] - ta) <= window) followed++;
                }
            }
            int[] times = Arrays.stream(g).map(c -> eventAt[c]).filter(t -> t != NO_EVENT).sorted().toArray();
            int closeEvents = 0;
            for (int i = 0; i < times.length; i++) {
                boolean near = (i > 0 && times[i] - times[i - 1] <= window) || (i + 1 < times.length && times[i + 1] - times[i] <= window);
                if (near) closeEvents++;
            }
            if (closeEvents >= 2) {
                List<Double> days = new ArrayList<>();
                for (int t : times) days.add(Math.round((t - times[0]) / 8640.0) / 10.0);
                close.add(new CoChurnResult.Group(null, g.length, days));
                closeCounts.add(closeEvents);
            }
        }
        Integer[] order = IntStream.range(0, close.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> -closeCounts.get(i)).thenComparingInt(i -> -close.get(i).size())
                .thenComparing(i -> close.get(i).eventDays().toString()));
        List<CoChurnResult.Group> listed = new ArrayList<>();
        for (int i = 0; i < Math.min(top, order.length); i++) {
            CoChurnResult.Group g = close.get(order[i]);
            listed.add(new CoChurnResult.Group(kind.name().toLowerCase(Locale.ROOT) + "#" + (i + 1), g.size(), g.eventDays()));
        }
        boolean hidden = Suppression.hides(pairs, min) || Suppression.hides(followed, min);
        Double conditional = hidden || pairs == 0 ? null : (double) followed / pairs;
        Double baseRate = pairs == 0 ? null : base / pairs;
        Double lift = conditional == null || baseRate == null || baseRate == 0 ? null : conditional / baseRate;
        return new CoChurnResult.Kind(kind, count, Suppression.shown(pairs, min), Suppression.shown(followed, min), conditional,
                baseRate, lift, listed);
    }

    private static int countWithin(int[] sorted, long from, long to) {
        return lowerBound(sorted, to + 1) - lowerBound(sorted, from);
    }

    private static int lowerBound(int[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int[][] byAttribute(int[] ofCustomer, int groups) {
        int[] size = new int[groups];
        for (int v : ofCustomer) if (v >= 0) size[v]++;
        int[][] out = new int[groups][];
        for (int g = 0; g < groups; g++) out[g] = new int[size[g]];
        Arrays.fill(size, 0);
        for (int c = 0; c < ofCustomer.length; c++) if (ofCustomer[c] >= 0) out[ofCustomer[c]][size[ofCustomer[c]]++] = c;
        return out;
    }

    /** Connected sets of customers who met at one place on at least {@code minDays} days (crowded place-days left out). */
    private int[][] meetings(int minDays, int crowd) {
        int n = 0;
        for (int v : table.place) if (v != TouchTable.NONE) n++;
        long[] visits = new long[n];
        n = 0;
        for (int c = 0; c < table.customerCount(); c++) {
            for (int r = table.start[c]; r < table.start[c + 1]; r++) {
                if (table.place[r] == TouchTable.NONE) continue;
                long placeDay = (long) table.place[r] * 200_000 + Math.floorDiv(table.time[r], 86_400) + 100_000;
                visits[n++] = (placeDay << 24) | c;
            }
        }
        if (table.customerCount() >= 1 << 24) throw new IllegalStateException("meetings need fewer than 16,777,216 customers");
        Arrays.sort(visits);
        LongList pairs = new LongList();
        int[] who = new int[crowd + 1];
        for (int i = 0; i < n; ) {
            long placeDay = visits[i] >>> 24;
            int k = 0, j = i;
            for (; j < n && visits[j] >>> 24 == placeDay; j++) {
                int c = (int) (visits[j] & 0xFFFFFF);
                if (k <= crowd && (k == 0 || who[k - 1] != c)) {
                    if (k < who.length) who[k] = c;
                    k++;
                }
            }
            if (k >= 2 && k <= crowd) for (int a = 0; a < k; a++) for (int b = a + 1; b < k; b++) pairs.add(((long) who[a] << 32) | who[b]);
            i = j;
        }
        long[] p = Arrays.copyOf(pairs.values, pairs.size);
        Arrays.sort(p);
        int[] parent = IntStream.range(0, table.customerCount()).toArray();
        for (int i = 0; i < p.length; ) {
            int j = i;
            while (j < p.length && p[j] == p[i]) j++;
            if (j - i >= minDays) union(parent, (int) (p[i] >>> 32), (int) p[i]);
            i = j;
        }
        int[] root = new int[parent.length];
        int[] size = new int[parent.length];
        for (int c = 0; c < parent.length; c++) size[root[c] = find(parent, c)]++;
        List<int[]> out = new ArrayList<>();
        int[][] members = new int[parent.length][];
        int[] filled = new int[parent.length];
        for (int c = 0; c < parent.length; c++) {
            int r = root[c];
            if (size[r] < 2) continue;
            if (members[r] == null) out.add(members[r] = new int[size[r]]);
            members[r][filled[r]++] = c;
        }
        return out.toArray(new int[0][]);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
