package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Durations collected under integer keys (a channel, product or month code; -1 for none). */
final class GroupedDurations {
    final Map<Integer, LongList> byKey = new HashMap<>();

    void add(int key, long value) {
        byKey.computeIfAbsent(key, k -> new LongList()).add(value);
    }

    GroupedDurations merge(GroupedDurations o) {
        o.byKey.forEach((k, v) -> byKey.merge(k, v, LongList::addAll));
        return this;
    }

    /** Groups biggest first (ties by name), or in key order when {@code byKeyOrder} (months). */
    List<FlowReport.Group> groups(IntFunction<String> name, boolean byKeyOrder, int minimumCount) {
        Comparator<Map.Entry<Integer, LongList>> order = byKeyOrder
                ? Comparator.comparingInt(Map.Entry::getKey)
                : Comparator.<Map.Entry<Integer, LongList>>comparingInt(e -> -e.getValue().size).thenComparing(e -> name.apply(e.getKey()));
        List<FlowReport.Group> out = new ArrayList<>();
        byKey.entrySet().stream().sorted(order)
                .forEach(e -> out.add(new FlowReport.Group(name.apply(e.getKey()), e.getValue().distribution(minimumCount))));
        return out;
    }
}
