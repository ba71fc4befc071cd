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

    public static List<MatchRecord> read(Path file, String idColumn, String encoding, int source) throws IOException {
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
        }
        return out;
    }

    static String decode(byte[] bytes, String encoding) throws CharacterCodingException {
        if (encoding != null && !encoding.equalsIgnoreCase("auto")) return new String(bytes, Charset.forName(encoding));
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
