package org.touchline.ingest.events;

import org.touchline.ingest.MappedRecord;

import java.nio.file.Path;

/**
 * One event as it arrived over HTTP, mapped: the record (accepted or refused with its problems), and where a refused one's
 * dead letter says it came from ({@code origin}: {@code mapping:PATH} when a source mapping read it, so that a
 * resubmission maps it again) and which source's quota of open letters it counts against.
 */
public record ReceivedEvent(MappedRecord record, String origin, String source) {
    public static final String MAPPING = "mapping:";

    static ReceivedEvent mapped(MappedRecord record, Path mappingFile, String source) {
        return new ReceivedEvent(record, MAPPING + mappingFile.toAbsolutePath().normalize(), source);
    }
}
