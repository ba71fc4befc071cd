package org.touchline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Parses one JSON record within {@link Limits}, with reasons a source owner can act on when it fails. */
final class BoundedJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.MAX_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} junk" is not one record
            .build();

    private BoundedJson() {}

    /** @throws FieldException with the reason the text is not one acceptable JSON object */
    static JsonNode parseObject(String text) throws FieldException {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new FieldException("nests deeper than " + Limits.MAX_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new FieldException("is not valid JSON" + (at == null ? "" : " at column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (n == null || n.isMissingNode()) throw new FieldException("is empty");
        if (!n.isObject()) throw new FieldException("must be a JSON object { ... }, got " + n.getNodeType().name().toLowerCase());
        if (count(n, 0) > Limits.MAX_FIELDS) throw new FieldException("has more than " + Limits.MAX_FIELDS + " fields");
        return n;
    }

    /** Nodes in the tree, stopping early once past the limit. */
    private static int count(JsonNode n, int sofar) {
        int total = sofar + 1;
        if (n.isContainerNode()) for (JsonNode child : n) {
            total = count(child, total);
            if (total > Limits.MAX_FIELDS) break;
        }
        return total;
    }
}
