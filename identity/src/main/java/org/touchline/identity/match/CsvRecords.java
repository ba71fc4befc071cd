package org.touchline.identity.match;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads records to match from a CSV file with a header. Values and header names are trimmed (FEBRL writes
 * ", " between values). The encoding is the config's, or with "auto" UTF-8 when the bytes are valid UTF-8 and
 * ISO-8859-1 otherwise (DBLP2.csv of the Leipzig benchmark is ISO-8859-1 with CRLF line ends).
 */
public final class CsvRecords {
    private CsvRecords() {}

    /**
     * Reads source {@code source} (0 the first file, 1 the second) as the config says: its id column and encoding, and
     * each compared field taken from the column (or the columns, joined with spaces) the source names for it.
     */
    public static List<MatchRecord> read(Path file, MatchConfig config, int source) throws IOException {
        MatchConfig.Source how = config.source(source);
        Table table = table(file, how.id(), how.encoding(), source);
        List<MatchRecord> raw = table.records();
        if (how.columns().isEmpty()) return raw;
        List<String> header = table.header();
        for (Map.Entry<String, List<String>> e : how.columns().entrySet())
            for (String column : e.getValue())
                if (!header.contains(column))
                    throw new IOException(file + ": " + how.name() + " maps field '" + e.getKey() + "' to column '" + column
                            + "', which the file does not have (columns: " + header + ")");
        List<MatchRecord> out = new ArrayList<>(raw.size());
        for (MatchRecord r : raw) {
            Map<String, String> values = new HashMap<>(r.values());
            for (Map.Entry<String, List<String>> e : how.columns().entrySet()) {
                StringBuilder joined = new StringBuilder();
                for (String column : e.getValue()) {
                    String v = r.value(column);
                    if (v != null) joined.append(joined.isEmpty() ? "" : " ").append(v);
                }
                if (joined.isEmpty()) values.remove(e.getKey());
                else values.put(e.getKey(), joined.toString());
            }
            out.add(new MatchRecord(r.id(), r.source(), values));
        }
        return out;
    }

    public static List<MatchRecord> read(Path file, String idColumn, String encoding, int source) throws IOException {
        return table(file, idColumn, encoding, source).records();
    }

    /** A file's header and its records. */
    private record Table(List<String> header, List<MatchRecord> records) {}

    private static Table table(Path file, String idColumn, String encoding, int source) throws IOException {
        String text = decode(Files.readAllBytes(file), encoding);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<MatchRecord> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = new ArrayList<>();
            for (String h : parser.getHeaderNames()) header.add(h.strip().replace("\uFEFF", ""));
            int idIndex = header.indexOf(idColumn);
            if (idIndex < 0) throw new IOException(file + ": no id column '" + idColumn + "' in " + header);
            for (CSVRecord row : parser) {
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < row.size(); i++) {
                    String v = row.get(i).strip();
                    if (!v.isEmpty()) values.put(header.get(i), v);
                }
                String id = values.get(idColumn);
                if (id == null) throw new IOException(file + ": record " + row.getRecordNumber() + " has no id");
                out.add(new MatchRecord(id, source, values));
            }
            return new Table(List.copyOf(header), out);
        }
    }

    static String decode(byte[] bytes, String encoding) throws CharacterCodingException {
        if (encoding != null && !encoding.equalsIgnoreCase("auto")) {
            Charset charset;
            try {
                charset = Charset.forName(encoding.strip());
            } catch (IllegalArgumentException e) {
                throw new CharacterCodingException() {
                    @Override public String getMessage() { return "unknown encoding '" + encoding + "'"; }
                };
            }
            return new String(bytes, charset);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
