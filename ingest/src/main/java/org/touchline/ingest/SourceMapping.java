package org.touchline.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one source system's files become Interaction v1 records (docs/architecture.md, "Source mapping"): where each field comes
 * from, which identifiers a record carries and of what type, how its timestamps are written, and how its own channel
 * and type codes translate to Touchline's. Read from one YAML file per source; ingest/README.md documents every key.
 *
 * <p>A field reference names a CSV column, a JSON pointer (or top-level name) or an XML path relative to the record
 * element, depending on {@link #format()}. Optional parts are {@code null} (or empty lists) when the mapping leaves them out.
 *
 * @param name where the mapping came from, used in messages (a file path or the name given to {@link #parse})
 * @param csv  only for CSV; defaults applied
 * @param xmlRecord only for XML: the local name of the element that holds one record, at any depth
 */
public record SourceMapping(
        String name,
        String source,
        SourceFormat format,
        Csv csv,
        String xmlRecord,
        String recordId,
        Timestamp occurredAt,
        ValueRule channel,
        ValueRule type,
        List<IdentifierField> identifiers,
        List<Party> parties,
        String agentId,
        Products products,
        String text,
        String rating,
        Map<String, String> stages) {

    public SourceMapping {
        identifiers = List.copyOf(identifiers);
        parties = List.copyOf(parties);
        stages = Map.copyOf(stages);
    }

    /** Reads and checks a mapping file. */
    public static SourceMapping load(Path yamlFile) throws MappingException {
        String yaml;
        try {
            yaml = Files.readString(yamlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(yamlFile.toString(), "(file)", "cannot be read: " + e);
        }
        return parse(yamlFile.toString(), yaml);
    }

    /** Reads and checks a mapping given as text; {@code name} says where it came from in error messages. */
    public static SourceMapping parse(String name, String yaml) throws MappingException {
        return new MappingParser(name).parse(yaml);
    }

    /** Every distinct field the mapping reads, in a fixed order; a field's position is its slot (see {@link SourceRecord}). */
    public List<String> fields() {
        Set<String> f = new LinkedHashSet<>();
        f.add(recordId);
        f.add(occurredAt.field());
        if (channel.field() != null) f.add(channel.field());
        if (type.field() != null) f.add(type.field());
        identifiers.forEach(i -> f.add(i.field()));
        parties.forEach(p -> p.identifiers().forEach(i -> f.add(i.field())));
        if (agentId != null) f.add(agentId);
        if (products != null) f.add(products.field());
        if (text != null) f.add(text);
        if (rating != null) f.add(rating);
        return new ArrayList<>(f);
    }

    /** CSV layout. Without a header line, field references are 1-based column numbers. */
    public record Csv(char delimiter, boolean header) {
        public static final Csv DEFAULT = new Csv(',', true);
    }

    /**
     * @param format {@code iso}, {@code epoch_millis}, {@code epoch_seconds} or a java.time pattern
     * @param zone   the zone of timestamps that carry no offset
     */
    public record Timestamp(String field, String format, ZoneId zone) {}

    /**
     * Either a fixed {@code value}, or a {@code field} whose value is translated through {@code map} (taken as it is
     * when there is no map), falling back to {@code defaultValue} when the value is empty or not in the map.
     */
    public record ValueRule(String value, String field, Map<String, String> map, String defaultValue) {
        public ValueRule {
            map = map == null ? Map.of() : Map.copyOf(map);
        }

        public static ValueRule fixed(String value) { return new ValueRule(value, null, Map.of(), null); }
    }

    public record IdentifierField(String type, String field) {}

    /** A person in a named role (actor, beneficiary...) and the fields that identify them. */
    public record Party(String role, List<IdentifierField> identifiers) {
        public Party {
            identifiers = List.copyOf(identifiers);
        }
    }

    /** @param separator splits one value into several products; null when each value is one product */
    public record Products(String field, String separator) {}
}
