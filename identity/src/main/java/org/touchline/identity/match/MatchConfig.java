package org.touchline.identity.match;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The declarative matching set-up of one kind of data set, read from YAML: the id column, which columns are which
 * field kinds, the blocking rules, the two thresholds and the training settings; when two sources name or encode
 * their columns differently, each source's id column, encoding and the columns each compared field is read from.
 * See examples/identity/.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record MatchConfig(String name, String id, String encoding, List<Source> sources, List<Field> fields,
                          BlockingSpec blocking, ThresholdSpec thresholds, Training training, Boolean oneToOne) {

    /**
     * How one source (the first file, or the second when linking) is read: its id column and encoding (each defaulting
     * to the config's), and for a compared field named differently in this source, the column or columns it is read
     * from ({@code name: title}; a list is joined with spaces: {@code name: [manufacturer, name]}). Fields not mapped
     * are read from the column of the same name.
     */
    public record Source(String name, String id, String encoding, Map<String, List<String>> columns) {
        public Source {
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            for (Map.Entry<String, List<String>> e : columns.entrySet())
                if (e.getValue() == null || e.getValue().isEmpty())
                    throw new IllegalArgumentException("source '" + name + "': field '" + e.getKey() + "' maps to no column");
        }
    }

    /**
     * A compared column: its kind, whether exact agreement is adjusted for how common the value is, and optionally its
     * role: {@code name} (a person's name) or {@code place} (where they live). With roles given, a pair whose names
     * disagree is judged without the place it shares: housemates share an address, not an identity.
     */
    public record Field(String column, String kind, Boolean termFrequency, String role) {
        public Field {
            if (role != null && !role.equals("name") && !role.equals("place"))
                throw new IllegalArgumentException("field '" + column + "': role must be 'name' or 'place', not '" + role + "'");
        }

        public Comparison comparison() { return FieldKind.parse(kind).comparison(column); }

        public boolean adjustsTermFrequency() { return Boolean.TRUE.equals(termFrequency); }
    }

    /**
     * Blocking rules as text ({@code soundex(surname) + year(date_of_birth)}), the block size cap and the pair budget
     * per record of each rule (see {@link Blocking}).
     */
    public record BlockingSpec(List<String> rules, Integer maxBlockSize, Integer maxPairsPerRecord) {}

    public record ThresholdSpec(Double upper, Double lower) {}

    /** Random pairs for u, EM iterations, the seed. */
    public record Training(Integer randomPairs, Integer maxIterations, Long seed) {}

    public MatchConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (sources.size() > 2) throw new IllegalArgumentException("config has " + sources.size() + " sources; matching reads one or two");
        boolean idEverywhere = !sources.isEmpty() && sources.stream().allMatch(s -> s.id() != null && !s.id().isBlank());
        if ((id == null || id.isBlank()) && !idEverywhere)
            throw new IllegalArgumentException("config needs 'id': the record id column (or an 'id' in every source)");
        if (fields == null || fields.isEmpty()) throw new IllegalArgumentException("config needs 'fields'");
        if (blocking == null || blocking.rules() == null || blocking.rules().isEmpty())
            throw new IllegalArgumentException("config needs 'blocking.rules'");
        fields = List.copyOf(fields);
        if (thresholds == null) thresholds = new ThresholdSpec(null, null);
        if (training == null) training = new Training(null, null, null);
    }

    public static MatchConfig read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    public static MatchConfig read(InputStream in) throws IOException {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .readValue(in, MatchConfig.class);
    }

    /** How source {@code index} (0 the first file, 1 the second) is read: its own settings, or the config's. */
    public Source source(int index) {
        Source s = index < sources.size() ? sources.get(index) : new Source(null, null, null, null);
        return new Source(s.name() == null ? "source " + (index + 1) : s.name(), s.id() == null ? id : s.id(),
                s.encoding() == null ? encoding : s.encoding(), s.columns());
    }

    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        for (Field f : fields) out.add(f.comparison());
        return out;
    }

    public Blocking blockingRules() {
        List<BlockingRule> rules = new ArrayList<>();
        for (String r : blocking.rules()) rules.add(BlockingRule.parse(r));
        return new Blocking(rules, blocking.maxBlockSize() == null ? 500 : blocking.maxBlockSize(),
                blocking.maxPairsPerRecord() == null ? Blocking.DEFAULT_MAX_PAIRS_PER_RECORD : blocking.maxPairsPerRecord());
    }

    /** Defaults: link at probability 0.9, review from 0.5. */
    public Thresholds decisionThresholds() {
        return new Thresholds(thresholds.upper() == null ? 0.9 : thresholds.upper(),
                thresholds.lower() == null ? 0.5 : thresholds.lower());
    }

    public int randomPairs() { return training.randomPairs() == null ? 300_000 : training.randomPairs(); }

    public int maxIterations() { return training.maxIterations() == null ? 100 : training.maxIterations(); }

    public long seed() { return training.seed() == null ? 1969L : training.seed(); }

    /** When linking two sources: each source holds an entity at most once, so a record links to at most one other. */
    public boolean linksOneToOne() { return Boolean.TRUE.equals(oneToOne); }
}
