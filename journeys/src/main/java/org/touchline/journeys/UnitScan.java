package org.touchline.journeys;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs a query over every unit (customer or household) of a table, in parallel over ranges of units: each range
 * fills its own accumulator, then the accumulators are merged in unit order, so the answer does not depend on the
 * number of threads.
 */
final class UnitScan {
    private UnitScan() {}

    /** Sees one unit's rows, in time order: rows[0 .. n - 1]. */
    interface Visitor<A> {
        void unit(A acc, int unit, int[] rows, int n);
    }

    static <A> A run(TouchTable table, Unit unit, Supplier<A> accumulator, Visitor<A> visitor, BinaryOperator<A> merge) {
        int units = table.unitCount(unit);
        int parts = Math.max(1, Math.min(units / 512, 16 * Runtime.getRuntime().availableProcessors()));
        return IntStream.range(0, parts).parallel().mapToObj(p -> {
            A acc = accumulator.get();
            int[] rows = new int[256];
            int[] n = new int[1];
            long from = (long) units * p / parts, to = (long) units * (p + 1) / parts;
            for (int u = (int) from; u < to; u++) {
                rows = table.rowsOf(unit, u, rows, n);
                visitor.unit(acc, u, rows, n[0]);
            }
            return acc;
        }).reduce(merge).orElseGet(accumulator);
    }
}
