package org.touchline.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SourceMappingTest {
    static final String GOOD = """
            source: callcentre
            format: csv
            recordId: call_ref
            occurredAt: { field: started, format: "dd/MM/yyyy HH:mm:ss", zone: Europe/London }
            channel: { value: call_centre }
            type: { field: reason, map: { BILL: billing_enquiry }, default: enquiry }
            identifiers:
              - { type: phone, field: caller_number }
            stages: { billing_enquiry: support }
            """;

    @Test
    void readsAGoodMappingWithDefaults() throws MappingException {
        SourceMapping m = SourceMapping.parse("pos.yaml", GOOD);
        assertThat(m.name()).isEqualTo("pos.yaml");
        assertThat(m.source()).isEqualTo("callcentre");
        assertThat(m.format()).isEqualTo(SourceFormat.CSV);
        assertThat(m.csv()).isEqualTo(new SourceMapping.Csv(',', true));
        assertThat(m.occurredAt()).isEqualTo(new SourceMapping.Timestamp("started", "dd/MM/yyyy HH:mm:ss", ZoneId.of("Europe/London")));
        assertThat(m.type()).isEqualTo(new SourceMapping.ValueRule(null, "reason", Map.of("BILL", "billing_enquiry"), "enquiry"));
        assertThat(m.identifiers()).containsExactly(new SourceMapping.IdentifierField("phone", "caller_number"));
        assertThat(m.stages()).isEqualTo(Map.of("billing_enquiry", "support"));
        assertThat(m.fields()).containsExactly("call_ref", "started", "reason", "caller_number");
    }

    @Test
    void occurredAtDefaultsToIsoInUtc() throws MappingException {
        SourceMapping m = SourceMapping.parse("x.yaml", GOOD.replace("occurredAt: { field: started, format: \"dd/MM/yyyy HH:mm:ss\", zone: Europe/London }", "occurredAt: { field: started }"));
        assertThat(m.occurredAt()).isEqualTo(new SourceMapping.Timestamp("started", "iso", ZoneOffset.UTC));
    }

    @Test
    void loadNamesErrorsByTheFilePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pos.yaml");
        Files.writeString(file, GOOD.replace("zone: Europe/London", "zone: Europe/Lundon"));
        assertThatThrownBy(() -> SourceMapping.load(file)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.key()).isEqualTo("occurredAt.zone");
            assertThat(e.getMessage()).startsWith(file + ": occurredAt.zone: 'Europe/Lundon' is not a time zone id");
        });
    }

    @Test
    void loadOfAMissingFileSaysItCannotBeRead(@TempDir Path dir) {
        assertThatThrownBy(() -> SourceMapping.load(dir.resolve("none.yaml"))).isInstanceOf(MappingException.class)
                .hasMessageContaining("none.yaml: (file): cannot be read");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("not YAML", "source: [unclosed", "(yaml)", "is not valid YAML"),
                arguments("not a mapping", "- a\n- b", "(document)", "must be a YAML mapping"),
                arguments("unknown key", GOOD + "agent: x\n", "agent", "is not a mapping key here"),
                arguments("empty key", GOOD + "\"\": x\n", "(top level)", "has an empty key"),
                arguments("unknown nested key", GOOD.replace("{ field: started,", "{ feild: started,"), "occurredAt.feild", "is not a mapping key here"),
                arguments("duplicate key", GOOD + "source: again\n", "(yaml)", "Duplicate field 'source'"),
                arguments("missing source", GOOD.replace("source: callcentre\n", ""), "source", "is missing"),
                arguments("bad source name", GOOD.replace("source: callcentre", "source: Call Centre"), "source", "'Call Centre' must be 1-64 characters"),
                arguments("unknown format", GOOD.replace("format: csv", "format: xlsx"), "format", "'xlsx' is not a format; expected csv, jsonl or xml"),
                arguments("csv options on jsonl", GOOD.replace("format: csv", "format: jsonl\ncsv: { header: true }"), "csv", "only applies to format csv"),
                arguments("two-character delimiter", GOOD + "csv: { delimiter: \";;\" }\n", "csv.delimiter", "must be exactly one character"),
                arguments("quote as delimiter", GOOD + "csv: { delimiter: '\"' }\n", "csv.delimiter", "cannot be a quote"),
                arguments("header not boolean", GOOD + "csv: { header: yes please }\n", "csv.header", "must be true or false"),
                arguments("column name without header", GOOD + "csv: { header: false }\n", "recordId", "must be a column number"),
                arguments("xml without record", GOOD.replace("format: csv", "format: xml"), "xml", "is missing"),
                arguments("xml options on csv", GOOD + "xml: { record: call }\n", "xml", "only applies to format xml"),
                arguments("bad xml path", GOOD.replace("format: csv", "format: xml\nxml: { record: call }").replace("recordId: call_ref", "recordId: \"@id/x\""), "recordId", "an attribute (@name) can only be the last step"),
                arguments("missing recordId", GOOD.replace("recordId: call_ref\n", ""), "recordId", "is missing"),
                arguments("missing occurredAt", GOOD.replace("occurredAt: { field: started, format: \"dd/MM/yyyy HH:mm:ss\", zone: Europe/London }\n", ""), "occurredAt", "is missing"),
                arguments("invalid date pattern", GOOD.replace("dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss bbb"), "occurredAt.format", "'dd/MM/yyyy HH:mm:ss bbb' is not a valid date pattern"),
                arguments("pattern without a date", GOOD.replace("dd/MM/yyyy HH:mm:ss", "HH:mm"), "occurredAt.format", "does not read back a full date-time"),
                arguments("unknown zone", GOOD.replace("Europe/London", "Mars/Olympus"), "occurredAt.zone", "'Mars/Olympus' is not a time zone id"),
                arguments("missing channel", GOOD.replace("channel: { value: call_centre }\n", ""), "channel", "is missing"),
                arguments("unknown channel", GOOD.replace("value: call_centre", "value: phone"), "channel.value", "'phone' is not a Touchline channel"),
                arguments("unknown channel in map", GOOD.replace("channel: { value: call_centre }", "channel: { field: ch, map: { T: telly } }"), "channel.map.T", "'telly' is not a Touchline channel"),
                arguments("value and field", GOOD.replace("channel: { value: call_centre }", "channel: { value: web, field: ch }"), "channel", "give exactly one of value"),
                arguments("neither value nor field", GOOD.replace("channel: { value: call_centre }", "channel: { default: web }"), "channel", "give exactly one of value"),
                arguments("fixed value with map", GOOD.replace("channel: { value: call_centre }", "channel: { value: web, map: { A: app } }"), "channel", "a fixed value takes no map or default"),
                arguments("bad type name", GOOD.replace("default: enquiry", "default: Billing Enquiry"), "type.default", "'Billing Enquiry' is not a Touchline type name"),
                arguments("map is a list", GOOD.replace("map: { BILL: billing_enquiry }", "map: [ BILL ]"), "type.map", "must be a mapping of keys"),
                arguments("unknown identifier type", GOOD.replace("type: phone", "type: mobile"), "identifiers[0].type", "'mobile' is not an identifier type"),
                arguments("identifier without field", GOOD.replace("{ type: phone, field: caller_number }", "{ type: phone }"), "identifiers[0].field", "is missing"),
                arguments("identifiers not a list", GOOD.replace("identifiers:\n  - { type: phone, field: caller_number }", "identifiers: caller_number"), "identifiers", "must be a list"),
                arguments("no identifiers", GOOD.replace("identifiers:\n  - { type: phone, field: caller_number }\n", ""), "identifiers", "is missing: name at least one identifier field"),
                arguments("unknown party role", GOOD + "parties: [ { role: buyer, identifiers: [ { type: email, field: e } ] } ]\n", "parties[0].role", "'buyer' is not a party role"),
                arguments("party without identifiers", GOOD + "parties: [ { role: actor } ]\n", "parties[0].identifiers", "is missing"),
                arguments("empty product separator", GOOD + "products: { field: skus, separator: \"\" }\n", "products.separator", "cannot be empty"),
                arguments("field given as a list", GOOD + "text: [ a, b ]\n", "text", "must be a text value, got a list"),
                arguments("stage not text", GOOD.replace("stages: { billing_enquiry: support }", "stages: { billing_enquiry: { x: y } }"), "stages.billing_enquiry", "must be a text value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void aBadMappingIsRefusedNamingFileKeyAndReason(String name, String yaml, String key, String reason) {
        assertThatThrownBy(() -> SourceMapping.parse("mappings/pos.yaml", yaml)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.file()).isEqualTo("mappings/pos.yaml");
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).isEqualTo("mappings/pos.yaml: " + key + ": " + e.reason());
        });
    }

    @Test
    void listsTheKeysAllowedWhereAnUnknownOneIsFound() {
        assertThatThrownBy(() -> SourceMapping.parse("m.yaml", GOOD + "product: { field: skus }\n"))
                .hasMessage("m.yaml: product: is not a mapping key here; expected one of [agentId, channel, csv, format, identifiers, occurredAt, parties, "
                        + "products, rating, recordId, source, stages, text, type, xml]");
    }

    @Test
    void fieldsListsEachReferencedFieldOnce() throws MappingException {
        SourceMapping m = SourceMapping.parse("m.yaml", GOOD + "parties: [ { role: actor, identifiers: [ { type: phone, field: caller_number } ] } ]\ntext: notes\n");
        assertThat(m.fields()).isEqualTo(List.of("call_ref", "started", "reason", "caller_number", "notes"));
    }
}
