package org.touchline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any body of a batch request (NDJSON, Interaction v1 per line, parsed by BoundedJson and InteractionJson): it is
 * refused whole with TooManyLinesException, or each line is accepted - and then survives its own JSON - or rejected
 * with reasons. Nothing else is thrown. Corpus: {@code NdjsonReaderFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class NdjsonReaderFuzzTest {
    private static final int MAX_LINES = 50;

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void everyLineIsAcceptedOrRejectedWithReasons(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        List<MappedRecord> out = new ArrayList<>();
        SourceReader.Stats stats;
        try {
            stats = NdjsonReader.read(body, MAX_LINES, out::add);
        } catch (TooManyLinesException e) {
            assertThat(out).isEmpty();
            assertThat(body.lines().filter(l -> !l.isBlank()).count()).isGreaterThan(MAX_LINES);
            return;
        }
        assertThat(stats.total()).isEqualTo(out.size()).isLessThanOrEqualTo(MAX_LINES);
        for (MappedRecord r : out) ReaderPromise.holdsFor(null, r);
    }
}
