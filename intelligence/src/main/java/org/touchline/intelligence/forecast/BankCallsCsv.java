package org.touchline.intelligence.forecast;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the shared evaluation file {@code bank_calls/bank_calls.csv} (rownames, DateTime, Calls: calls per five
 * minutes, 07:00 to 21:05 on weekdays of 2003) into a voice {@link ContactSeries}. Weekdays absent from the file are
 * taken as closed days (holidays); the timestamps are marked Z but are the centre's local clock.
 */
public final class BankCallsCsv {

    public static final String FILE = "bank_calls/bank_calls.csv";
    static final LocalTime OPENS = LocalTime.of(7, 0);
    static final LocalTime CLOSES = LocalTime.of(21, 5);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private BankCallsCsv() {
    }

    /** Loads {@value #FILE} under the shared data folder. */
    public static ContactSeries load(Path sharedData) throws IOException {
        Path file = sharedData.resolve(FILE);
        Map<LocalDateTime, Double> calls = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            for (CSVRecord row : parser) {
                calls.put(time(row), count(row));
            }
        }
        if (calls.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        TreeSet<LocalDate> present = new TreeSet<>();
        calls.keySet().forEach(t -> present.add(t.toLocalDate()));
        LocalDate first = present.first();
        LocalDate last = present.last();
        Set<LocalDate> closed = new TreeSet<>();
        BusinessHours weekdays = BusinessHours.weekdays(OPENS, CLOSES, Set.of());
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (weekdays.isOpenOn(d) && !present.contains(d)) {
                closed.add(d);
            }
        }
        BusinessHours hours = BusinessHours.weekdays(OPENS, CLOSES, closed);
        List<Double> counts = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = hours.nextOpenDay(d)) {
            for (LocalDateTime slot : hours.slotStarts(d, FIVE_MINUTES)) {
                Double c = calls.get(slot);
                if (c == null) {
                    throw new IllegalArgumentException(file + ": no row for " + slot + " although " + d + " has rows");
                }
                counts.add(c);
            }
        }
        if (counts.size() != calls.size()) {
            throw new IllegalArgumentException(file + ": " + (calls.size() - counts.size())
                    + " rows fall outside 07:00-21:05 on weekdays or repeat a time");
        }
        return new ContactSeries("voice", FIVE_MINUTES, hours, first,
                counts.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static LocalDateTime time(CSVRecord row) {
        String text = row.get("DateTime");
        try {
            return LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(FILE + " line " + row.getParser().getCurrentLineNumber()
                    + ": DateTime '" + text + "' is not an ISO date-time", e);
        }
    }

    private static double count(CSVRecord row) {
        String text = row.get("Calls");
        try {
            long calls = Long.parseLong(text);
            if (calls < 0) {
                throw new NumberFormatException("negative");
            }
            return calls;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FILE + " line " + row.getParser().getCurrentLineNumber()
                    + ": Calls '" + text + "' is not a whole number >= 0", e);
        }
    }
}
