package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/** Lead and cycle times of converted journeys ({@link FlowReport}), in one parallel pass over the units. */
public final class FlowMetrics {
    private static final int STAGES = Stage.values().length;
    private final TouchTable table;

    public FlowMetrics(TouchTable table) {
        this.table = table;
    }

    public FlowReport run(FlowQuery q) {
        MonthGrid months = new MonthGrid(table, q.zone());
        Acc acc = converted(q, Acc::new, (a, scanner, rows, first, decision) -> {
            int d = rows[decision];
            int dt = table.time[d];
            int channel = table.channelOf(d), product = table.firstProduct(d), month = months.monthOf(dt);
            long lead = (long) dt - table.time[rows[first]];
            a.lead.add(lead);
            a.leadByChannel.add(channel, lead);
            a.leadByProduct.add(product, lead);
            a.leadByMonth.add(month, lead);
            // Cycle times: runs of one stage among the journey's opening touches, each lasting until the next run.
            long[] spent = a.spent;
            Arrays.fill(spent, -1);
            int run = -1;
            long runStart = 0;
            for (int i = first; i <= decision; i++) {
                int r = rows[i];
                if (i < decision && !scanner.isOpening(r)) continue;
                int st = table.stage[r];
                if (i == decision || st != run) {
                    if (run >= 0) spent[run] += table.time[r] - runStart;
                    if (i == decision) break;
                    if (spent[st] < 0) spent[st] = 0;
                    run = st;
                    runStart = table.time[r];
                }
            }
            for (int s = 0; s < STAGES; s++) {
                if (spent[s] < 0) continue;
                a.cycle[s].add(spent[s]);
                a.cycleByChannel[s].add(channel, spent[s]);
                a.cycleByProduct[s].add(product, spent[s]);
                a.cycleByMonth[s].add(month, spent[s]);
            }
        }, Acc::merge);

        int min = q.minimumCount();
        List<FlowReport.StageCycle> cycles = new ArrayList<>();
        for (int s = 0; s < STAGES; s++) {
            if (acc.cycle[s].size == 0) continue;
            cycles.add(new FlowReport.StageCycle(Stage.at(s), acc.cycle[s].distribution(min),
                    acc.cycleByChannel[s].groups(this::channel, false, min), acc.cycleByProduct[s].groups(this::product, false, min),
                    acc.cycleByMonth[s].groups(months::name, true, min)));
        }
        return new FlowReport(min, acc.lead.distribution(min), acc.leadByChannel.groups(this::channel, false, min),
                acc.leadByProduct.groups(this::product, false, min), acc.leadByMonth.groups(months::name, true, min), cycles);
    }

    /** One converted journey's lead time in seconds, from its first touch to its decision, with the decision's channel and product. */
    public interface LeadTime {
        void journey(String channel, String product, long seconds);
    }

    /**
     * Every converted journey's lead time, one call each, in unit order: the values {@link #run} reports as
     * {@link FlowReport#leadTimeByChannel}, for an engine that aggregates them elsewhere ({@code touchline spark journeys}).
     */
    public void eachLeadTime(FlowQuery q, LeadTime out) {
        record Lead(int channel, int product, long seconds) {}
        List<Lead> all = converted(q, ArrayList<Lead>::new, (a, scanner, rows, first, decision) -> {
            int d = rows[decision];
            a.add(new Lead(table.channelOf(d), table.firstProduct(d), (long) table.time[d] - table.time[rows[first]]));
        }, (x, y) -> {
            x.addAll(y);
            return x;
        });
        for (Lead l : all) out.journey(channel(l.channel()), product(l.product()), l.seconds());
    }

    /** Sees one converted journey whose decision falls in the query's period: the unit's rows, its first touch and its decision. */
    private interface Converted<A> {
        void journey(A acc, JourneyScanner scanner, int[] rows, int first, int decision);
    }

    private <A> A converted(FlowQuery q, Supplier<A> accumulator, Converted<A> visit, BinaryOperator<A> merge) {
        JourneyScanner scanner = new JourneyScanner(table, q.rules());
        long from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() - TouchTable.EPOCH_SECOND;
        return UnitScan.run(table, q.unit(), accumulator, (a, u, rows, n) -> scanner.scan(rows, n, (first, last, decision) -> {
            if (decision < 0) return;
            int dt = table.time[rows[decision]];
            if (dt < from || dt >= to) return;
            visit.journey(a, scanner, rows, first, decision);
        }), merge);
    }

    private String channel(int code) { return table.channels.value(code); }

    private String product(int code) { return code < 0 ? Funnels.NO_VALUE : table.products.value(code); }

    private static final class Acc {
        final long[] spent = new long[STAGES];
        final LongList lead = new LongList();
        final GroupedDurations leadByChannel = new GroupedDurations(), leadByProduct = new GroupedDurations(), leadByMonth = new GroupedDurations();
        final LongList[] cycle = new LongList[STAGES];
        final GroupedDurations[] cycleByChannel = new GroupedDurations[STAGES], cycleByProduct = new GroupedDurations[STAGES],
                cycleByMonth = new GroupedDurations[STAGES];

        Acc() {
            for (int s = 0; s < STAGES; s++) {
                cycle[s] = new LongList();
                cycleByChannel[s] = new GroupedDurations();
                cycleByProduct[s] = new GroupedDurations();
                cycleByMonth[s] = new GroupedDurations();
            }
        }

        Acc merge(Acc o) {
            lead.addAll(o.lead);
            leadByChannel.merge(o.leadByChannel);
            leadByProduct.merge(o.leadByProduct);
            leadByMonth.merge(o.leadByMonth);
            for (int s = 0; s < STAGES; s++) {
                cycle[s].addAll(o.cycle[s]);
                cycleByChannel[s].merge(o.cycleByChannel[s]);
                cycleByProduct[s].merge(o.cycleByProduct[s]);
                cycleByMonth[s].merge(o.cycleByMonth[s]);
            }
            return this;
        }
    }
}
