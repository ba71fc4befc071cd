package org.touchline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.touchline.domain.Problem;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One JSON object that arrived on its own (a webhook's payload, a CloudEvent) mapped through a JSON Lines source mapping,
 * exactly as the same object on one line of a file would be: the same field references, the same problems, the same
 * attributes kept. Built once per request and used for each of its objects.
 */
public final class MappedJson {
    private final SourceMapping mapping;
    private final RecordMapper mapper;
    private final JsonLinesSource.Fields fields;

    /** {@code now} bounds how far in the future a record may be dated (the validator's check). */
    public MappedJson(SourceMapping mapping, Instant now) {
        if (mapping.format() != SourceFormat.JSONL)
            throw new IllegalArgumentException(mapping.name() + ": format: is " + mapping.format().name().toLowerCase(Locale.ROOT)
                    + "; a mapping for JSON objects that arrive over HTTP must be jsonl");
        this.mapping = mapping;
        this.mapper = new RecordMapper(mapping, now);
        this.fields = new JsonLinesSource.Fields(mapping.fields());
    }

    public SourceMapping mapping() { return mapping; }

    /** {@code raw}: the object as text for the dead-letter queue, one line, so that it can be mapped again as a JSON line. */
    public MappedRecord map(String recordRef, JsonNode object, Supplier<String> raw) {
        if (object == null || !object.isObject())
            return new MappedRecord.Rejected(recordRef, raw.get(), List.of(new Problem(recordRef, "(json)", "is not a JSON object")));
        return mapper.map(recordRef, raw, new JsonLinesSource.Record(fields, object));
    }

    /**
     * Every scalar value under {@code n}, keyed by its JSON pointer below {@code prefix} without the leading '/'
     * ({@code properties/revenue}, {@code properties/products/0/sku}): how a JSON source's unmapped fields are kept.
     */
    public static void leaves(JsonNode n, String prefix, Map<String, String> out) {
        JsonLinesSource.leaves(n, prefix, Set.of(), out);
    }
}
