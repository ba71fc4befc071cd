package org.touchline.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text (RFC 4180: quoted values may hold delimiters, doubled quotes and line breaks) into records, one at a
 * time, in constant memory.
 *
 * <p>Why not commons-csv's parser: a file is read for its good records even when some are broken, so a record with a
 * broken quote must be refused on its own and reading must go on at the next line; each record must know the line it
 * starts on; and one record must not be able to grow past {@link Limits}. commons-csv stops at the first malformed
 * record and has no size limit. (Rejected records are still re-printed with commons-csv, see {@link CsvSource}.)
 */
final class CsvTokenizer {
    private static final int EOF = -1;

    /**
     * One record. {@code problem} is null when it was read cleanly; otherwise {@code text} holds its text as it was in
     * the file (cut short when over the limit) for the dead-letter queue.
     */
    record Row(long line, List<String> values, String problem, String text) {}

    private final Reader in;
    private final char delimiter;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private boolean started;

    // The record's text as in the file, kept only for refused records: appended a buffer's worth at a time.
    private final StringBuilder text = new StringBuilder();
    private int textFrom;

    private final StringBuilder value = new StringBuilder();
    private int recordChars;
    private int lastWidth = 8;

    CsvTokenizer(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The next record, or null at the end of the input. Blank lines between records are skipped. */
    Row next() throws IOException {
        if (!started) skipByteOrderMark();
        int c;
        while ((c = read()) == '\n' || c == '\r') endLine(c);
        if (c == EOF) return null;
        pos--; // unread: the record starts here
        long start = line;
        text.setLength(0);
        textFrom = pos;
        recordChars = 0;
        List<String> values = new ArrayList<>(lastWidth);
        String problem = null;

        while (true) {
            value.setLength(0);
            c = read();
            int end; // the character that ended the value: the delimiter, a line break or EOF
            if (c == '"') {
                long quoteLine = line;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        problem = problem != null ? problem : "the quote opened on line " + quoteLine + " is never closed";
                        end = EOF;
                        break;
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            add('"');
                            continue;
                        }
                        if (d == delimiter || d == '\n' || d == '\r' || d == EOF) {
                            end = d;
                            break;
                        }
                        if (problem == null) problem = "unexpected " + quoted(d) + " after the closing quote of column " + (values.size() + 1)
                                + " on line " + line + "; a quote inside a quoted value must be doubled (\"\")";
                        end = skipRestOfLine();
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        add((char) c);
                        if (c == '\r' && peek() == '\n') add((char) read());
                        line++;
                        continue;
                    }
                    add((char) c);
                }
            } else {
                while (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    add((char) c);
                    c = read();
                }
                end = c;
            }
            if (values.size() < Limits.MAX_FIELDS) values.add(value.toString());
            else if (problem == null) problem = "has more than " + Limits.MAX_FIELDS + " columns";
            if (end == delimiter) continue;
            if (end != EOF) endLine(end);
            break;
        }
        if (recordChars > Limits.MAX_RECORD_CHARS && problem == null)
            problem = "the record starting on line " + start + " is longer than " + Limits.describeRecordLimit();
        lastWidth = Math.min(values.size(), 1024);
        if (problem == null) return new Row(start, values, null, null);
        flushText(pos);
        String t = stripLineEnd(text);
        if (recordChars > Limits.MAX_RECORD_CHARS) t = t.substring(0, Math.min(t.length(), Limits.RAW_PREFIX)) + "…";
        return new Row(start, values, problem, t);
    }

    private void add(char c) {
        if (++recordChars <= Limits.MAX_RECORD_CHARS) value.append(c);
    }

    /** After a broken quote: give up on the record at the end of its line, the best guess of where the next one starts. */
    private int skipRestOfLine() throws IOException {
        int c;
        do c = read(); while (c != '\n' && c != '\r' && c != EOF);
        return c;
    }

    /** Counts a line break, taking the '\n' of a "\r\n" with it. */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') read();
        line++;
    }

    private int read() throws IOException {
        if (pos == len) {
            flushText(len);
            len = in.read(buf, 0, buf.length);
            pos = 0;
            textFrom = 0;
            if (len <= 0) {
                len = 0;
                return EOF;
            }
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c != EOF) pos--;
        return c;
    }

    private void flushText(int upTo) {
        int room = Limits.MAX_RECORD_CHARS + Limits.RAW_PREFIX - text.length();
        if (upTo > textFrom && room > 0) text.append(buf, textFrom, Math.min(upTo - textFrom, room));
        textFrom = upTo;
    }

    private void skipByteOrderMark() throws IOException {
        started = true;
        if (peek() == '\uFEFF') read();
    }

    private static String stripLineEnd(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) end--;
        return s.subSequence(0, end).toString();
    }

    private static String quoted(int c) {
        return Character.isISOControl(c) ? String.format("character U+%04X", c) : "character '" + (char) c + "'";
    }
}
