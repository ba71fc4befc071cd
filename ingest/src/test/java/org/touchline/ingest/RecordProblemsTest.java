package org.touchline.ingest;

import org.junit.jupiter.api.Test;
import org.touchline.domain.Interaction;
import org.touchline.domain.Problem;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Each problem a record can have names the record, the source field and the reason (with the Interaction field). */
class RecordProblemsTest {
    static final SourceMapping M = Ingested.mapping("""
            source: crm
            format: csv
            recordId: ref
            occurredAt: { field: started }
            channel: { field: ch }
            type: { field: kind, map: { Q: enquiry } }
            identifiers: [ { type: email, field: mail }, { type: phone, field: tel } ]
            agentId: agent
            text: notes
            rating: stars
            """);
    static final String HEADER = "ref,started,ch,kind,mail,tel,agent,notes,stars\n";

    static Problem only(String row) {
        Ingested in = Ingested.read(M, "crm.csv", HEADER + row + "\n");
        assertThat(in.problems()).hasSize(1);
        return in.problems().get(0);
    }

    @Test
    void aGoodRowIsAccepted() {
        Interaction i = Ingested.read(M, "crm.csv", HEADER + "R1,2026-03-01T09:30:00+01:00,email,Q,a@b.co,,,,\n").onlyAccepted();
        assertThat(i.occurredAt()).isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(i.channel()).isEqualTo("email");
    }

    @Test
    void anEmptyRecordIdNamesTheField() {
        assertThat(only(",2026-03-01T09:30:00Z,email,Q,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "ref",
                "is empty; it is the record's id (sourceRecordId) and every record needs one"));
    }

    @Test
    void aBadDateNamesTheSourceFieldAndOccurredAt() {
        assertThat(only("R1,yesterday,email,Q,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "started",
                "'yesterday' is not an ISO 8601 / RFC 3339 date-time such as 2026-03-01T09:30:00Z (occurredAt)"));
    }

    @Test
    void anEmptyDateIsAProblem() {
        assertThat(only("R1,,email,Q,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "started", "is empty (occurredAt)"));
    }

    @Test
    void aDateOutOfRangeIsNamedByTheSourceField() {
        assertThat(only("R1,2999-01-01T00:00:00Z,email,Q,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "started",
                "is out of range: 2999-01-01T00:00:00Z (occurredAt)"));
    }

    @Test
    void anUnknownChannelReadFromAFieldIsNamedByThatField() {
        assertThat(only("R1,2026-03-01T09:30:00Z,fax,Q,a@b.co,,,,").field()).isEqualTo("ch");
        assertThat(only("R1,2026-03-01T09:30:00Z,fax,Q,a@b.co,,,,").reason()).startsWith("unknown channel 'fax'").endsWith("(channel)");
    }

    @Test
    void anEmptyChannelWithoutDefaultIsAProblem() {
        assertThat(only("R1,2026-03-01T09:30:00Z,,Q,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "ch", "is empty and the mapping gives no default (channel)"));
    }

    @Test
    void aTypeNotInTheMapWithoutDefaultNamesFieldAndValue() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,ZZ,a@b.co,,,,")).isEqualTo(new Problem("crm.csv line 2", "kind",
                "'ZZ' is not in the mapping's type map [Q] and the mapping gives no default (type)"));
    }

    @Test
    void anInvalidEmailIsNamedByItsSourceField() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,not-an-email,,,,")).isEqualTo(new Problem("crm.csv line 2", "mail",
                "'not-an-email' is not an email address (identifiers[0].value)"));
    }

    @Test
    void aShortPhoneIsNamedByItsSourceFieldEvenAfterAnEmptyIdentifier() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,,123,,,")).isEqualTo(new Problem("crm.csv line 2", "tel",
                "a phone number needs 7 to 15 digits (identifiers[0].value)"));
    }

    @Test
    void aRecordWithNoIdentifiersNamesEveryIdentifierField() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,,,,,")).isEqualTo(new Problem("crm.csv line 2", "mail, tel",
                "at least one identifier is needed to know whose interaction this is (identifiers)"));
    }

    @Test
    void aRatingThatIsNotANumberIsAProblem() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,a@b.co,,,,four")).isEqualTo(new Problem("crm.csv line 2", "stars",
                "'four' is not a whole number from 1 to 5 (rating)"));
    }

    @Test
    void aRatingOutOfRangeIsNamedByItsSourceField() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,a@b.co,,,,9")).isEqualTo(new Problem("crm.csv line 2", "stars",
                "must be between 1 and 5, got 9 (rating)"));
    }

    @Test
    void anOverLongAgentIdIsNamedByItsSourceField() {
        assertThat(only("R1,2026-03-01T09:30:00Z,email,Q,a@b.co,," + "a".repeat(600) + ",,")).isEqualTo(new Problem("crm.csv line 2", "agent",
                "is longer than 512 characters (agentId)"));
    }

    @Test
    void everyProblemOfARecordIsReportedAtOnce() {
        Ingested in = Ingested.read(M, "crm.csv", HEADER + "R1,nope,fax,ZZ,a@b.co,,,,x\n");
        assertThat(in.problems()).extracting(Problem::field).containsExactly("started", "kind", "stars");
    }

    @Test
    void goodRecordsAroundBadOnesAreAccepted() {
        String rows = "R1,2026-03-01T09:30:00Z,email,Q,a@b.co,,,,\n" + "R2,nope,email,Q,a@b.co,,,,\n" + "R3,2026-03-01T09:30:00Z,email,Q,a@b.co,,,,\n";
        Ingested in = Ingested.read(M, "crm.csv", HEADER + rows);
        assertThat(in.stats()).isEqualTo(new SourceReader.Stats(2, 1));
        assertThat(in.accepted()).extracting(Interaction::sourceRecordId).containsExactly("R1", "R3");
        assertThat(in.rejected()).extracting(MappedRecord::recordRef).containsExactly("crm.csv line 3");
    }

    static SourceMapping appMapping(String occurredAt) {
        return Ingested.mapping("""
                source: app
                format: jsonl
                recordId: id
                occurredAt: %s
                channel: { value: app }
                type: { value: login }
                identifiers: [ { type: device_id, field: d } ]
                """.formatted(occurredAt));
    }

    @Test
    void epochSecondsMayHaveAFraction() {
        SourceMapping m = appMapping("{ field: t, format: epoch_seconds }");
        assertThat(Ingested.read(m, "a.jsonl", "{\"id\":\"1\",\"t\":1772357400.5,\"d\":\"x\"}").onlyAccepted().occurredAt())
                .isEqualTo(Instant.parse("2026-03-01T09:30:00.500Z"));
    }

    @Test
    void isoTimesWithoutAnOffsetAreInTheMappingsZone() {
        SourceMapping m = appMapping("{ field: t, zone: America/New_York }");
        assertThat(Ingested.read(m, "a.jsonl", "{\"id\":\"1\",\"t\":\"2026-03-01 09:30:00\",\"d\":\"x\"}").onlyAccepted().occurredAt())
                .isEqualTo(Instant.parse("2026-03-01T14:30:00Z"));
    }

    @Test
    void anImpossibleDateIsRefusedNotRolledOver() {
        SourceMapping m = appMapping("{ field: t, format: \"dd/MM/yyyy\" }");
        assertThat(Ingested.read(m, "a.jsonl", "{\"id\":\"1\",\"t\":\"31/02/2026\",\"d\":\"x\"}").onlyRejected().problems())
                .containsExactly(new Problem("a.jsonl line 1", "t", "'31/02/2026' is not a date-time of the pattern 'dd/MM/yyyy' (occurredAt)"));
    }
}
