package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Counts journeys by state ({@link JourneyStates}), cut per unit by {@link JourneyScanner}. */
public final class Journeys {
    private static final int STARTED = 0, IN_PROGRESS = 1, CONVERTED = 2, ABANDONED = 3;
    private final TouchTable table;

    public Journeys(TouchTable table) {
        this.table = table;
    }

    public JourneyStates run(JourneyQuery q) {
        JourneyScanner scanner = new JourneyScanner(table, q.rules());
        long asOf = q.asOf() == null ? (table.size() == 0 ? 0 : table.last().getEpochSecond() - TouchTable.EPOCH_SECOND)
                : q.asOf().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() - TouchTable.EPOCH_SECOND;
        Acc acc = UnitScan.run(table, q.unit(), Acc::new, (a, u, rows, n) -> {
            int seen = n;
            while (seen > 0 && table.time[rows[seen - 1]] > asOf) seen--;
            scanner.scan(rows, seen, new JourneyScanner.Sink() {
                @Override
                public void journey(int first, int last, int decision) {
                    long start = table.time[rows[first]];
                    if (start < from || start >= to) return;
                    int state = decision >= 0 ? CONVERTED : asOf - table.time[rows[last]] > scanner.silence() ? ABANDONED : IN_PROGRESS;
                    int product = decision >= 0 ? table.firstProduct(rows[decision]) : TouchTable.NONE;
                    for (int i = last; decision < 0 && i >= first && product == TouchTable.NONE; i--)
                        if (scanner.isOpening(rows[i])) product = table.firstProduct(rows[i]);
                    a.all[STARTED]++;
                    a.all[state]++;
                    a.count(product, state);
                }

                @Override
                public void directDecision(int at) {
                    long t = table.time[rows[at]];
                    if (t >= from && t < to) a.direct++;
                }
            });
        }, Acc::merge);
        int min = q.minimumCount();
        List<JourneyStates.ProductCounts> byProduct = new ArrayList<>();
        List<Integer> products = new ArrayList<>();
        for (int p = -1; p + 1 < acc.counts.length; p++) if (acc.counts[p + 1] != null) products.add(p);
        products.sort((x, y) -> Long.compare(acc.counts[y + 1][STARTED], acc.counts[x + 1][STARTED]));
        for (int p : products)
            byProduct.add(new JourneyStates.ProductCounts(p < 0 ? Funnels.NO_VALUE : table.products.value(p), JourneyStates.Counts.of(acc.counts[p + 1], min)));
        return new JourneyStates(min, JourneyStates.Counts.of(acc.all, min), byProduct, Suppression.shown(acc.direct, min));
    }

    private static final class Acc {
        final long[] all = new long[4];
        long[][] counts = new long[16][];   // by product code + 1
        long direct;

        void count(int product, int state) {
            int i = product + 1;
            if (i >= counts.length) counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
            if (counts[i] == null) counts[i] = new long[4];
            counts[i][STARTED]++;
            counts[i][state]++;
        }

        Acc merge(Acc o) {
            for (int s = 0; s < 4; s++) all[s] += o.all[s];
            direct += o.direct;
            if (o.counts.length > counts.length) counts = Arrays.copyOf(counts, o.counts.length);
            for (int i = 0; i < o.counts.length; i++) {
                if (o.counts[i] == null) continue;
                if (counts[i] == null) counts[i] = new long[4];
                for (int s = 0; s < 4; s++) counts[i][s] += o.counts[i][s];
            }
            return this;
        }
    }
}
