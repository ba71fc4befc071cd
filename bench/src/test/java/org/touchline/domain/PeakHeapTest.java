package org.touchline.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What PeakHeap reports for allocations of a known size: the heap the work held, not the room the collector had. */
class PeakHeapTest {
    private static final long MIB = 1 << 20;
    /** Below half a G1 region, so no chunk is a humongous object taking a whole region. */
    private static final int CHUNK = 256 << 10;
    /** What else the test JVM may allocate and keep between two readings. */
    private static final long SLACK = 8 * MIB;
    /** What else the test JVM may let go between two readings (a few KiB were seen). */
    private static final long LET_GO = MIB;

    private final PeakHeap heap = new PeakHeap();

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 160})
    void liveCountsWhatIsHeldAndNotTheGarbageMadeBesideIt(int mib) {
        heap.reset();
        long before = heap.live();
        List<byte[]> held = hold(mib);
        churn(mib, 3 * mib);
        long grown = heap.live() - before;
        Reference.reachabilityFence(held);
        assertThat(grown).isBetween(mib * MIB - LET_GO, mib * MIB + SLACK);
    }

    @Test
    void liveRemembersWhatAFullCollectionFoundDuringTheWork() throws InterruptedException {
        heap.reset();
        long before = PeakHeap.afterFullCollection();
        List<byte[]> held = hold(96);
        System.gc();
        Reference.reachabilityFence(held);
        held = null;
        // The collector's notification reaches PeakHeap on a thread of its own, a moment after the collection.
        long live = heap.live();
        for (int k = 0; k < 100 && live < before + 96 * MIB - LET_GO; k++) {
            Thread.sleep(50);
            live = heap.live();
        }
        assertThat(live).isBetween(before + 96 * MIB - LET_GO, before + 96 * MIB + SLACK);
        assertThat(PeakHeap.afterFullCollection()).as("the heap now, with the chunks let go").isLessThan(before + SLACK);
    }

    @Test
    void peakInUseCountsWhatWasHeldAtOnceEvenAfterItIsLetGo() {
        heap.reset();
        long before = PeakHeap.afterFullCollection();
        List<byte[]> held = hold(128);
        System.gc(); // a collection while the chunks are held: just before it, the heap held all of them
        Reference.reachabilityFence(held);
        held = null;
        long peak = heap.peakInUse();
        assertThat(peak).isGreaterThanOrEqualTo(before + 128 * MIB - LET_GO).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }

    @Test
    void peakInUseUnderChurnNeverExceedsTheHeapsMaximumAndCoversTheLiveSet() {
        heap.reset();
        List<byte[]> held = hold(64);
        churn(64, 512);
        long peak = heap.peakInUse(), live = heap.live();
        Reference.reachabilityFence(held);
        assertThat(live).isGreaterThanOrEqualTo(64 * MIB);
        assertThat(peak).isGreaterThanOrEqualTo(live).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }

    @Test
    void resetForgetsTheHeapUsedBeforeIt() {
        heap.reset();
        List<byte[]> held = hold(256);
        System.gc();
        Reference.reachabilityFence(held);
        held = null;
        heap.reset();
        assertThat(heap.peakInUse()).isLessThan(128 * MIB);
        assertThat(heap.afterCollectionBytes()).as("no collection since the reset").isZero();
    }

    /** Chunks adding up to {@code mib} MiB, kept until the caller lets the list go. */
    private static List<byte[]> hold(int mib) {
        List<byte[]> chunks = new ArrayList<>();
        for (long k = 0; k < mib * MIB / CHUNK; k++) chunks.add(new byte[CHUNK]);
        return chunks;
    }

    /**
     * {@code totalMib} MiB of garbage, made as chunks that live a while in a rolling window of {@code windowMib} MiB, so
     * that some survive young collections and the pools' peaks fall at different moments; seeded, so every run is alike.
     */
    private static void churn(int windowMib, int totalMib) {
        Random random = new Random(17);
        byte[][] window = new byte[(int) (windowMib * MIB / CHUNK)][];
        for (long k = 0; k < totalMib * MIB / CHUNK; k++) {
            byte[] chunk = new byte[CHUNK];
            chunk[random.nextInt(CHUNK)] = 1;
            window[random.nextInt(window.length)] = chunk;
        }
        Reference.reachabilityFence(window);
    }
}
