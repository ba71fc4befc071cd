package org.touchline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Any CSV file, read through a mapping that uses every kind of field: the reader keeps its promise
 * ({@link ReaderPromise}) and never throws, hangs or holds more than one bounded record.
 * Corpus: {@code CsvSourceFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class CsvSourceFuzzTest {
    private static final SourceMapping WITH_HEADER = CsvSourceTest.MAPPING;
    private static final SourceMapping BY_COLUMN_NUMBER = Ingested.mapping("""
            source: pos
            format: csv
            csv: { delimiter: ";", header: false }
            recordId: "1"
            occurredAt: { field: "2", format: iso }
            channel: { field: "3", default: store }
            type: { value: purchase }
            identifiers:
              - { type: email, field: "4" }
            products: { field: "5", separator: "," }
            rating: "6"
            """);

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void everyRecordIsAcceptedOrRejectedWithReasons(byte[] file) {
        ReaderPromise.holdsFor(WITH_HEADER, "calls.csv", file);
        ReaderPromise.holdsFor(BY_COLUMN_NUMBER, "sales.csv", file);
    }
}
