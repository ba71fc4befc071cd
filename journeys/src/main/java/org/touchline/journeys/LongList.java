package org.touchline.journeys;

import java.util.Arrays;

/** A growable list of longs (durations in seconds), so a query keeps no boxed values. */
final class LongList {
    long[] values = new long[16];
    int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    LongList addAll(LongList other) {
        if (size + other.size > values.length) values = Arrays.copyOf(values, Math.max(values.length * 2, size + other.size));
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
        return this;
    }

    Distribution distribution(int minimumCount) {
        return Distribution.of(values, size, minimumCount);
    }
}
