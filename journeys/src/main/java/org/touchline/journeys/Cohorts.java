package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link CohortQuery retention cohorts} over a table: one pass over each customer's touches, customers in
 * parallel. A customer's first touch is the first of their rows (they are in time order), so finding the start costs
 * nothing more than reading it.
 */
public final class Cohorts {
    private static final int DECISION = Stage.DECISION.ordinal();
    private final TouchTable table;

    public Cohorts(TouchTable table) {
        this.table = table;
    }

    public CohortTable run(CohortQuery q) {
        PeriodGrid grid = new PeriodGrid(table, q.period());
        int external = table.channels.code("external");
        TouchFilter.Compiled activity = q.activity().filter().compile(table);
        int periods = q.periods();
        long from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() - TouchTable.EPOCH_SECOND;
        int lastPeriod = table.size() == 0 ? 0 : grid.of(TouchTable.clampedTime(table.last()));
        CohortQuery.By by = q.by();
        Acc all = UnitScan.run(table, Unit.CUSTOMER, () -> new Acc(periods + 1), (a, u, rows, n) -> {
            int start = -1;
            for (int i = 0; i < n && start < 0; i++) {
                int r = rows[i];
                if (table.channelOf(r) == external) continue;
                if (by != CohortQuery.By.PRODUCT || (table.stage[r] == DECISION && table.productCount(r) > 0)) start = i;
            }
            if (start < 0) return;
            int s = rows[start], startTime = table.time[s];
            if (startTime < from || startTime >= to) return;
            int p0 = grid.of(startTime);
            Counts c = a.group(switch (by) {
                case FIRST_MONTH -> p0;
                case CHANNEL -> table.channelOf(s);
                case PRODUCT -> table.firstProduct(s);
            });
            c.customers++;
            int reached = lastPeriod - p0;
            for (int k = 0; k <= Math.min(periods, reached); k++) c.reached[k]++;
            if (reached <= periods) c.partial[reached] = true;
            // At or after the start: an earlier row in the same second counts too, as ties have no order in time.
            while (start > 0 && table.time[rows[start - 1]] == startTime) start--;
            int counted = -1;
            for (int i = start; i < n; i++) {
                int r = rows[i];
                if (table.channelOf(r) == external || !activity.test(r)) continue;
                int k = grid.of(table.time[r]) - p0;
                if (k > periods) break;
                if (k != counted) {
                    c.retained[k]++;
                    counted = k;
                }
            }
        }, Acc::merge);

        int min = q.minimumCount();
        Counts total = new Counts(periods + 1);
        all.groups.values().forEach(total::merge);
        Comparator<Map.Entry<Integer, Counts>> order = by == CohortQuery.By.FIRST_MONTH ? Map.Entry.comparingByKey()
                : Comparator.<Map.Entry<Integer, Counts>>comparingLong(e -> -e.getValue().customers).thenComparing(e -> name(by, grid, e.getKey()));
        List<CohortTable.Cohort> cohorts = all.groups.entrySet().stream().sorted(order)
                .map(e -> cohort(name(by, grid, e.getKey()), e.getValue(), min)).toList();
        return new CohortTable(by, q.period(), q.activity(), min, table.size() == 0 ? null : table.last().toString(), cohorts,
                cohort("all", total, min));
    }

    private String name(CohortQuery.By by, PeriodGrid grid, int key) {
        return switch (by) {
            case FIRST_MONTH -> grid.name(key);
            case CHANNEL -> table.channels.value(key);
            case PRODUCT -> table.products.value(key);
        };
    }

    private static CohortTable.Cohort cohort(String name, Counts c, int min) {
        List<CohortTable.Cell> cells = new ArrayList<>();
        for (int k = 0; k < c.reached.length && c.reached[k] > 0; k++) {
            boolean hidden = Suppression.hides(c.reached[k], min) || Suppression.hides(c.retained[k], min);
            cells.add(new CohortTable.Cell(k, Suppression.shown(c.reached[k], min), Suppression.shown(c.retained[k], min),
                    hidden ? null : (double) c.retained[k] / c.reached[k], c.partial[k], hidden));
        }
        return new CohortTable.Cohort(name, Suppression.shown(c.customers, min), Suppression.hides(c.customers, min), cells);
    }

    /** One cohort's counts: customers, and per period those who reached it and those active in it. */
    private static final class Counts {
        long customers;
        final long[] reached, retained;
        final boolean[] partial;

        Counts(int periods) {
            reached = new long[periods];
            retained = new long[periods];
            partial = new boolean[periods];
        }

        void merge(Counts o) {
            customers += o.customers;
            for (int k = 0; k < reached.length; k++) {
                reached[k] += o.reached[k];
                retained[k] += o.retained[k];
                partial[k] |= o.partial[k];
            }
        }
    }

    private static final class Acc {
        final int periods;
        final Map<Integer, Counts> groups = new HashMap<>();

        Acc(int periods) { this.periods = periods; }

        Counts group(int key) { return groups.computeIfAbsent(key, x -> new Counts(periods)); }

        Acc merge(Acc o) {
            o.groups.forEach((key, c) -> group(key).merge(c));
            return this;
        }
    }
}
