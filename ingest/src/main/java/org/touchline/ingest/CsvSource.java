package org.touchline.ingest;

import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a CSV file record by record. With a header line, field references are column names, resolved to column
 * indexes once per file; without one they are 1-based column numbers.
 */
final class CsvSource {
    private CsvSource() {}

    static void read(SourceMapping m, String fileName, Reader in, RecordSink sink) throws IOException {
        CsvTokenizer rows = new CsvTokenizer(in, m.csv().delimiter());
        CSVFormat printer = CSVFormat.DEFAULT.builder().setDelimiter(m.csv().delimiter()).setRecordSeparator("\n").get();
        List<String> header = null;
        if (m.csv().header()) {
            CsvTokenizer.Row h = rows.next();
            if (h == null) return;
            if (h.problem() != null) {
                sink.unreadable(fileName + " line " + h.line(), h.text(), "(csv header)", "the header line " + h.problem() + "; no record of the file was read");
                return;
            }
            header = h.values();
        }
        Layout layout = new Layout(m, header);
        String headerLine = header == null ? null : printer.format(header.toArray());
        for (CsvTokenizer.Row row; (row = rows.next()) != null; ) {
            String ref = fileName + " line " + row.line();
            if (row.problem() != null) {
                sink.unreadable(ref, row.text(), "(csv)", row.problem());
                continue;
            }
            List<String> values = row.values();
            // Re-printed rather than kept as read: the dead letter is then one clean CSV record under its header.
            Supplier<String> raw = () -> headerLine == null ? printer.format(values.toArray()) : headerLine + "\n" + printer.format(values.toArray());
            if (header != null && values.size() != header.size()) {
                sink.unreadable(ref, raw.get(), "(csv)", "has " + values.size() + " columns but the header has " + header.size()
                        + "; a column is missing or a value holds an unquoted delimiter");
                continue;
            }
            sink.record(ref, raw, new Record(layout, values));
        }
    }

    /** The mapping resolved against one file's header: which column each slot reads, and what each other column is called. */
    private static final class Layout {
        final int[] columnOfSlot; // -1: the header has no such column
        final String[] fieldOfSlot;
        final boolean[] mapped;   // by column
        final String[] attributeKey; // by column
        final int width;

        Layout(SourceMapping m, List<String> header) {
            List<String> fields = m.fields();
            fieldOfSlot = fields.toArray(String[]::new);
            columnOfSlot = new int[fields.size()];
            Map<String, Integer> byName = new HashMap<>();
            if (header != null) for (int c = header.size() - 1; c >= 0; c--) byName.put(header.get(c).strip(), c); // first wins
            int maxColumn = header == null ? 0 : header.size();
            for (int s = 0; s < fields.size(); s++) {
                columnOfSlot[s] = header == null ? Integer.parseInt(fields.get(s)) - 1 : byName.getOrDefault(fields.get(s), -1);
                maxColumn = Math.max(maxColumn, columnOfSlot[s] + 1);
            }
            width = Math.max(maxColumn, 1);
            mapped = new boolean[width];
            for (int c : columnOfSlot) if (c >= 0) mapped[c] = true;
            attributeKey = new String[header == null ? 0 : header.size()];
            Set<String> used = new HashSet<>();
            for (int c = 0; c < attributeKey.length; c++) {
                String name = header.get(c).strip();
                attributeKey[c] = name.isEmpty() || !used.add(name) ? "column " + (c + 1) : name;
            }
        }

        boolean isMapped(int column) { return column < mapped.length && mapped[column]; }

        String attributeKey(int column) { return column < attributeKey.length ? attributeKey[column] : "column " + (column + 1); }
    }

    private record Record(Layout layout, List<String> values) implements SourceRecord {
        @Override public List<String> values(int slot) throws FieldException {
            int c = layout.columnOfSlot[slot];
            if (c < 0) throw new FieldException("is not a column in the file's header");
            if (c >= values.size()) return List.of();
            String v = values.get(c);
            return v.isBlank() ? List.of() : List.of(v);
        }

        @Override public Map<String, String> unmapped() {
            Map<String, String> out = new HashMap<>();
            for (int c = 0; c < values.size(); c++) {
                String v = values.get(c);
                if (!v.isBlank() && !layout.isMapped(c)) out.put(layout.attributeKey(c), v);
            }
            return out;
        }
    }
}
