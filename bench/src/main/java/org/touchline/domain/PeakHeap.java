package org.touchline.domain;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Peak heap over a stretch of work, as touchline bench measures it, two ways: {@link #bytes} is the sum of the heap
 * pools' peak usage since {@link #reset} (garbage included, so it grows with {@code -Xmx}: a collector given room
 * collects later), and {@link #afterCollectionBytes} the most the heap held just after any collection since then: what
 * the work kept alive (an upper bound, as a young collection leaves old garbage), which hardly depends on {@code -Xmx}.
 */
public final class PeakHeap {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPools = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong afterCollection = new AtomicLong();

    public PeakHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet())
                    if (heapPools.contains(e.getKey())) used += ((MemoryUsage) e.getValue()).getUsed();
                afterCollection.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    /** Collects first, so the peak counts what the work holds, not the garbage before it. */
    public void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        afterCollection.set(0);
    }

    public long bytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The most the heap held just after a collection since {@link #reset} (0 if none ran). */
    public long afterCollectionBytes() {
        return afterCollection.get();
    }
}
