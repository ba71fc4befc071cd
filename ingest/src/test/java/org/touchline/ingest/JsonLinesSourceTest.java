package org.touchline.ingest;

import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.domain.Problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesSourceTest {
    static final SourceMapping MAPPING = Ingested.mapping("""
            source: webshop
            format: jsonl
            recordId: /order/id
            occurredAt: { field: ts, format: epoch_millis }
            channel: { field: ch, map: { WEB: web, APP: app } }
            type: { value: purchase }
            identifiers:
              - { type: email, field: /customer/email }
              - { type: customer_id, field: /customer/id }
            parties:
              - role: beneficiary
                identifiers: [ { type: email, field: /gift/for } ]
            agentId: agent
            products: { field: /order/skus }
            text: /review/text
            rating: /review/stars
            """);

    static final String LINE = """
            {"order":{"id":"O-1","skus":["SKU-1","SKU-2"],"total":12.5},"ts":1772357400000,"ch":"APP","customer":{"email":"Bo@X.org","id":"c 9","tier":"gold"},"gift":{"for":"kid@x.org"},"review":{"text":"Fast, \\"great\\" \\u00e9","stars":5},"tags":["a","b"],"empty":null}""";

    @Test
    void mapsPointersTopLevelNamesAndArrays() {
        Interaction i = Ingested.read(MAPPING, "orders.jsonl", LINE + "\n").onlyAccepted();
        assertThat(i.sourceRecordId()).isEqualTo("O-1");
        assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(i.channel()).isEqualTo("app");
        assertThat(i.type()).isEqualTo("purchase");
        assertThat(i.identifiers()).containsExactly(new Identifier("email", "bo@x.org"), new Identifier("customer_id", "C9"));
        assertThat(i.parties()).containsExactly(new PartyRole("beneficiary", List.of(new Identifier("email", "kid@x.org"))));
        assertThat(i.products()).containsExactly("SKU-1", "SKU-2");
        assertThat(i.text()).isEqualTo("Fast, \"great\" é");
        assertThat(i.rating()).isEqualTo(5);
        assertThat(i.agentId()).isNull();
    }

    @Test
    void keepsUnmappedScalarLeavesByPointerWithoutTheLeadingSlash() {
        Interaction i = Ingested.read(MAPPING, "orders.jsonl", LINE).onlyAccepted();
        assertThat(i.attributes()).isEqualTo(Map.of("order/total", "12.5", "customer/tier", "gold", "tags/0", "a", "tags/1", "b"));
    }

    @Test
    void aLineThatIsNotJsonIsRejectedAndTheNextRead() {
        Ingested in = Ingested.read(MAPPING, "orders.jsonl", "{\"order\": {\"id\": \n\n" + LINE + "\n");
        assertThat(in.stats()).isEqualTo(new SourceReader.Stats(1, 1));
        MappedRecord.Rejected r = in.rejected().get(0);
        assertThat(r.recordRef()).isEqualTo("orders.jsonl line 1");
        assertThat(r.raw()).isEqualTo("{\"order\": {\"id\": ");
        assertThat(r.problems().get(0).field()).isEqualTo("(json)");
        assertThat(r.problems().get(0).reason()).startsWith("the line is not valid JSON");
        assertThat(in.accepted().get(0).sourceRecordId()).isEqualTo("O-1");
        assertThat(in.all().get(1).recordRef()).isEqualTo("orders.jsonl line 3");
    }

    @Test
    void aLineThatIsNotAnObjectIsRejected() {
        assertThat(Ingested.read(MAPPING, "o.jsonl", "[1,2]").onlyRejected().problems().get(0).reason()).isEqualTo("the line must be a JSON object { ... }, got array");
    }

    @Test
    void trailingContentAfterTheObjectIsRejected() {
        assertThat(Ingested.read(MAPPING, "o.jsonl", LINE + " {}").onlyRejected().problems().get(0).reason()).startsWith("the line is not valid JSON");
    }

    @Test
    void nestingDeeperThan32IsRejected() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(Ingested.read(MAPPING, "o.jsonl", deep).onlyRejected().problems().get(0).reason()).isEqualTo("the line nests deeper than 32 levels");
    }

    @Test
    void moreThan10000FieldsIsRejected() {
        StringBuilder b = new StringBuilder("{");
        for (int k = 0; k < 10_001; k++) b.append(k == 0 ? "" : ",").append("\"f").append(k).append("\":1");
        assertThat(Ingested.read(MAPPING, "o.jsonl", b + "}").onlyRejected().problems().get(0).reason()).isEqualTo("the line has more than 10000 fields");
    }

    @Test
    void aLineOver1MiBIsRejectedKeepingOnlyItsStart() {
        String huge = "{\"x\":\"" + "y".repeat(1_100_000) + "\"}";
        Ingested in = Ingested.read(MAPPING, "o.jsonl", huge + "\n" + LINE);
        assertThat(in.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().get(0).reason()).isEqualTo("the line is longer than 1 MiB (1,048,576 characters)");
            assertThat(r.raw()).hasSizeLessThan(2_000);
        });
        assertThat(in.accepted()).hasSize(1);
    }

    @Test
    void anObjectWhereAValueBelongsIsAProblemNamingThePointer() {
        String line = LINE.replace("\"ch\":\"APP\"", "\"ch\":{\"code\":\"APP\"}");
        assertThat(Ingested.read(MAPPING, "o.jsonl", line).onlyRejected().problems())
                .containsExactly(new Problem("o.jsonl line 1", "ch", "holds an object where a value belongs (channel)"));
    }

    @Test
    void aChannelValueNotInTheMapIsAProblemNamingFieldAndValue() {
        String line = LINE.replace("\"ch\":\"APP\"", "\"ch\":\"KIOSK\"");
        assertThat(Ingested.read(MAPPING, "o.jsonl", line).onlyRejected().problems())
                .containsExactly(new Problem("o.jsonl line 1", "ch", "'KIOSK' is not in the mapping's channel map [APP, WEB] and the mapping gives no default (channel)"));
    }

    @Test
    void rejectedRawIsTheLineAndRemapsToTheSameInteraction() {
        String line = LINE.replace("\"ch\":\"APP\"", "\"ch\":\"KIOSK\"");
        MappedRecord.Rejected r = Ingested.read(MAPPING, "o.jsonl", line).onlyRejected();
        assertThat(r.raw()).isEqualTo(line);
        SourceMapping fixed = Ingested.mapping(MAPPING_YAML_WITH_KIOSK);
        MappedRecord again = SourceReader.remap(fixed, r.recordRef(), r.raw());
        Interaction expected = Ingested.read(MAPPING, "o.jsonl", LINE).onlyAccepted();
        assertThat(again).isInstanceOfSatisfying(MappedRecord.Accepted.class, a -> {
            assertThat(a.recordRef()).isEqualTo("o.jsonl line 1");
            assertThat(a.interaction()).isEqualTo(expected);
        });
    }

    @Test
    void remapOfTwoRecordsIsRefused() {
        MappedRecord r = SourceReader.remap(MAPPING, "x line 1", LINE + "\n" + LINE);
        assertThat(r).isInstanceOfSatisfying(MappedRecord.Rejected.class, rej ->
                assertThat(rej.problems()).containsExactly(new Problem("x line 1", "(raw)", "holds 2 records; re-submit them one at a time")));
    }

    static final String MAPPING_YAML_WITH_KIOSK = """
            source: webshop
            format: jsonl
            recordId: /order/id
            occurredAt: { field: ts, format: epoch_millis }
            channel: { field: ch, map: { WEB: web, APP: app, KIOSK: app } }
            type: { value: purchase }
            identifiers:
              - { type: email, field: /customer/email }
              - { type: customer_id, field: /customer/id }
            parties:
              - role: beneficiary
                identifiers: [ { type: email, field: /gift/for } ]
            agentId: agent
            products: { field: /order/skus }
            text: /review/text
            rating: /review/stars
            """;
}
