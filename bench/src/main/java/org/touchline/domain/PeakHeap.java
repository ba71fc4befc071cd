package org.touchline.domain;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap a stretch of work used, as the benchmarks report it, measured from the collector's own accounts
 * (com.sun.management's GC notifications), three ways:
 * <ul>
 * <li>{@link #peakInUse}: the most heap in use at one moment since {@link #reset}, garbage included: the largest total
 * of the heap pools just before a collection (the heap is fullest then) or now. It cannot exceed {@code -Xmx}, unlike
 * the sum of each pool's own peak, which adds peaks reached at different moments. A collector given more room collects
 * later, so this grows with {@code -Xmx}.</li>
 * <li>{@link #live}: what the work keeps alive, from full collections only (a young collection leaves the old
 * generation's garbage in place): the most the heap held after any full collection since {@link #reset}, including one
 * made when asked. It hardly depends on {@code -Xmx}.</li>
 * <li>{@link #afterCollectionBytes}: the most the heap held after any collection, young ones included: an upper bound
 * on what was alive, read without forcing a collection.</li>
 * </ul>
 */
public final class PeakHeap {
    private static final String MAJOR = "end of major GC";
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPools = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class);
    /** Per collector, the id of its last collection before {@link #reset}: notifications arrive late, on another thread. */
    private final Map<String, Long> countedFrom = new ConcurrentHashMap<>();
    private final AtomicLong beforeCollection = new AtomicLong();
    private final AtomicLong afterCollection = new AtomicLong();
    private final AtomicLong mostAfterFullCollection = new AtomicLong();

    public PeakHeap() {
        for (var gc : collectors) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                count(info.getGcName(), info.getGcAction().equals(MAJOR), info.getGcInfo());
            }, null, null);
        }
    }

    /** Collects first, so that what came before the work, and its garbage, is not counted. */
    public void reset() {
        System.gc();
        for (var gc : collectors) {
            GcInfo last = gc.getLastGcInfo();
            countedFrom.put(gc.getName(), last == null ? 0 : last.getId());
        }
        beforeCollection.set(0);
        afterCollection.set(0);
        mostAfterFullCollection.set(0);
    }

    /** The most heap in use at one moment since {@link #reset}, garbage included; at most the heap's maximum. */
    public long peakInUse() {
        countLastCollections();
        return Math.max(beforeCollection.get(), used());
    }

    /**
     * What the work keeps alive: collects fully now, then answers the most the heap held after a full collection since
     * {@link #reset} (this one or any the collector made during the work).
     */
    public long live() {
        return Math.max(afterFullCollection(), mostAfterFullCollection.get());
    }

    /**
     * The heap in use right after a full collection now: what is alive, without the garbage. Twice, as objects that
     * wait for finalisation or a cleaner are let go by the first and freed by the second.
     */
    public static long afterFullCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The most the heap held just after any collection since {@link #reset}, young ones included (0 if none ran). */
    public long afterCollectionBytes() {
        countLastCollections();
        return afterCollection.get();
    }

    private long used() {
        return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /**
     * Each collector's latest collection, read directly, as its notification may not have been delivered yet (they
     * arrive on another thread). Whether it was a full one is not known here: {@link #live} reads the heap itself.
     */
    private void countLastCollections() {
        for (var gc : collectors) {
            GcInfo last = gc.getLastGcInfo();
            if (last != null) count(gc.getName(), false, last);
        }
    }

    private void count(String collector, boolean full, GcInfo info) {
        if (info.getId() <= countedFrom.getOrDefault(collector, 0L)) return;
        long before = heapTotal(info.getMemoryUsageBeforeGc()), after = heapTotal(info.getMemoryUsageAfterGc());
        beforeCollection.accumulateAndGet(before, Math::max);
        afterCollection.accumulateAndGet(after, Math::max);
        if (full) mostAfterFullCollection.accumulateAndGet(after, Math::max);
    }

    private long heapTotal(Map<String, MemoryUsage> usage) {
        long total = 0;
        for (var e : usage.entrySet()) if (heapPools.contains(e.getKey())) total += e.getValue().getUsed();
        return total;
    }
}
