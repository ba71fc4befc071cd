package org.touchline.ingest;

import org.junit.jupiter.api.Test;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Identifier;
import org.touchline.domain.Problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdjsonReaderTest {
    static final Interaction GOOD = new Interaction(null, "chatbot", "c-1", Instant.parse("2026-03-01T09:30:00Z"), "chat", "enquiry",
            List.of(new Identifier("email", "a@b.co")), List.of(), null, List.of(), "hi", null, Map.of("bot", "v2"));

    @Test
    void acceptsEachValidLineAndNamesItByLine() {
        List<MappedRecord> out = new ArrayList<>();
        SourceReader.Stats s = NdjsonReader.read(InteractionJson.toJsonLine(GOOD) + "\n\n" + InteractionJson.toJsonLine(GOOD) + "\n", 10, out::add);
        assertThat(s).isEqualTo(new SourceReader.Stats(2, 0));
        assertThat(out).extracting(MappedRecord::recordRef).containsExactly("line 1", "line 3");
        assertThat(((MappedRecord.Accepted) out.get(0)).interaction()).isEqualTo(GOOD);
    }

    @Test
    void aFieldWithAnEmptyNameIsCalledThatRatherThanShownAsNothing() {
        String line = InteractionJson.toJsonLine(GOOD).replaceFirst("\\{", "{\"\":1,");
        List<MappedRecord> out = new ArrayList<>();
        NdjsonReader.read(line, 10, out::add);
        MappedRecord.Rejected r = (MappedRecord.Rejected) out.get(0);
        assertThat(r.problems()).extracting(Problem::field).containsExactly("(empty field name)");
        assertThat(r.problems().get(0).reason()).contains("empty name");
    }

    @Test
    void rejectsAnInvalidInteractionWithEveryProblemAndKeepsTheLine() {
        String bad = "{\"source\":\"chatbot\",\"sourceRecordId\":\"c-2\",\"occurredAt\":\"2026-03-01T09:30:00Z\",\"channel\":\"fax\",\"type\":\"enquiry\",\"identifiers\":[]}";
        List<MappedRecord> out = new ArrayList<>();
        NdjsonReader.read(InteractionJson.toJsonLine(GOOD) + "\n" + bad, 10, out::add);
        MappedRecord.Rejected r = (MappedRecord.Rejected) out.get(1);
        assertThat(r.raw()).isEqualTo(bad);
        assertThat(r.problems()).extracting(Problem::field).containsExactly("channel", "identifiers");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.record()).isEqualTo("line 2"));
    }

    @Test
    void rejectsALineThatIsNotJson() {
        List<MappedRecord> out = new ArrayList<>();
        NdjsonReader.read("{oops\n" + InteractionJson.toJsonLine(GOOD), 10, out::add);
        assertThat(((MappedRecord.Rejected) out.get(0)).problems().get(0).reason()).startsWith("the line is not valid JSON");
        assertThat(out.get(1)).isInstanceOf(MappedRecord.Accepted.class);
    }

    @Test
    void rejectsAFieldThatIsNotPartOfInteractionV1() {
        List<MappedRecord> out = new ArrayList<>();
        NdjsonReader.read(InteractionJson.toJsonLine(GOOD).replace("{\"id\"", "{\"colour\":\"red\",\"id\""), 10, out::add);
        assertThat(((MappedRecord.Rejected) out.get(0)).problems()).extracting(Problem::field).containsExactly("colour");
    }

    @Test
    void moreLinesThanAllowedIsRefusedBeforeAnyRecordIsEmitted() {
        String body = (InteractionJson.toJsonLine(GOOD) + "\n").repeat(4);
        List<MappedRecord> out = new ArrayList<>();
        assertThatThrownBy(() -> NdjsonReader.read(body, 3, out::add)).isInstanceOf(TooManyLinesException.class)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 3 lines");
        assertThat(out).isEmpty();
    }

    @Test
    void exactlyTheLimitIsAllowed() {
        String body = (InteractionJson.toJsonLine(GOOD) + "\n").repeat(3);
        assertThat(NdjsonReader.read(body, 3, r -> { })).isEqualTo(new SourceReader.Stats(3, 0));
    }

    @Test
    void aLineOver1MiBIsRejected() {
        List<MappedRecord> out = new ArrayList<>();
        NdjsonReader.read("{\"text\":\"" + "x".repeat(1_100_000) + "\"}", 10, out::add);
        assertThat(((MappedRecord.Rejected) out.get(0)).problems().get(0).reason()).contains("longer than 1 MiB");
    }
}
