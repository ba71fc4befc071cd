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
import java.util.Locale;
import java.util.Set;

/**
 * A person's answer about one pair of records: the same entity ({@code match}) or not. Reviewers' accept and reject
 * decisions on the review queue, or the simulated reviewer of {@code evaluate --labels}.
 */
public record ReviewedPair(String firstId, String secondId, boolean match) {
    private static final Set<String> YES = Set.of("accept", "accepted", "match", "yes", "y", "true", "1", "same");
    private static final Set<String> NO = Set.of("reject", "rejected", "non-match", "nonmatch", "no-match", "no", "n",
            "false", "0", "different");

    public ReviewedPair {
        if (firstId == null || firstId.isBlank() || secondId == null || secondId.isBlank())
            throw new IllegalArgumentException("a reviewed pair needs two record ids");
    }

    /**
     * Reads answers from a CSV with a header: first record id, second record id, decision ({@code accept} or
     * {@code reject}; also match/non-match, yes/no, true/false, 1/0). Rows with no decision yet (a review queue written
     * out and partly answered) are skipped; a decision that is none of these is an error naming its line.
     */
    public static List<ReviewedPair> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<ReviewedPair> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(in, format)) {
            for (CSVRecord r : parser) {
                if (r.size() < 3 || r.get(2).isBlank()) continue;
                String decision = r.get(2).strip().toLowerCase(Locale.ROOT);
                boolean match;
                if (YES.contains(decision)) match = true;
                else if (NO.contains(decision)) match = false;
                else throw new IOException(file + " line " + parser.getCurrentLineNumber() + ": decision '" + r.get(2)
                            + "' is neither accept nor reject");
                if (r.get(0).isBlank() || r.get(1).isBlank())
                    throw new IOException(file + " line " + parser.getCurrentLineNumber() + ": a reviewed pair needs two record ids");
                out.add(new ReviewedPair(r.get(0).strip(), r.get(1).strip(), match));
            }
        }
        return out;
    }
}
