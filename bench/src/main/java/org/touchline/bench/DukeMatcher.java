package org.touchline.bench;

import no.priv.garshol.duke.Cleaner;
import no.priv.garshol.duke.Comparator;
import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.DataSource;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.cleaners.DigitsOnlyCleaner;
import no.priv.garshol.duke.cleaners.LowerCaseNormalizeCleaner;
import no.priv.garshol.duke.comparators.DiceCoefficientComparator;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.JaroWinkler;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.comparators.NumericComparator;
import no.priv.garshol.duke.comparators.QGramComparator;
import no.priv.garshol.duke.databases.LuceneDatabase;
import no.priv.garshol.duke.datasources.InMemoryDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;
import org.touchline.identity.match.CandidatePairs;
import org.touchline.identity.match.MatchRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Duke 1.2 (Garshol's Lucene-based record linker) set up for FEBRL person records, product catalogues or
 * bibliographic records the way its documentation sets up a data set (XMLConfig, HowItWorks): each field gets a cleaner, a comparator and two probabilities, {@code low}
 * when the values differ and {@code high} when they are equal, combined by Bayes; a pair whose combined probability
 * exceeds the threshold is a match. Candidates come from Duke's default database, a Lucene index in memory, searched
 * on the fields Duke picks as lookup fields. Deduplication mode for one file; record linkage mode (each record of the
 * second file takes its single best match in the first) for two. The probabilities below were written down once from
 * what each field says about a person, before any run, and are not tuned to any file.
 */
final class DukeMatcher {
    /** Same number as the project's person link threshold, both being probabilities of "same person". */
    static final double THRESHOLD = 0.9;
    private static final String ID = "ID";

    /** One field: its comparator, the probabilities for differing and equal values, its cleaner. */
    record Field(String column, Comparator comparator, double low, double high, Cleaner cleaner) {}

    private static final Cleaner TEXT = new LowerCaseNormalizeCleaner();
    private static final Cleaner DIGITS = new DigitsOnlyCleaner();
    static final List<Field> FEBRL = List.of(
            new Field("given_name", new JaroWinkler(), 0.35, 0.85, TEXT),
            new Field("surname", new JaroWinkler(), 0.3, 0.9, TEXT),
            new Field("street_number", new NumericComparator(), 0.4, 0.7, DIGITS),
            new Field("address_1", new Levenshtein(), 0.3, 0.8, TEXT),
            new Field("address_2", new Levenshtein(), 0.45, 0.6, TEXT),
            new Field("suburb", new Levenshtein(), 0.4, 0.7, TEXT),
            new Field("postcode", new Levenshtein(), 0.4, 0.75, TEXT),
            new Field("state", new ExactComparator(), 0.45, 0.55, TEXT),
            new Field("date_of_birth", new Levenshtein(), 0.3, 0.9, DIGITS),
            new Field("soc_sec_id", new Levenshtein(), 0.3, 0.95, DIGITS));

    /** Prices as numbers: "$1,299.00" becomes "1299.00" for Duke's numeric comparator. */
    private static final Cleaner PRICE = value -> {
        String digits = value.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? null : digits;
    };
    /**
     * Product catalogues (name, description, price), from Duke's own advice for multi-word values: a token-set
     * comparator (Dice coefficient) for the name and description, the numeric comparator for the price.
     */
    static final List<Field> PRODUCTS = List.of(
            new Field("name", new DiceCoefficientComparator(), 0.3, 0.9, TEXT),
            new Field("description", new DiceCoefficientComparator(), 0.45, 0.6, TEXT),
            new Field("price", new NumericComparator(), 0.4, 0.6, PRICE));
    /** Bibliographic records (title, authors, venue, year). */
    static final List<Field> BIBLIOGRAPHIC = List.of(
            new Field("title", new QGramComparator(), 0.2, 0.95, TEXT),
            new Field("authors", new DiceCoefficientComparator(), 0.3, 0.8, TEXT),
            new Field("venue", new DiceCoefficientComparator(), 0.45, 0.6, TEXT),
            new Field("year", new ExactComparator(), 0.4, 0.6, DIGITS));

    private final int threads;
    private final List<Field> fields;
    private final double threshold;

    DukeMatcher(int threads) {
        this(threads, FEBRL, THRESHOLD);
    }

    /** Duke with these fields, linking at this probability. */
    DukeMatcher(int threads, List<Field> fields, double threshold) {
        this.threads = threads;
        this.fields = List.copyOf(fields);
        this.threshold = threshold;
    }

    /** What Duke linked, as packed record-index pairs, and how long it took (cleaning, indexing and matching). */
    record Result(Set<Long> links, long millis) {}

    /**
     * Matches the records: deduplicates one source, or with {@code link} links source 1 to source 0 (record linkage
     * mode, best match only).
     */
    Result run(List<MatchRecord> records, boolean link) {
        long started = System.nanoTime();
        ConfigurationImpl config = configuration();
        Set<Long> links = new HashSet<>();
        Processor processor = new Processor(config, true);
        processor.setThreads(threads);
        processor.addMatchListener(new AbstractMatchListener() {
            @Override
            public void matches(Record a, Record b, double confidence) {
                int x = Integer.parseInt(a.getValue(ID)), y = Integer.parseInt(b.getValue(ID));
                synchronized (links) {
                    links.add(CandidatePairs.pack(x, y));
                }
            }
        });
        List<Record> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) (link && records.get(i).source() == 1 ? second : first).add(record(i, records.get(i)));
        if (link) {
            processor.link(List.<DataSource>of(new InMemoryDataSource(first)), List.<DataSource>of(new InMemoryDataSource(second)),
                    false, 40_000);
        } else {
            processor.deduplicate(first);
        }
        processor.close();
        return new Result(links, (System.nanoTime() - started) / 1_000_000);
    }

    private ConfigurationImpl configuration() {
        ConfigurationImpl config = new ConfigurationImpl();
        List<Property> properties = new ArrayList<>();
        properties.add(new PropertyImpl(ID)); // the identity property: Duke never matches a record with itself
        for (Field f : fields) properties.add(new PropertyImpl(f.column(), f.comparator(), f.low(), f.high()));
        config.setProperties(properties);
        config.setThreshold(threshold);
        config.setDatabase(new LuceneDatabase()); // no path: the index lives in memory
        return config;
    }

    /** A Duke record: the record's index as its id, each field cleaned as a Duke data source column would clean it. */
    private Record record(int index, MatchRecord r) {
        Map<String, Collection<String>> values = new HashMap<>();
        values.put(ID, List.of(String.valueOf(index)));
        for (Field f : fields) {
            String raw = r.value(f.column());
            String clean = raw == null ? null : f.cleaner().clean(raw);
            if (clean != null && !clean.isEmpty()) values.put(f.column(), List.of(clean));
        }
        return new RecordImpl(values);
    }
}
