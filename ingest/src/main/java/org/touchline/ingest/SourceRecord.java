package org.touchline.ingest;

import java.util.List;
import java.util.Map;

/**
 * One record read from a source file, seen through the fields its mapping names. Fields are addressed by slot: the
 * position of the field reference in {@link SourceMapping#fields()}, resolved once per file so that reading a record
 * does no name lookups.
 */
interface SourceRecord {

    /** The non-empty values at a field: none when it is absent or empty, several for a JSON array or repeated XML element. */
    List<String> values(int slot) throws FieldException;

    /** Every non-empty source field the mapping does not name, keyed the way the format names fields. */
    Map<String, String> unmapped();
}
