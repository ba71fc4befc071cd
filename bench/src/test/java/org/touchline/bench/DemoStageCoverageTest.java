package org.touchline.bench;

import org.junit.jupiter.api.Test;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.domain.Progress;
import org.touchline.journeys.StageMap;

import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every channel and type the demo company emits has its own rule in the shipped journey stages (none falls to the default). */
class DemoStageCoverageTest {
    @Test
    void everyDemoTypeIsPlacedByARule() {
        StageMap stages = StageMap.defaults();
        TreeSet<String> unplaced = new TreeSet<>(), seen = new TreeSet<>();
        new DemoCompany(new DemoSize(400, 30_000, 18), 7).touches(Progress.NONE, t -> {
            seen.add(t.type());
            boolean ruled = stages.rules().stream().anyMatch(r -> (r.type() == null || r.type().equals(t.type()))
                    && (r.channel() == null || r.channel().equals(t.channel())) && (r.source() == null || r.source().equals(t.source())));
            if (!ruled) unplaced.add(t.channel() + "/" + t.type());
        });
        assertThat(seen).hasSizeGreaterThan(35);
        assertThat(unplaced).isEmpty();
    }
}
