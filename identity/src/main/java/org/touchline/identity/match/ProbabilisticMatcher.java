package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Runs a Fellegi-Sunter match end to end, without labels: blocking gives candidate pairs; u comes from random
 * pairs; m and λ from EM over the candidates' comparison vectors (EM starts from the random-pair u and moves it to
 * the candidates' non-matches while it fits, as in Winkler 1988; the final weights use the random-pair u); exact agreements get term-frequency adjusted u;
 * every candidate is scored and routed by the two thresholds; links are clustered into entities by connected
 * components. Deterministic for the same records and config (fixed seed, no wall clock).
 */
public final class ProbabilisticMatcher {
    private final List<Comparison> comparisons;
    private final List<Boolean> termFrequency;
    private final Blocking blocking;
    private final Thresholds thresholds;
    private final int randomPairs;
    private final long seed;
    private final ExpectationMaximisation em;
    private final boolean oneToOne;

    public ProbabilisticMatcher(List<Comparison> comparisons, List<Boolean> termFrequency, Blocking blocking,
                                Thresholds thresholds, int randomPairs, long seed, ExpectationMaximisation em,
                                boolean oneToOne) {
        if (comparisons.size() != termFrequency.size()) throw new IllegalArgumentException("one tf flag per comparison");
        this.comparisons = List.copyOf(comparisons);
        this.termFrequency = List.copyOf(termFrequency);
        this.blocking = blocking;
        this.thresholds = thresholds;
        this.randomPairs = randomPairs;
        this.seed = seed;
        this.em = em;
        this.oneToOne = oneToOne;
    }

    public static ProbabilisticMatcher of(MatchConfig config) {
        List<Boolean> tf = config.fields().stream().map(MatchConfig.Field::adjustsTermFrequency).toList();
        ProbabilisticMatcher m = new ProbabilisticMatcher(config.comparisons(), tf, config.blockingRules(), config.decisionThresholds(),
                config.randomPairs(), config.seed(), new ExpectationMaximisation(config.maxIterations(), 1e-6), config.linksOneToOne());
        for (int c = 0; c < config.fields().size(); c++) {
            String role = config.fields().get(c).role();
            if ("name".equals(role)) m.nameFields.add(c);
            if ("place".equals(role)) m.placeFields.add(c);
        }
        return m;
    }

    /** Comparisons of a person's name and of where they live (config roles), for the housemate rule in {@link #route}. */
    private final java.util.Set<Integer> nameFields = new java.util.TreeSet<>(), placeFields = new java.util.TreeSet<>();

    /**
     * The Fellegi-Sunter decision, with one rule the model cannot learn: it takes comparisons as independent, but people
     * who share an address share its postcode, suburb and street too, so housemates score as one person on the place
     * alone. When a name disagrees outright ("else") and nothing personal beyond name and place (a date of birth, an
     * id number: the fields without a role) agrees exactly, the pair is judged without the place comparisons, and it
     * is never linked without a person: review at most. Without roles in the config this is the plain decision.
     */
    private Decision route(MatchScore score) {
        Decision d = thresholds.route(score.probability());
        if (d == Decision.NO_LINK || nameFields.isEmpty()) return d;
        boolean nameDisagrees = false;
        for (int c : nameFields) nameDisagrees |= score.levels()[c] == comparisons.get(c).levelCount() - 1;
        if (!nameDisagrees) return d;
        for (int c = 0; c < comparisons.size(); c++)
            if (!nameFields.contains(c) && !placeFields.contains(c) && score.levels()[c] == Comparison.EXACT) return d;
        double withoutPlace = score.weight();
        for (int c : placeFields) withoutPlace -= score.contributions()[c];
        return thresholds.route(MatchScore.probability(withoutPlace)) == Decision.NO_LINK ? Decision.NO_LINK : Decision.REVIEW;
    }

    public Blocking blocking() { return blocking; }

    public Thresholds thresholds() { return thresholds; }

    /**
     * Matches the records. With {@code link} true the records come from two sources (source 0 and 1) and only pairs
     * across them are considered; otherwise one source is deduplicated.
     */
    public MatchRun run(List<MatchRecord> records, boolean link, Progress progress) {
        long started = System.nanoTime();
        CandidatePairs candidates = blocking.candidates(records, link, progress);
        progress.update("normalising values", 0, 0);
        NormalisedValues values = NormalisedValues.of(comparisons, records);
        byte[] levels = levels(values, candidates, progress);

        double[][] u = RandomPairs.estimateU(comparisons, records, values, link, randomPairs, seed, progress);
        progress.update("expectation maximisation", 0, 0);
        LevelPatterns patterns = LevelPatterns.of(levels, comparisons.size());
        ExpectationMaximisation.Fit fit = em.fit(comparisons, patterns, u, initialLambda(records, link, candidates));
        // EM needs u free to split the candidates (among them non-matches agree on the blocking keys far more often
        // than random pairs do); the weights use the random-pair u, the rate at which different people agree.
        MatchModel model = new MatchModel(comparisons, fit.model().m(), u, fit.model().lambda(),
                termFrequencies(values));

        List<ScoredPair> links = new ArrayList<>();
        List<ScoredPair> reviews = new ArrayList<>();
        score(records, values, candidates, levels, model, links, reviews, progress);
        if (link && oneToOne) links = oneToOne(links, reviews);

        ConnectedComponents components = new ConnectedComponents(records.size());
        for (ScoredPair p : links) components.union(p.left(), p.right());
        return new MatchRun(records, link, candidates, model, fit.iterations(), links, reviews, components.labels(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Comparison levels of every candidate pair, k bytes per pair, computed on all cores from values normalised once.
     */
    private byte[] levels(NormalisedValues values, CandidatePairs candidates, Progress progress) {
        int k = comparisons.size();
        int n = candidates.size();
        byte[] out = new byte[Math.multiplyExact(n, k)];
        AtomicLong done = new AtomicLong();
        IntStream.range(0, chunks(n)).parallel().forEach(ch -> {
            int end = Math.min(n, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                int a = candidates.left(i), b = candidates.right(i);
                for (int c = 0; c < k; c++) out[i * k + c] = (byte) values.level(c, a, b);
            }
            progress.update("comparing candidate pairs", done.addAndGet(end - ch * CHUNK), n);
        });
        return out;
    }

    /**
     * Weighs every candidate on all cores and routes it by the thresholds; only links and reviews get their evidence
     * built. Chunks are joined in order, so the lists come out in candidate order as a single thread would make them.
     */
    private void score(List<MatchRecord> records, NormalisedValues values, CandidatePairs candidates, byte[] levels,
                       MatchModel model, List<ScoredPair> links, List<ScoredPair> reviews, Progress progress) {
        int k = comparisons.size();
        int n = candidates.size();
        int chunks = chunks(n);
        List<List<ScoredPair>> chunkLinks = new ArrayList<>(), chunkReviews = new ArrayList<>();
        for (int ch = 0; ch < chunks; ch++) {
            chunkLinks.add(new ArrayList<>());
            chunkReviews.add(new ArrayList<>());
        }
        AtomicLong done = new AtomicLong();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int end = Math.min(n, (ch + 1) * CHUNK);
            for (int i = ch * CHUNK; i < end; i++) {
                int a = candidates.left(i);
                Decision d = thresholds.route(MatchScore.probability(model.weight(levels, i * k, values, a)));
                if (d == Decision.NO_LINK) continue;
                int[] g = new int[k];
                for (int c = 0; c < k; c++) g[c] = levels[i * k + c];
                MatchScore score = model.score(g, records.get(a));
                d = route(score);
                if (d == Decision.NO_LINK) continue;
                ScoredPair p = new ScoredPair(a, candidates.right(i), score, d);
                (d == Decision.LINK ? chunkLinks : chunkReviews).get(ch).add(p);
            }
            progress.update("scoring", done.addAndGet(end - ch * CHUNK), n);
        });
        chunkLinks.forEach(links::addAll);
        chunkReviews.forEach(reviews::addAll);
    }

    private static final int CHUNK = 8192;

    private static int chunks(int n) { return (n + CHUNK - 1) / CHUNK; }

    /** EM starts from "about one match per record" among the candidates; it moves λ from there. */
    private static double initialLambda(List<MatchRecord> records, boolean link, CandidatePairs candidates) {
        if (candidates.size() == 0) return 0.1;
        long expected;
        if (link) {
            long a = records.stream().filter(r -> r.source() == 0).count();
            expected = Math.min(a, records.size() - a);
        } else {
            expected = records.size() / 2;
        }
        return Math.min(0.5, Math.max(1e-4, expected / (double) candidates.size()));
    }

    private Map<Integer, TermFrequencies> termFrequencies(NormalisedValues values) {
        Map<Integer, TermFrequencies> tf = new HashMap<>();
        for (int c = 0; c < comparisons.size(); c++) {
            if (termFrequency.get(c)) tf.put(c, TermFrequencies.count(values.column(c)));
        }
        return tf;
    }

    /**
     * When both sources hold each entity at most once, a record can link to at most one record of the other source:
     * take links best first and demote a link whose record is already taken to review.
     */
    private static List<ScoredPair> oneToOne(List<ScoredPair> links, List<ScoredPair> reviews) {
        List<ScoredPair> sorted = new ArrayList<>(links);
        sorted.sort(Comparator.comparingDouble((ScoredPair p) -> p.score().weight()).reversed()
                .thenComparingInt(ScoredPair::left).thenComparingInt(ScoredPair::right));
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        List<ScoredPair> kept = new ArrayList<>();
        for (ScoredPair p : sorted) {
            if (taken.contains(p.left()) || taken.contains(p.right())) {
                reviews.add(new ScoredPair(p.left(), p.right(), p.score(), Decision.REVIEW));
                continue;
            }
            taken.add(p.left());
            taken.add(p.right());
            kept.add(p);
        }
        return kept;
    }
}
