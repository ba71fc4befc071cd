package org.touchline.identity.match;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How fast and how big the online matcher is at scale ({@code touchline identity bench-online}): fills an
 * {@link OnlineMatcher} with N synthetic people ({@link SyntheticPopulation}, default 1,000,000), then times M lookups
 * (default 20,000): half are known people as a new record would show them (a typo in a name, date of birth or
 * postcode, a move, a missing address), half are new people. Reports latency percentiles, lookups per second, the
 * fill time and the heap the index holds (used heap after a full GC, minus the same before filling), and two
 * baselines measured in the same run, so the figures read as ratios on any machine: an exact lookup of a customer
 * by id, and scoring one pair. Also reports whether the answers were right, since a fast wrong matcher is no use.
 * <p>
 * It scores with the default model, not one fitted to the population. The population's few hundred skewed names make
 * namesakes about four times more common than the defaults assume (two random people share a full name about 1 in
 * 12,000 rather than 1 in 50,000; the surnames are the narrow part), so its false links among new people are mostly namesakes in one postcode or with
 * the same birthday: an upper bound for real data, where names vary far more.
 * <p>
 * Run with the heap the goal names, e.g. {@code java -Xmx2g -cp ... org.touchline.identity.match.OnlineMatchBenchmark
 * --people 1000000 --lookups 20000 --seed 1969}.
 */
public final class OnlineMatchBenchmark {
    /** What to run. */
    public record Settings(int people, int lookups, long seed) {
        public static Settings defaults() { return new Settings(1_000_000, 20_000, 1969L); }
    }

    /** Latency percentiles of one kind of lookup, in milliseconds. */
    public record Latency(double p50, double p90, double p99, double max, double mean) {
        static Latency of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            double mean = Arrays.stream(s).average().orElse(0) / 1e6;
            return new Latency(at(s, 0.50), at(s, 0.90), at(s, 0.99), s.length == 0 ? 0 : s[s.length - 1] / 1e6, mean);
        }

        private static double at(long[] sorted, double q) {
            if (sorted.length == 0) return 0;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    /** What a lookup answered, against what it should have. */
    public record Outcomes(int linkedRight, int reviewRight, int wrong, int missed, int newNone, int newReview, int newLink) {}

    public record Report(Settings settings, String modelVersion, double fillSeconds, long indexBytes, int blocks,
                         Latency all, Latency known, Latency unknown, double lookupsPerSecond, double meanCandidates,
                         int maxCandidates, double exactLookupNanos, double scorePairNanos, Outcomes outcomes) {}

    private static final int WARM_UP = 2_000;

    private OnlineMatchBenchmark() {}

    public static void main(String[] args) {
        Settings d = Settings.defaults();
        int people = d.people(), lookups = d.lookups();
        long seed = d.seed();
        for (int i = 0; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            String value = kv.length == 2 ? kv[1] : (i + 1 < args.length ? args[++i] : "");
            switch (kv[0]) {
                case "--people" -> people = Integer.parseInt(value.replace("_", "").replace(",", ""));
                case "--lookups" -> lookups = Integer.parseInt(value.replace("_", "").replace(",", ""));
                case "--seed" -> seed = Long.parseLong(value);
                default -> {
                    System.err.println("usage: OnlineMatchBenchmark [--people N] [--lookups M] [--seed S]");
                    System.exit(2);
                }
            }
        }
        print(run(new Settings(people, lookups, seed), System.err), System.out);
    }

    /** Runs the benchmark; progress lines go to {@code log}. */
    public static Report run(Settings s, PrintStream log) {
        SyntheticPopulation population = new SyntheticPopulation(s.seed(), s.people());
        OnlineMatcher matcher = new OnlineMatcher(PersonMatchModel.defaults());
        long before = usedHeapAfterGc();
        long started = System.nanoTime();
        for (int i = 0; i < s.people(); i++) {
            SyntheticPopulation.Person p = population.person(i);
            matcher.put(p.id(), p.profile());
            if ((i + 1) % 250_000 == 0) log.printf(Locale.ROOT, "filled %,d%n", i + 1);
        }
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        long indexBytes = usedHeapAfterGc() - before;

        // Lookups: even ones a known person as a new record shows them, odd ones a person nobody has seen.
        int total = WARM_UP + s.lookups();
        PersonProfile[] records = new PersonProfile[total];
        String[] expected = new String[total];
        SplittableRandom pick = new SplittableRandom(s.seed() ^ 0x5DEECE66DL);
        for (int q = 0; q < total; q++) {
            if (q % 2 == 0) {
                SyntheticPopulation.Person p = population.person(pick.nextInt(s.people()));
                records[q] = population.variant(q, p.profile());
                expected[q] = p.id();
            } else {
                records[q] = population.newcomer((long) s.people() + q);
            }
        }
        long[] knownNanos = new long[(s.lookups() + 1) / 2], newNanos = new long[s.lookups() / 2], allNanos = new long[s.lookups()];
        int[] candidates = new int[s.lookups()];
        int linkedRight = 0, reviewRight = 0, wrong = 0, missed = 0, newNone = 0, newReview = 0, newLink = 0;
        long loopStarted = 0;
        for (int q = 0; q < total; q++) {
            if (q == WARM_UP) {
                log.println("warmed up; timing " + s.lookups() + " lookups");
                loopStarted = System.nanoTime();
            }
            long t0 = System.nanoTime();
            var best = matcher.best(records[q], c -> true);
            long t = System.nanoTime() - t0;
            if (q < WARM_UP) continue;
            int k = q - WARM_UP;
            allNanos[k] = t;
            candidates[k] = best.map(OnlineMatch::candidatesScored).orElse(0);
            if (expected[q] != null) {
                knownNanos[k / 2] = t;
                if (best.isEmpty()) missed++;
                else if (!best.get().customerId().equals(expected[q])) wrong++;
                else if (best.get().decision() == Decision.LINK) linkedRight++;
                else reviewRight++;
            } else {
                newNanos[k / 2] = t;
                if (best.isEmpty()) newNone++;
                else if (best.get().decision() == Decision.LINK) newLink++;
                else newReview++;
            }
        }
        double loopSeconds = (System.nanoTime() - loopStarted) / 1e9;
        // candidatesScored is only known for answered lookups; count the offered candidates for all of them.
        for (int k = 0; k < s.lookups(); k++) candidates[k] = matcher.candidates(records[WARM_UP + k]).size();

        return new Report(s, matcher.model().version(), fillSeconds, indexBytes, matcher.blocks(),
                Latency.of(allNanos), Latency.of(knownNanos), Latency.of(newNanos), s.lookups() / loopSeconds,
                Arrays.stream(candidates).average().orElse(0), Arrays.stream(candidates).max().orElse(0),
                exactLookupNanos(matcher, population, s), scorePairNanos(matcher.model(), population, records, s),
                new Outcomes(linkedRight, reviewRight, wrong, missed, newNone, newReview, newLink));
    }

    /** Baseline: finding a customer's profile by its exact id, in the same index. */
    private static double exactLookupNanos(OnlineMatcher matcher, SyntheticPopulation population, Settings s) {
        int n = Math.min(s.lookups(), s.people());
        String[] ids = new String[n];
        SplittableRandom r = new SplittableRandom(s.seed());
        for (int i = 0; i < n; i++) ids[i] = population.person(r.nextInt(s.people())).id();
        long sink = 0;
        for (int round = 0; round < 5; round++) for (String id : ids) sink += matcher.profile(id).isPresent() ? 1 : 0;
        long t0 = System.nanoTime();
        for (int round = 0; round < 10; round++) for (String id : ids) sink += matcher.profile(id).isPresent() ? 1 : 0;
        double ns = (System.nanoTime() - t0) / (10.0 * n);
        if (sink == 42) System.out.print(""); // keeps the loop from being optimised away
        return ns;
    }

    /** Baseline: scoring one record against one known profile (what a lookup does once per candidate). */
    private static double scorePairNanos(PersonMatchModel model, SyntheticPopulation population, PersonProfile[] records, Settings s) {
        int n = Math.min(s.lookups(), records.length);
        PersonProfile[] known = new PersonProfile[n];
        SplittableRandom r = new SplittableRandom(s.seed() + 1);
        for (int i = 0; i < n; i++) known[i] = population.person(r.nextInt(s.people())).profile();
        double sink = 0;
        for (int i = 0; i < n; i++) sink += model.score(records[i], known[i]).weight();
        long t0 = System.nanoTime();
        for (int round = 0; round < 3; round++) for (int i = 0; i < n; i++) sink += model.score(records[i], known[i]).weight();
        double ns = (System.nanoTime() - t0) / (3.0 * n);
        if (sink == 42) System.out.print("");
        return ns;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several rounds: one System.gc() may leave garbage that a later one collects; keep the lowest reading.
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** The report as a table. */
    public static void print(Report r, PrintStream out) {
        Settings s = r.settings();
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Online matcher benchmark: seed %d, model %s, java %s, max heap %,d MB, %d cores%n", s.seed(),
                r.modelVersion().substring(0, 12), System.getProperty("java.version"), rt.maxMemory() >> 20, rt.availableProcessors());
        out.printf(Locale.ROOT, "  known customers        %,12d%n", s.people());
        out.printf(Locale.ROOT, "  fill                   %12.1f s  (%,.0f puts/s)%n", r.fillSeconds(), s.people() / r.fillSeconds());
        out.printf(Locale.ROOT, "  index heap             %,12d MB (%,d bytes per customer; %,d blocks)%n", r.indexBytes() >> 20,
                r.indexBytes() / Math.max(1, s.people()), r.blocks());
        out.printf(Locale.ROOT, "  lookups                %,12d  (half known people with typos or moves, half new; after %,d warm-up)%n",
                s.lookups(), WARM_UP);
        out.printf(Locale.ROOT, "  lookups/s              %,12.0f  (one thread)%n", r.lookupsPerSecond());
        out.printf(Locale.ROOT, "  candidates per lookup  %12.1f mean, %,d max%n", r.meanCandidates(), r.maxCandidates());
        out.println();
        out.printf(Locale.ROOT, "  latency (ms)        %8s %8s %8s %8s %8s%n", "p50", "p90", "p99", "max", "mean");
        row(out, "all lookups", r.all());
        row(out, "known, varied", r.known());
        row(out, "new people", r.unknown());
        out.println();
        out.printf(Locale.ROOT, "  baseline                       ns/op   lookup p50 / baseline%n");
        out.printf(Locale.ROOT, "  exact id lookup          %,12.0f   %,10.0fx%n", r.exactLookupNanos(), r.all().p50() * 1e6 / r.exactLookupNanos());
        out.printf(Locale.ROOT, "  score one pair           %,12.0f   %,10.1fx%n", r.scorePairNanos(), r.all().p50() * 1e6 / r.scorePairNanos());
        out.println();
        Outcomes o = r.outcomes();
        int known = o.linkedRight() + o.reviewRight() + o.wrong() + o.missed();
        int unknown = o.newNone() + o.newReview() + o.newLink();
        out.printf(Locale.ROOT, "  known, varied (%,d): linked right %,d (%.1f%%), review right %,d, wrong customer %,d, missed %,d%n",
                known, o.linkedRight(), 100.0 * o.linkedRight() / Math.max(1, known), o.reviewRight(), o.wrong(), o.missed());
        out.printf(Locale.ROOT, "  new people (%,d): no match %,d, review %,d, linked (false) %,d%n",
                unknown, o.newNone(), o.newReview(), o.newLink());
    }

    private static void row(PrintStream out, String label, Latency l) {
        out.printf(Locale.ROOT, "  %-18s %8.3f %8.3f %8.3f %8.3f %8.3f%n", label, l.p50(), l.p90(), l.p99(), l.max(), l.mean());
    }
}
