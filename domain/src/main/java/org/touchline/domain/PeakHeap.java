package org.touchline.domain;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** Peak heap over a stretch of work: the sum of the heap pools' peak usage since {@link #reset}, as touchline bench measures it. */
public final class PeakHeap {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    /** Collects first, so the peak counts what the work holds, not the garbage before it. */
    public void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    public long bytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
