package org.touchline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any JSON Lines file, read through a mapping of JSON pointers and top-level names: the reader keeps its promise
 * ({@link ReaderPromise}); depth, field count and line length stay within their limits.
 * Corpus: {@code JsonLinesSourceFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class JsonLinesSourceFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void everyLineIsAcceptedOrRejectedWithReasons(byte[] file) {
        ReaderPromise.holdsFor(JsonLinesSourceTest.MAPPING, "orders.jsonl", file);
    }
}
