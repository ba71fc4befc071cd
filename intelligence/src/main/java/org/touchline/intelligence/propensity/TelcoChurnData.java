package org.touchline.intelligence.propensity;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads IBM's Telco Customer Churn file into examples and applies its fixed split (test: the first 8 hex digits of
 * md5(customerID), as an integer, mod 5 == 0).
 *
 * <p>{@code TotalCharges} is blank for 11 customers, all with {@code tenure} 0: they have not been billed yet, so
 * their total is read as 0. A blank total with a tenure above 0 would be a real gap and is left missing (the
 * encoding then uses the training mean and a missing indicator). The file has no dates: every row is one undated
 * snapshot, given {@code asOf} = {@link #SNAPSHOT}, and a time split is not possible on it.
 */
public final class TelcoChurnData {
    public static final Instant SNAPSHOT = Instant.EPOCH;
    private static final List<String> NUMERIC = List.of("SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges");
    private static final List<String> CATEGORICAL = List.of("gender", "Partner", "Dependents", "PhoneService",
            "MultipleLines", "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport",
            "StreamingTV", "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod");

    private TelcoChurnData() {
    }

    /** Every {@code *.csv} in {@code <dataRoot>/telco_churn}, in file-name order. */
    public static List<Example> read(Path dataRoot) throws IOException {
        Path folder = dataRoot.resolve("telco_churn");
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder + ": no .csv file");
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            examples.addAll(readFile(file));
        }
        return examples;
    }

    static List<Example> readFile(Path file) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Example> examples = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (String column : concat(List.of("customerID", "Churn"), NUMERIC, CATEGORICAL)) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IllegalArgumentException(file + ": no column " + column);
                }
            }
            for (CSVRecord row : parser) {
                examples.add(example(file, row));
            }
        }
        return examples;
    }

    private static Example example(Path file, CSVRecord row) {
        String where = file.getFileName() + " line " + (row.getRecordNumber() + 1);
        String id = row.get("customerID").trim();
        if (id.isEmpty()) {
            throw new IllegalArgumentException(where + ": customerID is blank");
        }
        Map<String, Double> numeric = new HashMap<>();
        for (String column : NUMERIC) {
            String text = row.get(column).trim();
            if (text.isEmpty()) {
                if (!column.equals("TotalCharges")) {
                    throw new IllegalArgumentException(where + " (" + id + "): " + column + " is blank");
                }
                continue;
            }
            try {
                numeric.put(column, Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + " (" + id + "): " + column + " '" + text + "' is not a number");
            }
        }
        if (!numeric.containsKey("TotalCharges") && numeric.get("tenure") == 0) {
            numeric.put("TotalCharges", 0.0); // not billed yet
        }
        Map<String, String> categorical = new HashMap<>();
        for (String column : CATEGORICAL) {
            String text = row.get(column).trim();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(where + " (" + id + "): " + column + " is blank");
            }
            categorical.put(column, text);
        }
        String churn = row.get("Churn").trim();
        if (!churn.equals("Yes") && !churn.equals("No")) {
            throw new IllegalArgumentException(where + " (" + id + "): Churn '" + churn + "' is neither Yes nor No");
        }
        return new Example(id, id, SNAPSHOT, numeric, categorical, churn.equals("Yes"));
    }

    /** The subscriptions a Telco customer can add to a line, each "Yes" or not. */
    private static final List<String> SERVICES = List.of("PhoneService", "MultipleLines", "OnlineSecurity", "OnlineBackup",
            "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies");

    /**
     * The examples with features a churn analyst would add: {@code log_tenure} (churn falls steeply over the first
     * months, then flattens: a straight line in tenure misses that), {@code services} (how many add-ons the customer
     * holds: each is a tie) and {@code charge_rise} (this month's charge against the average so far: a price rise or a
     * promotion ending). Categorical features are kept as they are.
     */
    public static List<Example> withDerivedFeatures(List<Example> examples) {
        List<Example> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            Map<String, Double> numeric = new HashMap<>(e.numeric());
            double tenure = e.numeric().getOrDefault("tenure", 0.0);
            numeric.put("log_tenure", Math.log1p(tenure));
            numeric.put("services", (double) SERVICES.stream().filter(s -> "Yes".equals(e.categorical().get(s))).count());
            double average = tenure > 0 ? e.numeric().getOrDefault("TotalCharges", 0.0) / tenure : e.numeric().getOrDefault("MonthlyCharges", 0.0);
            numeric.put("charge_rise", e.numeric().getOrDefault("MonthlyCharges", 0.0) - average);
            out.add(new Example(e.id(), e.group(), e.asOf(), numeric, e.categorical(), e.label()));
        }
        return out;
    }

    /** The data set's fixed test rule on a customer id. */
    public static boolean inTestPart(String customerId) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(customerId.getBytes(StandardCharsets.UTF_8));
            long first8Hex = new BigInteger(1, md5).shiftRight(96).longValueExact();
            return first8Hex % 5 == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** The fixed split: test rows by {@link #inTestPart}, the rest for training. */
    public static Split fixedSplit(List<Example> examples) {
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (Example e : examples) {
            (inTestPart(e.id()) ? test : train).add(e);
        }
        return new Split(train, test);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
