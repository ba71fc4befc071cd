package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link FunnelQuery funnels} over a table: one pass over each unit's touches, units in parallel. */
public final class Funnels {
    static final String NO_VALUE = "(none)";
    private final TouchTable table;

    public Funnels(TouchTable table) {
        this.table = table;
    }

    public FunnelResult run(FunnelQuery q) {
        int k = q.steps().size();
        TouchFilter.Compiled[] filters = new TouchFilter.Compiled[k];
        long[] windows = new long[k];
        for (int s = 0; s < k; s++) {
            filters[s] = q.steps().get(s).filter().compile(table);
            windows[s] = q.steps().get(s).window() == null ? Long.MAX_VALUE / 4 : q.steps().get(s).window().getSeconds();
        }
        long from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() - TouchTable.EPOCH_SECOND;
        Split split = q.split();
        Acc all = UnitScan.run(table, q.unit(), () -> new Acc(k), (acc, u, rows, n) -> {
            int entry = -1;
            for (int i = 0; i < n; i++) {
                int t = table.time[rows[i]];
                if (t < from) continue;
                if (t >= to) break;
                if (filters[0].test(rows[i])) { entry = i; break; }
            }
            if (entry < 0) return;
            Counts c = acc.group(splitValue(split, rows[entry]));
            c.reached[0]++;
            int prev = entry;
            for (int s = 1; s < k; s++) {
                long prevT = table.time[rows[prev]];
                long limit = prevT + windows[s];
                int found = -1;
                for (int i = prev + 1; i < n; i++) {
                    int t = table.time[rows[i]];
                    if (t > limit) break;
                    if (t > prevT && filters[s].test(rows[i])) { found = i; break; }
                }
                if (found < 0) break;
                c.reached[s]++;
                c.delays[s].add(table.time[rows[found]] - prevT);
                prev = found;
            }
        }, Acc::merge);

        int min = q.minimumCount();
        Counts total = new Counts(k);
        for (Counts c : all.groups.values()) total.merge(c);
        List<FunnelResult.Group> groups = new ArrayList<>();
        if (split != Split.NONE) {
            all.groups.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<Integer, Counts>>comparingLong(e -> -e.getValue().reached[0])
                            .thenComparing(e -> splitName(split, e.getKey())))
                    .forEach(e -> groups.add(new FunnelResult.Group(splitName(split, e.getKey()), steps(q, e.getValue(), min))));
        }
        return new FunnelResult(split, min, table.unitCount(q.unit()), steps(q, total, min), groups);
    }

    private int splitValue(Split split, int row) {
        return switch (split) {
            case NONE -> 0;
            case CHANNEL -> table.channelOf(row);
            case SOURCE -> table.source[row];
            case PRODUCT -> table.firstProduct(row);
            case SEGMENT -> table.segment[table.customerOf(row)];
        };
    }

    private String splitName(Split split, int code) {
        if (code < 0) return NO_VALUE;
        return switch (split) {
            case NONE -> "all";
            case CHANNEL -> table.channels.value(code);
            case SOURCE -> table.sources.value(code);
            case PRODUCT -> table.products.value(code);
            case SEGMENT -> table.segments.value(code);
        };
    }

    private static List<FunnelResult.StepResult> steps(FunnelQuery q, Counts c, int min) {
        int k = c.reached.length;
        List<FunnelResult.StepResult> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            long entered = c.reached[s];
            boolean hidden = Suppression.hides(entered, min);
            Long dropped = null;
            if (s + 1 < k) {
                boolean nextHidden = Suppression.hides(c.reached[s + 1], min);
                long d = entered - c.reached[s + 1];
                // The drop-off would give away a hidden neighbour, or be small itself.
                dropped = hidden || nextHidden || Suppression.hides(d, min) ? null : d;
            }
            Double conversion = null;
            if (s > 0 && !hidden && !Suppression.hides(c.reached[s - 1], min) && c.reached[s - 1] > 0)
                conversion = (double) entered / c.reached[s - 1];
            Double overall = null;
            if (!hidden && !Suppression.hides(c.reached[0], min) && c.reached[0] > 0) overall = (double) entered / c.reached[0];
            Long p50 = null, p90 = null;
            if (s > 0) {
                Distribution d = c.delays[s].distribution(min);
                p50 = d.p50Seconds();
                p90 = d.p90Seconds();
            }
            boolean suppressed = hidden || (s + 1 < k && dropped == null);
            out.add(new FunnelResult.StepResult(q.steps().get(s).name(), Suppression.shown(entered, min), dropped, conversion,
                    overall, p50, p90, suppressed));
        }
        return out;
    }

    /** Per split value: units reaching each step, and the delays into each step. */
    private static final class Counts {
        final long[] reached;
        final LongList[] delays;

        Counts(int k) {
            reached = new long[k];
            delays = new LongList[k];
            for (int s = 0; s < k; s++) delays[s] = new LongList();
        }

        void merge(Counts o) {
            for (int s = 0; s < reached.length; s++) {
                reached[s] += o.reached[s];
                delays[s].addAll(o.delays[s]);
            }
        }
    }

    private static final class Acc {
        final int k;
        final Map<Integer, Counts> groups = new HashMap<>();

        Acc(int k) { this.k = k; }

        Counts group(int code) { return groups.computeIfAbsent(code, x -> new Counts(k)); }

        Acc merge(Acc o) {
            o.groups.forEach((code, c) -> group(code).merge(c));
            return this;
        }
    }
}
