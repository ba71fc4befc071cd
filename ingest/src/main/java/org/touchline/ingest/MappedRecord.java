package org.touchline.ingest;

import org.touchline.domain.Interaction;
import org.touchline.domain.Problem;

import java.util.List;

/**
 * One source record after mapping: either an interaction that passed every check, or the record as it came in with
 * every reason it was refused. Nothing is lost: a rejected record keeps its raw text for the dead-letter queue.
 */
public sealed interface MappedRecord permits MappedRecord.Accepted, MappedRecord.Rejected {

    /** Where the record came from, in words: {@code calls.csv line 17} or {@code calls.xml record 5 (line 40)}. */
    String recordRef();

    record Accepted(String recordRef, Interaction interaction) implements MappedRecord {}

    /**
     * @param raw the source record as text, enough to re-submit it with {@link SourceReader#remap} once the mapping or
     *            the record is fixed: the JSON line, the CSV header and row, or the XML record element
     */
    record Rejected(String recordRef, String raw, List<Problem> problems) implements MappedRecord {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
