package org.touchline.ingest;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte lines of a stream against the lines {@link BufferedReader#readLine} reads from its decoded text. */
class Utf8LinesTest {

    @RepeatedTest(30)
    void splitsAndDecodesEveryStreamAsReadLineDoes(RepetitionInfo info) throws IOException {
        Random random = new Random(7_000 + info.getCurrentRepetition());
        byte[] stream = stream(random);
        List<String> expected = new ArrayList<>();
        List<Boolean> expectedBlank = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(stream), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                expected.add(line);
                expectedBlank.add(line.isBlank());
            }
        }
        Utf8Lines lines = new Utf8Lines(new ShortReads(stream, random));
        List<String> read = new ArrayList<>();
        List<Boolean> blank = new ArrayList<>();
        while (lines.next()) {
            read.add(lines.text());
            blank.add(lines.isBlank());
        }
        assertEquals(expected, read);
        assertEquals(expectedBlank, blank);
    }

    @Test
    void givesALineLongerThanTheBufferWhole() throws IOException {
        String longLine = "x".repeat(200_000);
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream((longLine + "\r\nshort").getBytes(StandardCharsets.UTF_8)));
        assertTrue(lines.next());
        assertEquals(longLine, lines.text());
        assertTrue(lines.next());
        assertEquals("short", lines.text());
        assertFalse(lines.next());
    }

    @Test
    void givesTheBytesOfALineInPlace() throws IOException {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream("first\n{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)));
        lines.next();
        lines.next();
        assertEquals("{\"a\":1}", new String(lines.bytes(), lines.offset(), lines.length(), StandardCharsets.US_ASCII));
    }

    @Test
    void readsNothingFromAnEmptyStream() throws IOException {
        assertFalse(new Utf8Lines(new ByteArrayInputStream(new byte[0])).next());
    }

    /** Text with every kind of line end, blank lines, non-ASCII text and malformed UTF-8. */
    private static byte[] stream(Random r) {
        String[] pieces = {"{\"source\":\"crm\"}", "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", " ", "\t", "\u2003", "x", "\uFEFF"};
        String[] ends = {"\n", "\r", "\r\n", "\n\n", "\r\r\n"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = r.nextInt(200); k > 0; k--) {
            int kind = r.nextInt(10);
            if (kind == 0) out.writeBytes(ends[r.nextInt(ends.length)].getBytes(StandardCharsets.UTF_8));
            else if (kind == 1) out.write(0x80 + r.nextInt(0x80)); // a byte no UTF-8 sequence starts with, or a lone lead byte
            else out.writeBytes(pieces[r.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A stream that hands out its bytes a few at a time, as a pipe or a socket may. */
    private static final class ShortReads extends InputStream {
        private final ByteArrayInputStream in;
        private final Random random;

        ShortReads(byte[] bytes, Random random) {
            this.in = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override public int read() { return in.read(); }

        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, Math.min(len, 1 + random.nextInt(40))); }
    }
}
