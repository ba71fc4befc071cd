package org.touchline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream as bytes, not decoded: a line that is plain ASCII can be parsed from them with no String
 * of it made first (the NDJSON file ingest reads a million lines this way). Lines end where
 * {@link java.io.BufferedReader#readLine} ends them: at '\n', '\r' or "\r\n", none of which can occur inside a UTF-8
 * sequence, so the lines and their numbers are the ones a reader of the decoded text sees. {@link #text()} decodes a
 * line as that reader would, malformed bytes becoming U+FFFD.
 * <p>
 * As {@code readLine}, a line has no length limit: the buffer grows to hold the longest line.
 */
public final class Utf8Lines {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    /** The unread bytes are {@code buf[pos, limit)}; the current line is {@code buf[start, end)}. */
    private int pos, limit, start, end;
    /** The last line ended at a '\r': a '\n' right after it ends nothing more. */
    private boolean skipNewline;
    private boolean eof;

    public Utf8Lines(InputStream in) { this.in = in; }

    /** Moves to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        while (true) {
            if (skipNewline && pos < limit) {
                if (buf[pos] == '\n') pos++;
                skipNewline = false;
            }
            for (int k = pos; k < limit; k++) {
                byte b = buf[k];
                if (b == '\n' || b == '\r') {
                    start = pos;
                    end = k;
                    pos = k + 1;
                    skipNewline = b == '\r';
                    return true;
                }
            }
            if (eof) {
                if (pos == limit) return false;
                start = pos; // the last line, with no line end after it
                end = limit;
                pos = limit;
                return true;
            }
            fill();
        }
    }

    /** Reads more, keeping the unread bytes: moved to the front, the buffer doubled when they fill it. */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
            pos = 0;
            limit = unread;
        }
        if (limit == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    /** The array holding the current line's bytes, from {@link #offset()} for {@link #length()}; valid until {@link #next()}. */
    public byte[] bytes() { return buf; }

    public int offset() { return start; }

    public int length() { return end - start; }

    /** The current line decoded, as a reader of the stream in UTF-8 gives it. */
    public String text() { return new String(buf, start, end - start, StandardCharsets.UTF_8); }

    /** Whether the current line holds only white space (or nothing), as {@link String#isBlank} says of its text. */
    public boolean isBlank() {
        for (int k = start; k < end; k++) {
            if (buf[k] < 0) return text().isBlank(); // beyond ASCII: the decoded text decides
            if (!Character.isWhitespace(buf[k])) return false;
        }
        return true;
    }
}
