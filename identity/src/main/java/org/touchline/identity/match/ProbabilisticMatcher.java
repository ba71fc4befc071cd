package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    private final Set<Integer> nameFields = new TreeSet<>(), placeFields = new TreeSet<>();

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
        return compare(records, link, progress).match(List.of(), progress);
    }

    /** The same, learning from reviewers' answers ({@link Compared#match}). */
    public MatchRun run(List<MatchRecord> records, boolean link, List<ReviewedPair> reviewed, Progress progress) {
        return compare(records, link, progress).match(reviewed, progress);
    }

    /**
     * The work of a run that answers do not change: blocking, each record's values normalised once, the comparison
     * levels of every candidate pair, u from random pairs and the term frequencies. {@link Compared#match} then fits and
     * scores, as often as answers come in (active learning asks, refits, asks again) without comparing anything twice.
     */
    public Compared compare(List<MatchRecord> records, boolean link, Progress progress) {
        long started = System.nanoTime();
        CandidatePairs candidates = blocking.candidates(records, link, progress);
        progress.update("normalising values", 0, 0);
        List<Comparison> fitted = fitted(this.comparisons, records);
        NormalisedValues values = NormalisedValues.of(fitted, records);
        byte[] levels = levels(values, candidates, progress);
        double[][] u = RandomPairs.estimateU(fitted, records, values, link, randomPairs, seed, progress);
        return new Compared(List.copyOf(records), link, candidates, fitted, values, levels, u, termFrequencies(values),
                System.nanoTime() - started);
    }

    /** The candidate pairs of a run, compared; see {@link ProbabilisticMatcher#compare}. */
    public final class Compared {
        private final List<MatchRecord> records;
        private final boolean link;
        private final CandidatePairs candidates;
        private final List<Comparison> comparisons;
        private final NormalisedValues values;
        private final byte[] levels;
        private final double[][] u;
        private final Map<Integer, TermFrequencies> tf;
        private final long comparingNanos;
        private final Map<String, Integer> first = new HashMap<>(), second = new HashMap<>();
        /**
         * The last fit's m and λ with the candidates' own u (EM's): the second member of the sampling committee, kept
         * with the run {@link #match} returned last (a labelling session is one thread asking, refitting, asking).
         */
        private MatchModel candidateModel;
        private MatchRun lastRun;

        private Compared(List<MatchRecord> records, boolean link, CandidatePairs candidates, List<Comparison> comparisons,
                         NormalisedValues values, byte[] levels, double[][] u, Map<Integer, TermFrequencies> tf,
                         long comparingNanos) {
            this.records = records;
            this.link = link;
            this.candidates = candidates;
            this.comparisons = comparisons;
            this.values = values;
            this.levels = levels;
            this.u = u;
            this.tf = tf;
            this.comparingNanos = comparingNanos;
            for (int i = 0; i < records.size(); i++) (link && records.get(i).source() == 1 ? second : first).put(records.get(i).id(), i);
        }

        public List<MatchRecord> records() { return records; }

        /** The match probability from which a pair is linked. */
        public double linkThreshold() { return thresholds.upper(); }

        public CandidatePairs candidates() { return candidates; }

        /** The comparisons as fitted to these records' columns. */
        public List<Comparison> comparisons() { return comparisons; }

        /**
         * Fits the model and decides every candidate. Without answers: m and λ by EM, no labels. With reviewers'
         * answers: EM with the answered pairs' status fixed ({@link ExpectationMaximisation}), the answers'
         * correction of the patterns they fall in ({@link ReviewedPatterns}), and each answered pair decided as its
         * reviewer said (an accepted pair is linked even when blocking did not propose it; a rejected one never is).
         * An answer naming an id not in the records is an error.
         */
        public MatchRun match(List<ReviewedPair> reviewed, Progress progress) {
            long started = System.nanoTime();
            int k = comparisons.size();
            Map<Long, Boolean> answers = answers(reviewed);
            progress.update("expectation maximisation", 0, 0);
            ExpectationMaximisation.Fit fit;
            ReviewedPatterns patterns = new ReviewedPatterns();
            if (answers.isEmpty()) {
                fit = em.fit(comparisons, LevelPatterns.of(levels, k), u, initialLambda(records, link, candidates));
            } else {
                List<int[]> matches = new ArrayList<>(), nonMatches = new ArrayList<>();
                for (Map.Entry<Long, Boolean> a : answers.entrySet()) {
                    int[] g = levelsOf((int) (a.getKey() >>> 32), (int) (long) a.getKey());
                    (a.getValue() ? matches : nonMatches).add(g);
                    patterns.add(ReviewedPatterns.key(g), a.getValue());
                }
                byte[] unanswered = new byte[levels.length];
                int n = 0;
                for (int i = 0; i < candidates.size(); i++) {
                    if (answers.containsKey(candidates.packed()[i])) continue;
                    System.arraycopy(levels, i * k, unanswered, n * k, k);
                    n++;
                }
                fit = em.fit(comparisons, LevelPatterns.of(Arrays.copyOf(unanswered, n * k), k), u,
                        initialLambda(records, link, candidates), LevelPatterns.of(matches), LevelPatterns.of(nonMatches),
                        ANSWER_WEIGHT);
            }
            // EM needs u free to split the candidates (among them non-matches agree on the blocking keys far more often
            // than random pairs do); the weights use the random-pair u, the rate at which different people agree.
            MatchModel model = new MatchModel(comparisons, fit.model().m(), u, fit.model().lambda(), tf);
            candidateModel = new MatchModel(comparisons, fit.model().m(), fit.model().u(), fit.model().lambda(), tf);

            List<ScoredPair> links = new ArrayList<>();
            List<ScoredPair> reviews = new ArrayList<>();
            score(records, values, candidates, levels, model, patterns, answers, links, reviews, progress);
            for (Map.Entry<Long, Boolean> a : answers.entrySet()) {
                int left = (int) (a.getKey() >>> 32), right = (int) (long) a.getKey();
                if (a.getValue() && !candidates.contains(left, right))
                    links.add(new ScoredPair(left, right, answered(model.score(levelsOf(left, right), records.get(left)), true),
                            Decision.LINK));
            }
            if (link && oneToOne) links = oneToOne(links, reviews);

            ConnectedComponents components = new ConnectedComponents(records.size());
            for (ScoredPair p : links) components.union(p.left(), p.right());
            lastRun = new MatchRun(records, link, candidates, model, fit.iterations(), links, reviews, components.labels(),
                    (comparingNanos + System.nanoTime() - started) / 1_000_000);
            return lastRun;
        }

        /**
         * The match probability of every candidate for choosing which pairs to ask about next: the mean of two models'
         * (a committee of two, as in query by committee, Seung, Opper and Sompolinsky 1992), each corrected by the
         * answers given: the run's model, whose u comes from random pairs, and the same m and λ with the u EM found
         * among the candidates. Comparisons of one column are not independent, so the first is sure of itself far too
         * often on text (p = 1.0000 for pairs that share a brand and a product line); where the two disagree, an
         * answer teaches the most.
         */
        public double[] probabilities(MatchRun run, List<ReviewedPair> reviewed) {
            if (run != lastRun) throw new IllegalArgumentException("probabilities are of the run match() returned last");
            int k = comparisons.size();
            ReviewedPatterns patterns = new ReviewedPatterns();
            Map<Long, Boolean> answers = answers(reviewed);
            for (Map.Entry<Long, Boolean> a : answers.entrySet())
                patterns.add(ReviewedPatterns.key(levelsOf((int) (a.getKey() >>> 32), (int) (long) a.getKey())), a.getValue());
            double[] out = new double[candidates.size()];
            for (int i = 0; i < out.length; i++) {
                long key = ReviewedPatterns.key(levels, i * k, k);
                double w = run.model().weight(levels, i * k, values, candidates.left(i));
                double wc = candidateModel.weight(levels, i * k, values, candidates.left(i));
                out[i] = (MatchScore.probability(w + patterns.adjustment(key, w))
                        + MatchScore.probability(wc + patterns.adjustment(key, wc))) / 2;
            }
            return out;
        }

        /** The comparison pattern of candidate {@code i}, packed ({@link ReviewedPatterns#key}). */
        public long pattern(int i) {
            return ReviewedPatterns.key(levels, i * comparisons.size(), comparisons.size());
        }

        /** The levels of any two records, candidates or not. */
        int[] levelsOf(int a, int b) {
            int[] g = new int[comparisons.size()];
            for (int c = 0; c < g.length; c++) g[c] = values.level(c, a, b);
            return g;
        }

        /** Answers by packed record-index pair; ids are looked up in the source each belongs to, either order. */
        private Map<Long, Boolean> answers(List<ReviewedPair> reviewed) {
            Map<Long, Boolean> out = new LinkedHashMap<>();
            Map<String, Integer> other = link ? second : first;
            for (ReviewedPair r : reviewed) {
                Integer a = first.get(r.firstId()), b = other.get(r.secondId());
                if (a == null || b == null) {
                    a = other.get(r.firstId());
                    b = first.get(r.secondId());
                }
                if (a == null || b == null || a.equals(b))
                    throw new IllegalArgumentException("reviewed pair " + r.firstId() + " / " + r.secondId()
                            + ": " + (a != null && a.equals(b) ? "a record with itself" : "no such pair of records"
                            + (link ? " across the two sources" : "")));
                out.put(CandidatePairs.pack(a, b), r.match());
            }
            return out;
        }
    }

    /**
     * How much one answer counts in EM, in candidate pairs: a reviewer's answer is certain where EM's posterior is a
     * guess, and a few dozen answers must be able to move m among thousands of candidates.
     */
    static final double ANSWER_WEIGHT = 10;

    /** A score whose weight a reviewer's answer decides: certain, and marked so by its probability. */
    private static MatchScore answered(MatchScore s, boolean match) {
        double w = match ? ANSWERED_BITS : -ANSWERED_BITS;
        return new MatchScore(w, MatchScore.probability(w), s.priorWeight(), s.levels(), s.contributions());
    }

    /** The weight of a pair a reviewer answered: far past any threshold. */
    private static final double ANSWERED_BITS = 60;

    /** The comparisons, those that weigh by the column's corpus ({@link CorpusComparison}) fitted to these records. */
    static List<Comparison> fitted(List<Comparison> comparisons, List<MatchRecord> records) {
        List<Comparison> out = new ArrayList<>(comparisons.size());
        for (Comparison c : comparisons) {
            if (c instanceof CorpusComparison cc) {
                List<String> values = new ArrayList<>(records.size());
                for (MatchRecord r : records) values.add(c.normalise(r.value(c.column())));
                out.add(cc.fitted(values));
            } else {
                out.add(c);
            }
        }
        return List.copyOf(out);
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
                       MatchModel model, ReviewedPatterns patterns, Map<Long, Boolean> answers, List<ScoredPair> links,
                       List<ScoredPair> reviews, Progress progress) {
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
                Boolean answer = answers.isEmpty() ? null : answers.get(candidates.packed()[i]);
                if (Boolean.FALSE.equals(answer)) continue;
                double w = model.weight(levels, i * k, values, a);
                double adjustment = patterns.isEmpty() ? 0 : patterns.adjustment(ReviewedPatterns.key(levels, i * k, k), w);
                Decision d = answer != null ? Decision.LINK : thresholds.route(MatchScore.probability(w + adjustment));
                if (d == Decision.NO_LINK) continue;
                int[] g = new int[k];
                for (int c = 0; c < k; c++) g[c] = levels[i * k + c];
                MatchScore score = model.score(g, records.get(a));
                if (answer != null) {
                    score = answered(score, true);
                } else if (adjustment != 0) {
                    // The answers on this pattern move the weight; the contributions stay the model's evidence.
                    score = new MatchScore(score.weight() + adjustment, MatchScore.probability(score.weight() + adjustment),
                            score.priorWeight(), score.levels(), score.contributions());
                }
                d = answer != null ? Decision.LINK : route(score);
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
        Set<Integer> taken = new HashSet<>();
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
