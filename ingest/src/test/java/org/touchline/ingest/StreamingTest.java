package org.touchline.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large files are streamed: each record is handed on and dropped. The counting consumers below keep nothing, so a
 * reader that held the file would show up as memory growth; the tests assert completion and counts, not timings.
 */
class StreamingTest {
    static final int LINES = 200_000;

    @Test
    void aLargeCsvFileIsReadRecordByRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("call_ref,started,reason,caller_number,account_no,card_used,agent,skus,notes,rating_field,queue,wrap_up\n");
            for (int k = 0; k < LINES; k++)
                w.write("C-" + k + ",01/03/2026 09:30:00,BILL,020 7946 " + (1000 + k % 9000) + ",ac " + k + ",,ag1,SKU-1|SKU-2,\"note, " + k + "\",4,billing,\n");
            w.write("C-bad,not a date,BILL,,ac 1,,,,,,,\n");
        }
        long[] seen = new long[1];
        SourceReader.Stats s = SourceReader.read(CsvSourceTest.MAPPING, file, r -> seen[0]++);
        assertThat(s).isEqualTo(new SourceReader.Stats(LINES, 1));
        assertThat(seen[0]).isEqualTo(LINES + 1);
    }

    @Test
    void aLargeJsonLinesFileIsReadLineByLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < LINES; k++)
                w.write("{\"order\":{\"id\":\"O-" + k + "\",\"skus\":[\"A\",\"B\"]},\"ts\":1772357400000,\"ch\":\"WEB\",\"customer\":{\"email\":\"c" + k + "@x.org\"},\"tier\":\"gold\"}\n");
        }
        long[] seen = new long[1];
        SourceReader.Stats s = SourceReader.read(JsonLinesSourceTest.MAPPING, file, r -> seen[0]++);
        assertThat(s).isEqualTo(new SourceReader.Stats(LINES, 0));
        assertThat(seen[0]).isEqualTo(LINES);
    }

    @Test
    void aLargeXmlFileIsReadRecordByRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.xml");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<export><store>\n");
            for (int k = 0; k < LINES / 2; k++) w.write(XmlSourceTest.sale(Integer.toString(k), "2026-06-01 10:15") + "\n");
            w.write("</store></export>\n");
        }
        SourceReader.Stats s = SourceReader.read(XmlSourceTest.MAPPING, file, r -> { });
        assertThat(s).isEqualTo(new SourceReader.Stats(LINES / 2, 0));
    }
}
