package org.touchline.ingest;

import java.util.function.Supplier;

/** What a format reader hands on: each record it could read, and each it could not. */
interface RecordSink {

    /** @param raw the record as text; only asked for when the record is rejected, as building it costs time */
    void record(String ref, Supplier<String> raw, SourceRecord record);

    /** A record the format itself could not read: a broken quote, a line that is not JSON, a limit exceeded. */
    void unreadable(String ref, String raw, String field, String reason);
}
