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

class CsvSourceTest {
    static final SourceMapping MAPPING = Ingested.mapping("""
            source: callcentre
            format: csv
            recordId: call_ref
            occurredAt: { field: started, format: "dd/MM/yyyy HH:mm:ss", zone: Europe/London }
            channel: { value: call_centre }
            type: { field: reason, map: { BILL: billing_enquiry, COMPLAINT: complaint }, default: enquiry }
            identifiers:
              - { type: phone, field: caller_number }
              - { type: account, field: account_no }
            parties:
              - role: actor
                identifiers: [ { type: loyalty_card, field: card_used } ]
            agentId: agent
            products: { field: skus, separator: "|" }
            text: notes
            rating: rating_field
            stages: { billing_enquiry: support, complaint: support }
            """);

    static final String HEADER = "call_ref,started,reason,caller_number,account_no,card_used,agent,skus,notes,rating_field,queue,wrap_up\n";

    @Test
    void mapsEveryFieldOfARecord() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,020 7946 0958,ac 123,lc-5,ag7,SKU-1|SKU-2,\"Said \"\"hello\"\", then, left\",5,billing,\n";
        Interaction i = Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted();
        assertThat(i.id()).isEqualTo(Interaction.idFor("callcentre", "C-1"));
        assertThat(i.source()).isEqualTo("callcentre");
        assertThat(i.sourceRecordId()).isEqualTo("C-1");
        assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(i.channel()).isEqualTo("call_centre");
        assertThat(i.type()).isEqualTo("billing_enquiry");
        assertThat(i.identifiers()).containsExactly(new Identifier("phone", "442079460958"), new Identifier("account", "AC123"));
        assertThat(i.parties()).containsExactly(new PartyRole("actor", List.of(new Identifier("loyalty_card", "LC-5"))));
        assertThat(i.agentId()).isEqualTo("ag7");
        assertThat(i.products()).containsExactly("SKU-1", "SKU-2");
        assertThat(i.text()).isEqualTo("Said \"hello\", then, left");
        assertThat(i.rating()).isEqualTo(5);
    }

    @Test
    void keepsUnmappedNonEmptyColumnsAsAttributes() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,020 7946 0958,,,,,,,billing,\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted().attributes()).isEqualTo(Map.of("queue", "billing"));
    }

    @Test
    void emptyIdentifierCellsAndAnEmptyPartyAreSkipped() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        Interaction i = Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted();
        assertThat(i.identifiers()).containsExactly(new Identifier("account", "AC1"));
        assertThat(i.parties()).isEmpty();
    }

    @Test
    void aTypeNotInTheMapTakesTheDefault() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,OTHER,,ac 1,,,,,,,\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted().type()).isEqualTo("enquiry");
    }

    @Test
    void aRecordSpanningLinesIsNamedByItsFirstLine() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,\"two\nlines\",,,\n" + "C-2,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        Ingested in = Ingested.read(MAPPING, "calls.csv", csv);
        assertThat(in.all()).extracting(MappedRecord::recordRef).containsExactly("calls.csv line 2", "calls.csv line 4");
        assertThat(in.accepted().get(0).text()).isEqualTo("two\nlines");
    }

    @Test
    void readsCrLfLineEndsAndAByteOrderMark() {
        String csv = "\uFEFF" + HEADER.replace("\n", "\r\n") + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\r\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted().sourceRecordId()).isEqualTo("C-1");
    }

    @Test
    void aBrokenQuoteRejectsThatRecordAndTheNextIsRead() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,\"oops\" here,,,\n" + "C-2,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        Ingested in = Ingested.read(MAPPING, "calls.csv", csv);
        assertThat(in.stats()).isEqualTo(new SourceReader.Stats(1, 1));
        MappedRecord.Rejected r = in.rejected().get(0);
        assertThat(r.recordRef()).isEqualTo("calls.csv line 2");
        assertThat(r.raw()).isEqualTo("C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,\"oops\" here,,,");
        assertThat(r.problems()).containsExactly(new Problem("calls.csv line 2", "(csv)",
                "unexpected character ' ' after the closing quote of column 9 on line 2; a quote inside a quoted value must be doubled (\"\")"));
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("C-2");
    }

    @Test
    void aQuoteNeverClosedIsRejected() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,\"never closed,,,\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyRejected().problems().get(0).reason())
                .isEqualTo("the quote opened on line 2 is never closed");
    }

    @Test
    void aRecordWithTheWrongNumberOfColumnsIsRejected() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyRejected().problems().get(0).reason())
                .startsWith("has 3 columns but the header has 12");
    }

    @Test
    void aMappedColumnMissingFromTheHeaderIsAProblemNamingIt() {
        String csv = HEADER.replace("agent,", "agent_id,") + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyRejected().problems())
                .containsExactly(new Problem("calls.csv line 2", "agent", "is not a column in the file's header (agentId)"));
    }

    @Test
    void aRecordOver1MiBIsRejectedAndTheNextRead() {
        String csv = HEADER + "C-1,01/03/2026 09:30:00,BILL,,ac 1,,,,\"" + "x".repeat(1_100_000) + "\",,,\n" + "C-2,01/03/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        Ingested in = Ingested.read(MAPPING, "calls.csv", csv);
        assertThat(in.rejected()).singleElement().satisfies(r -> {
            assertThat(r.problems().get(0).reason()).contains("longer than 1 MiB");
            assertThat(r.raw().length()).isLessThan(2_000);
        });
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("C-2");
    }

    @Test
    void aRecordWithMoreThan10000FieldsIsRejected() {
        String csv = HEADER + "C-1" + ",".repeat(10_000) + "\n";
        assertThat(Ingested.read(MAPPING, "calls.csv", csv).onlyRejected().problems().get(0).reason()).isEqualTo("has more than 10000 columns");
    }

    @Test
    void withoutAHeaderFieldsAreColumnNumbersAndOtherColumnsAreNumbered() {
        SourceMapping m = Ingested.mapping("""
                source: till
                format: csv
                csv: { delimiter: ";", header: false }
                recordId: 1
                occurredAt: { field: 2, format: epoch_seconds }
                channel: { value: store }
                type: { value: purchase }
                identifiers: [ { type: email, field: "3" } ]
                """);
        Interaction i = Ingested.read(m, "till.csv", "T1;1772357400;a@b.co;extra\n").onlyAccepted();
        assertThat(i.sourceRecordId()).isEqualTo("T1");
        assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(i.attributes()).isEqualTo(Map.of("column 4", "extra"));
    }

    @Test
    void rejectedRawIsTheHeaderAndTheRowReprinted() {
        String csv = HEADER + "C-1,01/03/2026 25:30:00,BILL,,ac 1,,,,\"a, \"\"b\"\"\nc\",,,\n";
        MappedRecord.Rejected r = Ingested.read(MAPPING, "calls.csv", csv).onlyRejected();
        assertThat(r.raw()).isEqualTo(HEADER.strip() + "\n" + "C-1,01/03/2026 25:30:00,BILL,,ac 1,,,,\"a, \"\"b\"\"\nc\",,,");
    }

    @Test
    void remapOfARejectedRecordGivesTheSameInteractionAsAGoodRead() {
        SourceMapping noDefault = Ingested.mapping("""
                source: callcentre
                format: csv
                recordId: call_ref
                occurredAt: { field: started, format: "dd/MM/yyyy HH:mm:ss", zone: Europe/London }
                channel: { value: call_centre }
                type: { field: reason, map: { BILL: billing_enquiry } }
                identifiers: [ { type: phone, field: caller_number }, { type: account, field: account_no } ]
                parties: [ { role: actor, identifiers: [ { type: loyalty_card, field: card_used } ] } ]
                agentId: agent
                products: { field: skus, separator: "|" }
                text: notes
                rating: rating_field
                """);
        String csv = HEADER + "C-1,01/03/2026 09:30:00,COMPLAINT,020 7946 0958,ac 123,lc-5,ag7,SKU-1|SKU-2,\"multi\nline, \"\"quoted\"\"\",5,billing,\n";
        MappedRecord.Rejected r = Ingested.read(noDefault, "calls.csv", csv).onlyRejected();
        assertThat(r.problems()).containsExactly(new Problem("calls.csv line 2", "reason",
                "'COMPLAINT' is not in the mapping's type map [BILL] and the mapping gives no default (type)"));
        MappedRecord again = SourceReader.remap(MAPPING, r.recordRef(), r.raw());
        assertThat(again).isEqualTo(new MappedRecord.Accepted("calls.csv line 2", Ingested.read(MAPPING, "calls.csv", csv).onlyAccepted()));
    }

    @Test
    void remapOfUnfixedRawIsRejectedAgainWithTheSameRaw() {
        String csv = HEADER + "C-1,31/02/2026 09:30:00,BILL,,ac 1,,,,,,,\n";
        MappedRecord.Rejected r = Ingested.read(MAPPING, "calls.csv", csv).onlyRejected();
        assertThat(SourceReader.remap(MAPPING, r.recordRef(), r.raw())).isEqualTo(r);
    }
}
