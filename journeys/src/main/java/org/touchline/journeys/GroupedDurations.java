package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/** Durations collected under small integer keys (a channel, product or month code; -1 for none), in an array by key. */
final class GroupedDurations {
    private LongList[] byKey = new LongList[16];      // index key + 1

    void add(int key, long value) {
        int i = key + 1;
        if (i >= byKey.length) byKey = Arrays.copyOf(byKey, Math.max(i + 1, byKey.length * 2));
        LongList l = byKey[i];
        if (l == null) byKey[i] = l = new LongList();
        l.add(value);
    }

    GroupedDurations merge(GroupedDurations o) {
        for (int i = 0; i < o.byKey.length; i++) {
            if (o.byKey[i] == null) continue;
            if (i >= byKey.length) byKey = Arrays.copyOf(byKey, Math.max(i + 1, byKey.length * 2));
            if (byKey[i] == null) byKey[i] = o.byKey[i];
            else byKey[i].addAll(o.byKey[i]);
        }
        return this;
    }

    /** Groups biggest first (ties by name), or in key order when {@code byKeyOrder} (months). */
    List<FlowReport.Group> groups(IntFunction<String> name, boolean byKeyOrder, int minimumCount) {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < byKey.length; i++) if (byKey[i] != null) keys.add(i - 1);
        if (!byKeyOrder) keys.sort(Comparator.<Integer>comparingInt(k -> -byKey[k + 1].size).thenComparing(name::apply));
        List<FlowReport.Group> out = new ArrayList<>();
        for (int k : keys) out.add(new FlowReport.Group(name.apply(k), byKey[k + 1].distribution(minimumCount)));
        return out;
    }
}
