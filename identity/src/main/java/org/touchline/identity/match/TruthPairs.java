package org.touchline.identity.match;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The true pairs of an evaluation: a CSV with a header whose first two columns are record ids. */
public final class TruthPairs {
    private TruthPairs() {}

    public record IdPair(String first, String second) {}

    public static List<IdPair> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<IdPair> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                if (r.size() < 2) continue;
                out.add(new IdPair(r.get(0).strip(), r.get(1).strip()));
            }
        }
        return out;
    }
}
