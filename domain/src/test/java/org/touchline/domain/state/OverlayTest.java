package org.touchline.domain.state;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** State read through per-group layers of uncommitted changes and a bounded cache of committed values. */
class OverlayTest {
    /** What the store holds, and how many keys it was asked for. */
    private final Map<String, String> store = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final GroupCommits groups = new GroupCommits();

    private Overlay<String, String> overlay(int capacity) {
        return new Overlay<>("test", groups, capacity, keys -> {
            asked.addAll(keys);
            Map<String, String> out = new HashMap<>();
            for (String k : keys) if (store.containsKey(k)) out.put(k, store.get(k));
            return out;
        });
    }

    @Test
    void aChangeIsSeenAtOnceButCachedOnlyOnceItsGroupCommitted() {
        Overlay<String, String> o = overlay(10);
        store.put("k", "stored");
        o.put("k", "new");
        assertThat(o.get("k")).isEqualTo("new");
        long group = groups.close();
        assertThat(o.get("k")).as("still in flight").isEqualTo("new");
        assertThat(o.pending()).containsEntry("k", "new");
        groups.committed(group);
        store.put("k", "new"); // what the writer stored
        assertThat(o.pending()).isEmpty();
        assertThat(o.get("k")).isEqualTo("new");
        assertThat(asked).as("the committed layer went into the cache: the store was never asked").isEmpty();
    }

    @Test
    void aGroupThatNeverCommittedLeavesNothingInTheCache() {
        Overlay<String, String> o = overlay(10);
        store.put("k", "stored");
        assertThat(o.get("k")).isEqualTo("stored");
        o.put("k", "lost");
        groups.close(); // its write fails: the writer never says it committed
        o.put("k", "later");
        long later = groups.close();
        assertThat(o.get("k")).isEqualTo("later");
        o.clearCache();
        assertThat(o.get("k")).as("layers of groups in flight stay over the cache").isEqualTo("later");
        // A new overlay over the store (what a reload makes) sees only what the store holds.
        assertThat(overlay(10).get("k")).isEqualTo("stored");
        assertThat(later).isEqualTo(2);
    }

    @Test
    void removalsAndAbsentKeysAreRemembered() {
        Overlay<String, String> o = overlay(10);
        store.put("a", "1");
        o.prefetch(List.of("a", "b"));
        assertThat(o.get("a")).isEqualTo("1");
        assertThat(o.get("b")).isNull();
        assertThat(asked).containsExactly("a", "b");
        o.remove("a");
        assertThat(o.get("a")).isNull();
        assertThat(o.pending()).containsEntry("a", null);
        assertThat(o.stats().hits()).isEqualTo(3);
        assertThat(o.stats().misses()).isEqualTo(2);
    }

    @RepeatedTest(5)
    void theCacheNeverHoldsMoreThanItsCapacityAndAnswersStayRight(RepetitionInfo rep) {
        Random random = new Random(rep.getCurrentRepetition());
        Overlay<String, String> o = overlay(5);
        Map<String, String> truth = new HashMap<>();
        for (int k = 0; k < 40; k++) store.put("k" + k, "v" + k);
        truth.putAll(store);
        for (int step = 0; step < 500; step++) {
            String key = "k" + random.nextInt(40);
            if (random.nextInt(4) == 0) {
                String v = "w" + step;
                o.put(key, v);
                truth.put(key, v);
                long g = groups.close();
                store.put(key, v);
                groups.committed(g);
            } else assertThat(o.get(key)).isEqualTo(truth.get(key));
            assertThat(o.stats().size()).isLessThanOrEqualTo(5);
        }
    }
}
