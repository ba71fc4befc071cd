package org.touchline.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.touchline.domain.Channel;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes random records (quotes, delimiters, line breaks and non-ASCII text included) in all three formats with
 * standard writers, and checks each reads back to the same Interaction. Seeded: a failure names its repetition, and
 * the same repetition fails the same way again.
 */
class RandomRoundTripTest {
    static final String ALPHABET = "abcXYZ 019,;|\"'\n<>&é漢字😀-_./\\{}[]:";

    static String mapping(String format, String extra) {
        return """
                source: random
                format: %s
                %s
                recordId: id
                occurredAt: { field: at }
                channel: { field: ch, map: { %s } }
                type: { field: kind }
                identifiers:
                  - { type: email, field: mail }
                  - { type: account, field: acct }
                agentId: agent
                products: { field: skus, separator: "|" }
                text: notes
                rating: stars
                """.formatted(format, extra, channelMap());
    }

    static String channelMap() {
        List<String> pairs = new ArrayList<>();
        for (int k = 0; k < Channel.ALL.size(); k++) pairs.add("C" + k + ": " + Channel.ALL.get(k));
        return String.join(", ", pairs);
    }

    /** One random record as the source writes it. */
    record Source(String id, Instant at, int channel, String kind, String mail, String acct, String agent, List<String> skus,
                  String notes, Integer stars, String extra) {

        Interaction expected() {
            List<Identifier> ids = new ArrayList<>();
            ids.add(new Identifier("email", mail));
            if (acct != null) ids.add(new Identifier("account", acct));
            return new Interaction(null, "random", id, at, Channel.ALL.get(channel), kind, ids, List.of(), agent, skus, notes, stars,
                    extra == null ? Map.of() : Map.of("extra", extra));
        }

        String[] row() {
            return new String[]{id, at.toString(), "C" + channel, kind, mail, acct == null ? "" : acct, agent == null ? "" : agent,
                    String.join("|", skus), notes == null ? "" : notes, stars == null ? "" : stars.toString(), extra == null ? "" : extra};
        }
    }

    static final String[] COLUMNS = {"id", "at", "ch", "kind", "mail", "acct", "agent", "skus", "notes", "stars", "extra"};

    static List<Source> records(Random r, int n) {
        List<Source> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            List<String> skus = new ArrayList<>();
            for (int s = r.nextInt(4); s > 0; s--) skus.add("SKU-" + r.nextInt(1000));
            out.add(new Source("R" + k + "-" + r.nextInt(1_000_000), Instant.ofEpochMilli(946_684_800_000L + (long) (r.nextDouble() * 8e11)),
                    r.nextInt(Channel.ALL.size()), pick(r, "purchase", "complaint", "billing_enquiry", "return"),
                    "u" + r.nextInt(100_000) + "@example.org", r.nextBoolean() ? "AC" + r.nextInt(100_000) : null,
                    r.nextBoolean() ? "agent-" + r.nextInt(50) : null, skus, r.nextInt(5) == 0 ? null : text(r, 1 + r.nextInt(80)),
                    r.nextBoolean() ? 1 + r.nextInt(5) : null, r.nextBoolean() ? text(r, 1 + r.nextInt(20)) : null));
        }
        return out;
    }

    /** Random text that does not start or end with white space (a blank value means "absent" in every format). */
    static String text(Random r, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        String t = b.toString().strip();
        return t.isEmpty() ? "x" : t;
    }

    static String pick(Random r, String... options) { return options[r.nextInt(options.length)]; }

    @RepeatedTest(20)
    void csvRecordsReadBackToTheSameValues(RepetitionInfo rep) throws IOException {
        List<Source> records = records(new Random(rep.getCurrentRepetition()), 40);
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (Source s : records) p.printRecord((Object[]) s.row());
        }
        assertReadsBack(Ingested.mapping(mapping("csv", "")), "r.csv", out.toString(), records);
    }

    @RepeatedTest(20)
    void jsonLinesRecordsReadBackToTheSameValues(RepetitionInfo rep) {
        List<Source> records = records(new Random(rep.getCurrentRepetition()), 40);
        StringBuilder out = new StringBuilder();
        for (Source s : records) {
            ObjectNode n = InteractionJson.MAPPER.createObjectNode();
            String[] row = s.row();
            for (int c = 0; c < COLUMNS.length; c++) {
                if (COLUMNS[c].equals("skus")) s.skus().forEach(n.withArray("skus")::add); // an array: no separator needed
                else if (COLUMNS[c].equals("stars") && s.stars() != null) n.put("stars", s.stars());
                else if (!row[c].isEmpty()) n.put(COLUMNS[c], row[c]);
            }
            out.append(n).append('\n');
        }
        assertReadsBack(Ingested.mapping(mapping("jsonl", "")), "r.jsonl", out.toString(), records);
    }

    @RepeatedTest(20)
    void xmlRecordsReadBackToTheSameValues(RepetitionInfo rep) throws XMLStreamException {
        List<Source> records = records(new Random(rep.getCurrentRepetition()), 40);
        StringWriter out = new StringWriter();
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("export");
        for (Source s : records) {
            w.writeStartElement("rec");
            w.writeAttribute("id", s.id());
            String[] row = s.row();
            for (int c = 1; c < COLUMNS.length; c++) {
                if (row[c].isEmpty()) continue;
                w.writeStartElement(COLUMNS[c]);
                w.writeCharacters(row[c]);
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndDocument();
        w.close();
        String yaml = mapping("xml", "xml: { record: rec }").replace("recordId: id", "recordId: \"@id\"");
        assertReadsBack(Ingested.mapping(yaml), "r.xml", out.toString(), records);
    }

    private static void assertReadsBack(SourceMapping m, String file, String content, List<Source> records) {
        Ingested in = Ingested.read(m, file, content);
        assertThat(in.rejected()).isEmpty();
        assertThat(in.accepted()).containsExactlyElementsOf(records.stream().map(Source::expected).toList());

        // Refuse every record (no channel code is known), then re-submit each dead letter with the good mapping.
        String yaml = m.format() == SourceFormat.XML ? mapping("xml", "xml: { record: rec }").replace("recordId: id", "recordId: \"@id\"")
                : mapping(m.format().name().toLowerCase(), "");
        SourceMapping refusing = Ingested.mapping(yaml.replace(channelMap(), "NONE: web"));
        List<Interaction> remapped = new ArrayList<>();
        for (MappedRecord.Rejected dead : Ingested.read(refusing, file, content).rejected()) {
            MappedRecord again = SourceReader.remap(m, dead.recordRef(), dead.raw());
            assertThat(again).as(dead.raw()).isInstanceOf(MappedRecord.Accepted.class);
            remapped.add(((MappedRecord.Accepted) again).interaction());
        }
        assertThat(remapped).containsExactlyElementsOf(in.accepted());
    }
}
