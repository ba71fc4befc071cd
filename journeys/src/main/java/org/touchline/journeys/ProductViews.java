package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Builds {@link ProductView}s. */
public final class ProductViews {
    private static final long MONTH = 30L * 86_400;
    private final TouchTable table;

    public ProductViews(TouchTable table) {
        this.table = table;
    }

    public ProductView run(ProductQuery q) {
        TouchFilter bought = new TouchFilter(q.rules().converting(), null, null, null, Set.of(q.product()));
        TouchFilter.Compiled purchase = bought.compile(table);
        long window = q.window().getSeconds();
        long first = table.size() == 0 ? 0 : table.first().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long last = table.size() == 0 ? 0 : table.last().getEpochSecond() - TouchTable.EPOCH_SECOND;
        int channels = table.channels.size();
        int support = Stage.SUPPORT.ordinal();
        Acc acc = UnitScan.run(table, Unit.CUSTOMER, () -> new Acc(channels), (a, u, rows, n) -> {
            int at = -1;
            for (int i = 0; i < n && at < 0; i++) if (purchase.test(rows[i])) at = i;
            if (at < 0) return;
            long t = table.time[rows[at]];
            a.buyers++;
            a.byChannel[table.channelOf(rows[at])]++;
            boolean[] before = new boolean[channels], after = new boolean[channels];
            for (int i = 0; i < n; i++) {
                long ti = table.time[rows[i]];
                if (i == at || ti < t - window || ti > t + window) continue;
                boolean isAfter = i > at;
                (isAfter ? after : before)[table.channelOf(rows[i])] = true;
                if (table.stage[rows[i]] == support) {
                    if (isAfter) a.supportAfter++;
                    else a.supportBefore++;
                }
            }
            for (int c = 0; c < channels; c++) {
                if (before[c]) a.before[c]++;
                if (after[c]) a.after[c]++;
            }
            a.exposureBefore += Math.min(window, t - first);
            a.exposureAfter += Math.min(window, last - t);
        }, Acc::merge);
        int min = q.minimumCount();
        PathQuery around = new PathQuery(bought, PathQuery.Direction.BOTH, q.window(), PathQuery.By.STAGE, null, null, true,
                null, null, Unit.CUSTOMER, min);
        Paths paths = new Paths(table);
        boolean hidden = Suppression.hides(acc.buyers, min);
        return new ProductView(q.product(), min, Suppression.shown(acc.buyers, min), counts(acc.byChannel, min),
                counts(acc.before, min), counts(acc.after, min), paths.run(around), paths.run(around.by(PathQuery.By.CHANNEL)),
                hidden ? null : rate(acc.supportBefore, acc.exposureBefore), hidden ? null : rate(acc.supportAfter, acc.exposureAfter));
    }

    private static Double rate(long touches, long exposureSeconds) {
        return exposureSeconds == 0 ? null : touches * (double) MONTH / exposureSeconds;
    }

    private List<ProductView.Count> counts(long[] byChannel, int min) {
        List<ProductView.Count> out = new ArrayList<>();
        for (int c = 0; c < byChannel.length; c++)
            if (byChannel[c] > 0) out.add(new ProductView.Count(table.channels.value(c), Suppression.shown(byChannel[c], min)));
        out.sort(Comparator.comparing((ProductView.Count x) -> x.units() == null ? 0 : -x.units()).thenComparing(ProductView.Count::key));
        return out;
    }

    private static final class Acc {
        long buyers, supportBefore, supportAfter, exposureBefore, exposureAfter;
        final long[] byChannel, before, after;

        Acc(int channels) {
            byChannel = new long[channels];
            before = new long[channels];
            after = new long[channels];
        }

        Acc merge(Acc o) {
            buyers += o.buyers;
            supportBefore += o.supportBefore;
            supportAfter += o.supportAfter;
            exposureBefore += o.exposureBefore;
            exposureAfter += o.exposureAfter;
            for (int c = 0; c < byChannel.length; c++) {
                byChannel[c] += o.byChannel[c];
                before[c] += o.before[c];
                after[c] += o.after[c];
            }
            return this;
        }
    }
}
