package org.touchline.intelligence.sentiment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The airline customer-care tweets of the shared evaluation data ({@code twitter_airline_sentiment/tweets_dev.csv}),
 * read with a real CSV parser (texts hold newlines and quotes), and their fixed train/test split. For measuring
 * only: the data's licence is non-commercial, so no model trained on it is kept or shipped.
 */
public final class AirlineTweets {

    /** The file below the shared data folder. */
    public static final String FILE = "twitter_airline_sentiment/tweets_dev.csv";

    /** One tweet and its annotated sentiment. */
    public record Tweet(String id, LabelledText labelled) {

        /**
         * The test part: the first 8 hex digits of SHA-256(tweet id) as a number, mod 5 == 0 (about 20 %).
         * Not MD5: this file already lacks every tweet whose md5 rule gives 0 (held out elsewhere), so that rule
         * would leave the test part empty.
         */
        public boolean inTestPart() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
                String hex = String.format("%064x", new BigInteger(1, digest));
                return Long.parseLong(hex.substring(0, 8), 16) % 5 == 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
    }

    private AirlineTweets() {
    }

    public static List<Tweet> read(Path csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Tweet> tweets = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                tweets.add(tweet(csv, row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return tweets;
    }

    private static Tweet tweet(Path csv, CSVRecord row) {
        String where = csv + " record " + row.getRecordNumber() + " (line " + row.getParser().getCurrentLineNumber()
                + ")";
        if (!row.isConsistent()) {
            throw new IllegalArgumentException(where + ": has " + row.size() + " fields, the header has "
                    + row.getParser().getHeaderNames().size());
        }
        String id = row.get("tweet_id");
        if (id.isBlank()) {
            throw new IllegalArgumentException(where + ", field tweet_id: is empty");
        }
        Polarity label;
        try {
            label = Polarity.parse(row.get("airline_sentiment"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ", field airline_sentiment: " + e.getMessage(), e);
        }
        return new Tweet(id, new LabelledText(row.get("text"), label));
    }
}
