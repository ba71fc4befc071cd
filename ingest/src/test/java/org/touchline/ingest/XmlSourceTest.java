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

class XmlSourceTest {
    static final SourceMapping MAPPING = Ingested.mapping("""
            source: stores
            format: xml
            xml: { record: sale }
            recordId: "@id"
            occurredAt: { field: at, format: "yyyy-MM-dd HH:mm", zone: Europe/London }
            channel: { value: store }
            type: { field: kind, map: { P: purchase, R: return }, default: purchase }
            identifiers:
              - { type: email, field: customer/email }
              - { type: account, field: customer/@account }
            parties:
              - role: actor
                identifiers: [ { type: loyalty_card, field: card } ]
            agentId: till/@operator
            products: { field: items/sku }
            text: note
            rating: stars
            """);

    static final String FILE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <export>
              <store code="S1">
                <sale id="A-1" lane="4">
                  <at>2026-06-01 10:15</at>
                  <kind>R</kind>
                  <customer account="ac 77"><email>Ann@Example.com</email><name>Ann</name></customer>
                  <card>lc-9</card>
                  <till operator="op7"/>
                  <items><sku>SKU-1</sku><sku>SKU-2</sku></items>
                  <note>Wanted a &lt;bigger&gt; size &amp; colour</note>
                  <stars>4</stars>
                  <tag>gift</tag><tag>sale</tag>
                </sale>
              </store>
            </export>
            """;

    @Test
    void mapsARecordAtAnyDepthWithPathsAndAttributes() {
        Interaction i = Ingested.read(MAPPING, "sales.xml", FILE).onlyAccepted();
        assertThat(i.source()).isEqualTo("stores");
        assertThat(i.sourceRecordId()).isEqualTo("A-1");
        assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-06-01T09:15:00Z")); // British summer time
        assertThat(i.channel()).isEqualTo("store");
        assertThat(i.type()).isEqualTo("return");
        assertThat(i.identifiers()).containsExactly(new Identifier("email", "ann@example.com"), new Identifier("account", "AC77"));
        assertThat(i.parties()).containsExactly(new PartyRole("actor", List.of(new Identifier("loyalty_card", "LC-9"))));
        assertThat(i.agentId()).isEqualTo("op7");
        assertThat(i.products()).containsExactly("SKU-1", "SKU-2");
        assertThat(i.text()).isEqualTo("Wanted a <bigger> size & colour");
        assertThat(i.rating()).isEqualTo(4);
    }

    @Test
    void keepsUnmappedLeavesAndAttributesByPath() {
        Interaction i = Ingested.read(MAPPING, "sales.xml", FILE).onlyAccepted();
        assertThat(i.attributes()).isEqualTo(Map.of("@lane", "4", "customer/name", "Ann", "tag", "gift", "tag[2]", "sale"));
    }

    @Test
    void namesRecordsByNumberAndStartingLine() {
        String two = "<sales>\n" + sale("1", "2026-06-01 10:15") + "\n\n" + sale("2", "2026-06-01 10:15") + "\n</sales>";
        Ingested in = Ingested.read(MAPPING, "sales.xml", two);
        assertThat(in.all()).extracting(MappedRecord::recordRef).containsExactly("sales.xml record 1 (line 2)", "sales.xml record 2 (line 4)");
    }

    @Test
    void aBadRecordIsRejectedAndTheNextAccepted() {
        String two = "<sales>" + sale("1", "yesterday") + sale("2", "2026-06-01 10:15") + "</sales>";
        Ingested in = Ingested.read(MAPPING, "sales.xml", two);
        assertThat(in.stats()).isEqualTo(new SourceReader.Stats(1, 1));
        assertThat(in.problems()).containsExactly(new Problem("sales.xml record 1 (line 1)", "at",
                "'yesterday' is not a date-time of the pattern 'yyyy-MM-dd HH:mm' (occurredAt)"));
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("2");
    }

    @Test
    void aDocumentWithADtdIsRejectedWithoutReadingEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE sales [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <sales><sale id="1"><at>2026-06-01 10:15</at><customer><email>a@b.co</email></customer><note>&xxe;</note></sale></sales>
                """;
        MappedRecord.Rejected r = Ingested.read(MAPPING, "evil.xml", xxe).onlyRejected();
        assertThat(r.recordRef()).isEqualTo("evil.xml line 2");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("(xml)");
            assertThat(p.reason()).contains("DTD").contains("refused").doesNotContain("root:");
        });
    }

    @Test
    void anUndeclaredEntityEndsTheFileButKeepsEarlierRecords() {
        String broken = "<sales>\n" + sale("1", "2026-06-01 10:15") + "\n<sale id=\"2\"><note>&xxe;</note></sale>\n" + sale("3", "2026-06-01 10:15") + "</sales>";
        Ingested in = Ingested.read(MAPPING, "sales.xml", broken);
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("1");
        assertThat(in.rejected()).singleElement().satisfies(r -> {
            assertThat(r.recordRef()).isEqualTo("sales.xml record 2 (line 3)");
            assertThat(r.problems().get(0).reason()).contains("not well-formed XML at line 3").contains("xxe").contains("rest of the file was not read");
        });
    }

    @Test
    void malformedXmlEndsTheFileNamingTheLine() {
        String broken = "<sales>\n" + sale("1", "2026-06-01 10:15") + "\n<sale id=\"2\"><at>2026</sale>\n" + sale("3", "2026-06-01 10:15") + "</sales>";
        Ingested in = Ingested.read(MAPPING, "sales.xml", broken);
        assertThat(in.stats()).isEqualTo(new SourceReader.Stats(1, 1));
        assertThat(in.rejected().get(0).problems().get(0).reason()).contains("not well-formed XML at line 3");
    }

    @Test
    void nestingDeeperThan32IsRejected() {
        String deep = "<sales><sale id=\"1\">" + "<a>".repeat(40) + "x" + "</a>".repeat(40) + "</sale>" + sale("2", "2026-06-01 10:15") + "</sales>";
        Ingested in = Ingested.read(MAPPING, "sales.xml", deep);
        assertThat(in.rejected()).singleElement().satisfies(r -> assertThat(r.problems().get(0).reason()).contains("deeper than 32"));
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("2");
    }

    @Test
    void moreThan10000FieldsIsRejected() {
        String wide = "<sales><sale id=\"1\">" + "<f>1</f>".repeat(10_001) + "</sale></sales>";
        assertThat(Ingested.read(MAPPING, "sales.xml", wide).onlyRejected().problems().get(0).reason()).contains("more than 10000");
    }

    @Test
    void anElementWhereAValueBelongsIsAProblemNamingThePath() {
        String s = "<sales><sale id=\"1\"><at>2026-06-01 10:15</at><customer><email>a@b.co</email></customer><note><p>x</p></note></sale></sales>";
        assertThat(Ingested.read(MAPPING, "sales.xml", s).onlyRejected().problems())
                .containsExactly(new Problem("sales.xml record 1 (line 1)", "note", "is an element with child elements where a value belongs (text)"));
    }

    @Test
    void rejectedRawIsTheRecordElementAndRemapsToTheSameInteraction() {
        SourceMapping strict = Ingested.mapping(MAPPING_TEXT_WITHOUT_DEFAULT);
        MappedRecord.Rejected r = Ingested.read(strict, "sales.xml", FILE.replace("<kind>R</kind>", "<kind>X</kind>")).onlyRejected();
        assertThat(r.raw()).startsWith("<sale id=\"A-1\" lane=\"4\">").endsWith("</sale>").contains("&lt;bigger&gt;");
        MappedRecord again = SourceReader.remap(MAPPING, r.recordRef(), r.raw());
        Interaction expected = Ingested.read(MAPPING, "sales.xml", FILE.replace("<kind>R</kind>", "<kind>X</kind>")).onlyAccepted();
        assertThat(again).isEqualTo(new MappedRecord.Accepted(r.recordRef(), expected));
    }

    static final String MAPPING_TEXT_WITHOUT_DEFAULT = """
            source: stores
            format: xml
            xml: { record: sale }
            recordId: "@id"
            occurredAt: { field: at, format: "yyyy-MM-dd HH:mm", zone: Europe/London }
            channel: { value: store }
            type: { field: kind, map: { P: purchase, R: return } }
            identifiers:
              - { type: email, field: customer/email }
              - { type: account, field: customer/@account }
            parties:
              - role: actor
                identifiers: [ { type: loyalty_card, field: card } ]
            agentId: till/@operator
            products: { field: items/sku }
            text: note
            rating: stars
            """;

    static String sale(String id, String at) {
        return "<sale id=\"" + id + "\"><at>" + at + "</at><customer><email>a@b.co</email></customer></sale>";
    }
}
