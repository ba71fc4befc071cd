package org.touchline.ledger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tile paths are the URL of every tlog-tiles request: {@link TilePath#parse} accepts only the canonical spelling (so a
 * tile has one URL and caches agree) and refuses anything else with an IllegalArgumentException.
 * Corpus: {@code TilePathFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class TilePathFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void parsesOnlyTheCanonicalPath(byte[] input) {
        String path = new String(input, StandardCharsets.UTF_8);
        TilePath p;
        try {
            p = TilePath.parse(path);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(p.path()).isEqualTo(path);
    }
}
