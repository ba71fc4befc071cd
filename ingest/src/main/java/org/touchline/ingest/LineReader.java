package org.touchline.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line with a bound on line length, so one endless line cannot fill the node's memory: the part of
 * an over-long line past the limit is skipped, not stored. Lines end at '\n'; a '\r' before it is dropped.
 */
final class LineReader {
    /** @param text the line, or only its start when {@code tooLong} */
    record Line(long number, String text, boolean tooLong) {}

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long number;
    private final StringBuilder line = new StringBuilder();

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') pos++;
            int n = pos - start;
            if (!tooLong && line.length() + n <= maxChars + 1) line.append(buf, start, n); // +1: room for a '\r'
            else if (!tooLong) {
                line.append(buf, start, Math.min(n, Limits.RAW_PREFIX));
                tooLong = true;
            }
            if (pos < len) {
                pos++; // the '\n'
                break;
            }
        }
        number++;
        if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') line.deleteCharAt(0);
        if (!tooLong && line.length() > 0 && line.charAt(line.length() - 1) == '\r') line.setLength(line.length() - 1);
        if (!tooLong && line.length() > maxChars) tooLong = true;
        String text = tooLong ? line.substring(0, Math.min(line.length(), Limits.RAW_PREFIX)) + "…" : line.toString();
        return new Line(number, text, tooLong);
    }
}
