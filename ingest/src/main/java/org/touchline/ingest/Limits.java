package org.touchline.ingest;

/**
 * Bounds on one source record. A file comes from outside the node; these keep one bad or hostile record from taking
 * the node's memory, while leaving ample room for any real interaction.
 */
final class Limits {
    /** Characters in one record (a CSV record, a JSON line, the text of an XML record). */
    static final int MAX_RECORD_CHARS = 1 << 20;
    static final int MAX_FIELDS = 10_000;
    static final int MAX_DEPTH = 32;
    /** How much of an over-long record is kept as its raw text: enough to find it, not enough to hurt. */
    static final int RAW_PREFIX = 1024;

    private Limits() {}

    static String describeRecordLimit() { return "1 MiB (1,048,576 characters)"; }
}
