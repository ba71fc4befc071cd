package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return new ProbabilisticMatcher(config.comparisons(), tf, config.blockingRules(), config.decisionThresholds(),
                config.randomPairs(), config.seed(), new ExpectationMaximisation(config.maxIterations(), 1e-6), config.linksOneToOne());
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
        byte[] levels = levels(records, candidates, progress);

        double[][] u = RandomPairs.estimateU(comparisons, records, link, randomPairs, seed, progress);
        progress.update("expectation maximisation", 0, 0);
        LevelPatterns patterns = LevelPatterns.of(levels, comparisons.size());
        ExpectationMaximisation.Fit fit = em.fit(comparisons, patterns, u, initialLambda(records, link, candidates));
        // EM needs u free to split the candidates (among them non-matches agree on the blocking keys far more often
        // than random pairs do); the weights use the random-pair u, the rate at which different people agree.
        MatchModel model = new MatchModel(comparisons, fit.model().m(), u, fit.model().lambda(),
                termFrequencies(records));

        List<ScoredPair> links = new ArrayList<>();
        List<ScoredPair> reviews = new ArrayList<>();
        int k = comparisons.size();
        for (int i = 0; i < candidates.size(); i++) {
            if ((i & 0xffff) == 0) progress.update("scoring", i, candidates.size());
            int[] g = new int[k];
            for (int c = 0; c < k; c++) g[c] = levels[i * k + c];
            int a = candidates.left(i), b = candidates.right(i);
            MatchScore score = model.score(g, records.get(a));
            Decision d = thresholds.route(score.probability());
            if (d == Decision.LINK) links.add(new ScoredPair(a, b, score, d));
            else if (d == Decision.REVIEW) reviews.add(new ScoredPair(a, b, score, d));
        }
        progress.update("scoring", candidates.size(), candidates.size());
        if (link && oneToOne) links = oneToOne(links, reviews);

        ConnectedComponents components = new ConnectedComponents(records.size());
        for (ScoredPair p : links) components.union(p.left(), p.right());
        return new MatchRun(records, link, candidates, model, fit.iterations(), links, reviews, components.labels(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Comparison levels of every candidate pair, k bytes per pair, computed on all cores. */
    private byte[] levels(List<MatchRecord> records, CandidatePairs candidates, Progress progress) {
        int k = comparisons.size();
        int n = candidates.size();
        byte[] out = new byte[Math.multiplyExact(n, k)];
        int chunk = 8192;
        int chunks = (n + chunk - 1) / chunk;
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int end = Math.min(n, (ch + 1) * chunk);
            for (int i = ch * chunk; i < end; i++) {
                MatchRecord a = records.get(candidates.left(i)), b = records.get(candidates.right(i));
                for (int c = 0; c < k; c++) {
                    Comparison cmp = comparisons.get(c);
                    out[i * k + c] = (byte) cmp.level(a.value(cmp.column()), b.value(cmp.column()));
                }
            }
            progress.update("comparing candidate pairs", done.addAndGet(end - ch * chunk), n);
        });
        return out;
    }

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

    private Map<Integer, TermFrequencies> termFrequencies(List<MatchRecord> records) {
        Map<Integer, TermFrequencies> tf = new HashMap<>();
        for (int c = 0; c < comparisons.size(); c++) {
            if (termFrequency.get(c)) tf.put(c, TermFrequencies.count(comparisons.get(c), records));
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
