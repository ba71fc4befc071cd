package org.touchline.node;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.*;

/** docs/architecture.md, principle 1: every projection is recreated identically by replaying the ledger. */
class RebuildTest {
    @TempDir Path dir;

    @RepeatedTest(5)
    void rebuildingTheProjectionsReproducesThemExactly(RepetitionInfo rep) throws Exception {
        Random random = new Random(1000 + rep.getCurrentRepetition());
        try (NodeFixture f = new NodeFixture(dir)) {
            // Random customers sharing random identifiers: merges, proxies and weak-only records all happen.
            for (int batch = 0; batch < 10; batch++) {
                List<Interaction> records = new ArrayList<>();
                for (int k = 0; k < 50; k++) {
                    List<Identifier> ids = new ArrayList<>();
                    if (random.nextInt(4) > 0) ids.add(email("p" + random.nextInt(60) + "@example.com"));
                    if (random.nextInt(3) == 0) ids.add(phone("0770090" + (1000 + random.nextInt(60))));
                    if (random.nextInt(5) == 0 || ids.isEmpty()) ids.add(new Identifier("cookie", "ck" + random.nextInt(40)));
                    String at = "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T10:00:00Z";
                    records.add(random.nextInt(10) == 0
                            ? proxyPurchase("b" + batch + "-" + k, at, new Identifier("loyalty_card", "LC-" + random.nextInt(30)), ids.get(0))
                            : interaction("mix", "b" + batch + "-" + k, at, "web", ids.toArray(Identifier[]::new)));
                }
                f.append(records.toArray(Interaction[]::new));
            }
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            // And the writer carries on from the rebuilt state.
            f.append(interaction("mix", "after", "2026-10-01T00:00:00Z", "web", email("p1@example.com")));
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }

    /**
     * A rebuild commits its replay chunk by chunk; a merge whose decision entry is the first of the next chunk (entries
     * 450,000 and 550,000 of a 600,000-record run) must leave the timeline as the live writer did, the absorbed
     * customer's line of it moved to the survivor with the rest of their timeline.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void aMergeDecisionOnAChunkBoundaryLandsOnTheSurvivorsTimelineOnly(int chunkSize) throws Exception {
        Random random = new Random(2000 + chunkSize);
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int batch = 0; batch < 4; batch++) {
                List<Interaction> records = new ArrayList<>();
                for (int k = 0; k < 30; k++) {
                    // Customers known by an email, then seen with one of a few shared phones: merges on most batches.
                    Identifier phone = phone("0770090" + (1000 + random.nextInt(15)));
                    Identifier[] ids = random.nextBoolean() ? new Identifier[]{email("q" + random.nextInt(40) + "@example.com"), phone}
                            : new Identifier[]{email("q" + random.nextInt(40) + "@example.com")};
                    records.add(interaction("mix", "b" + batch + "-" + k, "2026-03-1" + random.nextInt(10) + "T10:00:00Z", "web", ids));
                }
                f.append(records.toArray(Interaction[]::new));
            }
            long[] merges = {0};
            f.node.projections().rows("merges", 0, -1, row -> merges[0]++);
            assertThat(merges[0]).as("merges in the ledger").isPositive();
            String live = f.node.projections().digest();
            f.node.replay(chunkSize).run(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }
}
