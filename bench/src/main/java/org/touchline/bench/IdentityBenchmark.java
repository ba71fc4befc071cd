package org.touchline.bench;

import org.touchline.domain.PeakHeap;

import org.touchline.demo.SyntheticPeople;
import org.touchline.domain.Progress;
import org.touchline.identity.match.CandidatePairs;
import org.touchline.identity.match.CsvRecords;
import org.touchline.identity.match.Evaluation;
import org.touchline.identity.match.MatchConfig;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.MatchRun;
import org.touchline.identity.match.ProbabilisticMatcher;
import org.touchline.identity.match.ScoredPair;
import org.touchline.identity.match.TruthPairs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The identity-resolution figures docs/benchmarks.md records, in one run:
 * <ol>
 *   <li>the probabilistic matcher (examples/identity/febrl.yaml, deduplicating) on a million synthetic people from
 *   {@link SyntheticPeople}: records per second, time, peak heap, and quality against the generator's truth;</li>
 *   <li>the matcher and Duke ({@link DukeMatcher}) on FEBRL 1 and 2 (deduplicating), 4a with 4b (linking) and the
 *   first 20,000 synthetic people (Duke compares far more pairs: a million is out of its reach here), each scored by
 *   the same pairwise F1 against the true pairs, with their times;</li>
 *   <li>the matcher and Duke on text-heavy records: Abt-Buy (examples/identity/products.yaml) and DBLP-ACM
 *   (dblp-acm.yaml), with F1, time and peak heap of each.</li>
 * </ol>
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -Xmx4g -jar bench/target/identity-benchmark.jar --data ../shared/data
 * </pre>
 * Options: {@code --data DIR} (default ../shared/data), {@code --config YAML} (default examples/identity/febrl.yaml),
 * {@code --records N} (default 1000000), {@code --seed S} (default 1969), {@code --skip-synthetic},
 * {@code --skip-febrl}, {@code --skip-text}, {@code --duke-threads T} (default: the cores), {@code --households SHARE} (share of people
 * living with an earlier one, default 0.15), {@code --duke-synthetic N} (synthetic people both engines match, default
 * 20000, 0 for none), {@code --write DIR} (only write the synthetic
 * people and their true pairs as CSV, {@code DIR/synthetic_people.csv} and {@code DIR/synthetic_people_true_pairs.csv},
 * for {@code touchline identity evaluate}).
 */
public final class IdentityBenchmark {
    private Path data = Path.of("../shared/data");
    private Path config = Path.of("examples/identity/febrl.yaml");
    private int records = 1_000_000;
    private long seed = 1969;
    private boolean synthetic = true, febrl = true, text = true;
    private int dukeThreads = Runtime.getRuntime().availableProcessors();
    private Path write;
    private double households = SyntheticPeople.SHARED_HOUSEHOLDS;
    private int dukeSynthetic = 20_000;

    public static void main(String[] args) throws Exception {
        IdentityBenchmark b = new IdentityBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> b.data = Path.of(args[++i]);
                case "--config" -> b.config = Path.of(args[++i]);
                case "--records" -> b.records = Integer.parseInt(args[++i]);
                case "--seed" -> b.seed = Long.parseLong(args[++i]);
                case "--skip-synthetic" -> b.synthetic = false;
                case "--skip-febrl" -> b.febrl = false;
                case "--skip-text" -> b.text = false;
                case "--duke-threads" -> b.dukeThreads = Integer.parseInt(args[++i]);
                case "--write" -> b.write = Path.of(args[++i]);
                case "--households" -> b.households = Double.parseDouble(args[++i]);
                case "--duke-synthetic" -> b.dukeSynthetic = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        if (write != null) {
            Files.createDirectories(write);
            new SyntheticPeople(seed, households).write(records, write.resolve("synthetic_people.csv"),
                    write.resolve("synthetic_people_true_pairs.csv"));
            System.out.printf(Locale.ROOT, "Wrote %,d synthetic people (seed %d) to %s%n", records, seed, write);
            return;
        }
        MatchConfig cfg = MatchConfig.read(config);
        System.out.printf(Locale.ROOT, "identity benchmark %s: %d cores, max heap %,d MiB, Java %s, config %s%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), config);
        if (synthetic) synthetic(cfg);
        if (febrl) febrl(cfg);
        if (text) text();
    }

    /** (1) A million synthetic people, one batch, deduplicated. */
    private void synthetic(MatchConfig cfg) {
        System.out.printf(Locale.ROOT, "%nGenerating %,d synthetic people (seed %d, shared households %.2f)%n", records, seed, households);
        List<MatchRecord> people = new ArrayList<>(records);
        List<TruthPairs.IdPair> truth = new ArrayList<>();
        new SyntheticPeople(seed, households).stream(records).forEach(p -> {
            people.add(new MatchRecord(p.recId(), 0, p.columns()));
            if (p.isDuplicate()) truth.add(new TruthPairs.IdPair(p.recId(), p.originalId()));
        });
        PeakHeap heap = new PeakHeap();
        heap.reset();
        long t0 = System.nanoTime();
        MatchRun run = ProbabilisticMatcher.of(cfg).run(people, false, new PhaseLog(System.out));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.peakInUse();
        Evaluation e = Evaluation.of(run, truth);
        System.out.println();
        System.out.printf(Locale.ROOT, "| measure (%,d synthetic people, %,d duplicates, dedup, %s) | value |%n", records,
                truth.size(), config.getFileName());
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| total matching time | %.1f s |%n", seconds);
        System.out.printf(Locale.ROOT, "| records matched per second | %,.0f |%n", records / seconds);
        System.out.printf(Locale.ROOT, "| peak heap (max heap %,d MiB) | %,d MiB |%n", Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        System.out.printf(Locale.ROOT, "| candidate pairs (blocks skipped by the caps) | %,d (%,d) |%n", e.candidatePairs(),
                run.candidates().skippedBlocks());
        System.out.printf(Locale.ROOT, "| pairs completeness | %.4f |%n", e.pairsCompleteness());
        System.out.printf(Locale.ROOT, "| links (true) / true pairs | %,d (%,d) / %,d |%n", e.predictedPairs(), e.correctPairs(), e.truePairs());
        System.out.printf(Locale.ROOT, "| pairwise precision / recall / F1 | %.4f / %.4f / %.4f |%n", e.precision(), e.recall(), e.f1());
        System.out.printf(Locale.ROOT, "| B-cubed F1 | %.4f |%n", e.bcubedF1());
    }

    private record Dataset(String name, String a, String b, String truth) {}

    private static final List<Dataset> FEBRL = List.of(
            new Dataset("FEBRL1 (dedup)", "febrl_dataset1.csv", null, "febrl_dataset1_true_pairs.csv"),
            new Dataset("FEBRL2 (dedup)", "febrl_dataset2.csv", null, "febrl_dataset2_true_pairs.csv"),
            new Dataset("FEBRL4a-4b (link)", "febrl_dataset4a.csv", "febrl_dataset4b.csv", "febrl_dataset4_true_links.csv"));

    /**
     * (2) The matcher and Duke on the FEBRL sets and on the first {@code dukeSynthetic} synthetic people, after one
     * unreported warm-up of each on FEBRL1.
     */
    private void febrl(MatchConfig cfg) throws Exception {
        Path dir = data.resolve("febrl");
        if (!Files.isDirectory(dir)) {
            System.out.println("No FEBRL data at " + dir + ": the Duke comparison is skipped.");
            return;
        }
        DukeMatcher duke = new DukeMatcher(dukeThreads);
        System.out.printf(Locale.ROOT, "%nThe matcher (%s) and Duke 1.2 (threshold %.2f, Lucene in memory, %d threads)%n",
                config.getFileName(), DukeMatcher.THRESHOLD, dukeThreads);
        List<MatchRecord> warm = read(cfg, dir, FEBRL.get(0));
        ProbabilisticMatcher.of(cfg).run(warm, false, Progress.NONE);
        duke.run(warm, false);

        List<String> rows = new ArrayList<>();
        for (Dataset d : FEBRL) {
            List<MatchRecord> rs = read(cfg, dir, d);
            rows.add(compare(cfg, duke, d.name(), rs, d.b() != null, TruthPairs.read(dir.resolve(d.truth()))));
        }
        if (dukeSynthetic > 0) {
            List<MatchRecord> people = new ArrayList<>(dukeSynthetic);
            List<TruthPairs.IdPair> truth = new ArrayList<>();
            new SyntheticPeople(seed, households).stream(dukeSynthetic).forEach(p -> {
                people.add(new MatchRecord(p.recId(), 0, p.columns()));
                if (p.isDuplicate()) truth.add(new TruthPairs.IdPair(p.recId(), p.originalId()));
            });
            rows.add(compare(cfg, duke, String.format(Locale.ROOT, "synthetic %,d (dedup)", dukeSynthetic), people, false, truth));
        }
        System.out.println();
        System.out.println("| dataset | records | our F1 | Duke F1 | F1 ours − Duke | F1 ours / Duke | our time | Duke time | time ours / Duke |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Runs both engines on one data set, prints their precision and recall, and returns the table row. */
    private static String compare(MatchConfig cfg, DukeMatcher duke, String name, List<MatchRecord> rs, boolean link,
                                  List<TruthPairs.IdPair> truthPairs) {
        Set<Long> truth = Evaluation.truth(rs, link, truthPairs).pairs();
        MatchRun ours = ProbabilisticMatcher.of(cfg).run(rs, link, Progress.NONE);
        Set<Long> ourLinks = new HashSet<>();
        for (ScoredPair p : ours.links()) ourLinks.add(CandidatePairs.pack(p.left(), p.right()));
        PairwiseScore o = PairwiseScore.of(ourLinks, truth);
        DukeMatcher.Result dr = duke.run(rs, link);
        PairwiseScore k = PairwiseScore.of(dr.links(), truth);
        System.out.printf(Locale.ROOT, "%s: ours P %.4f R %.4f F1 %.4f in %.2f s; Duke P %.4f R %.4f F1 %.4f in %.2f s%n",
                name, o.precision(), o.recall(), o.f1(), ours.millis() / 1000.0, k.precision(), k.recall(), k.f1(),
                dr.millis() / 1000.0);
        return String.format(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %+.4f | %.3f | %.2f s | %.2f s | %.2f |", name,
                rs.size(), o.f1(), k.f1(), o.f1() - k.f1(), k.f1() == 0 ? Double.NaN : o.f1() / k.f1(),
                ours.millis() / 1000.0, dr.millis() / 1000.0, ours.millis() / (double) Math.max(1, dr.millis()));
    }

    private static List<MatchRecord> read(MatchConfig cfg, Path dir, Dataset d) throws Exception {
        List<MatchRecord> rs = new ArrayList<>(CsvRecords.read(dir.resolve(d.a()), cfg, 0));
        if (d.b() != null) rs.addAll(CsvRecords.read(dir.resolve(d.b()), cfg, 1));
        return rs;
    }

    /** A text-heavy data set, the config shipped for its kind of records, and Duke's fields for it. */
    private record TextDataset(String name, String dir, Dataset files, String config, List<DukeMatcher.Field> duke) {}

    private static final List<TextDataset> TEXT = List.of(
            new TextDataset("Abt-Buy (link)", "leipzig_er/abt-buy", new Dataset("Abt-Buy", "Abt.csv", "Buy.csv",
                    "abt_buy_perfectMapping.csv"), "products.yaml", DukeMatcher.PRODUCTS),
            new TextDataset("DBLP-ACM (link)", "leipzig_er/dblp-acm", new Dataset("DBLP-ACM", "DBLP2.csv", "ACM.csv",
                    "DBLP-ACM_perfectMapping.csv"), "dblp-acm.yaml", DukeMatcher.BIBLIOGRAPHIC));

    /**
     * (3) The matcher and Duke on text-heavy records (products, bibliographic), each with the config shipped for its
     * kind of data, and Duke at the same link threshold: F1, time and peak heap (after a collection, sampled while the
     * engine runs) of each, after one unreported warm-up of each.
     */
    private void text() throws Exception {
        Path examples = config.toAbsolutePath().getParent();
        System.out.printf(Locale.ROOT, "%nText-heavy records: the matcher and Duke 1.2 (Lucene in memory, %d threads)%n", dukeThreads);
        List<String> rows = new ArrayList<>();
        boolean warmed = false;
        for (TextDataset t : TEXT) {
            Path dir = data.resolve(t.dir());
            if (!Files.isDirectory(dir)) {
                System.out.println("No data at " + dir + ": " + t.name() + " is skipped.");
                continue;
            }
            MatchConfig cfg = MatchConfig.read(examples.resolve(t.config()));
            DukeMatcher duke = new DukeMatcher(dukeThreads, t.duke(), cfg.decisionThresholds().upper());
            List<MatchRecord> rs = read(cfg, dir, t.files());
            if (!warmed) {
                ProbabilisticMatcher.of(cfg).run(rs, true, Progress.NONE);
                duke.run(rs, true);
                warmed = true;
            }
            Set<Long> truth = Evaluation.truth(rs, true, TruthPairs.read(dir.resolve(t.files().truth()))).pairs();
            PeakHeap heap = new PeakHeap();
            heap.reset();
            MatchRun ours = ProbabilisticMatcher.of(cfg).run(rs, true, Progress.NONE);
            long ourHeap = heap.peakInUse(), ourLive = heap.afterCollectionBytes();
            Set<Long> ourLinks = new HashSet<>();
            for (ScoredPair p : ours.links()) ourLinks.add(CandidatePairs.pack(p.left(), p.right()));
            PairwiseScore o = PairwiseScore.of(ourLinks, truth);
            heap.reset();
            DukeMatcher.Result dr = duke.run(rs, true);
            long dukeHeap = heap.peakInUse(), dukeLive = heap.afterCollectionBytes();
            PairwiseScore k = PairwiseScore.of(dr.links(), truth);
            System.out.printf(Locale.ROOT, "%s: ours P %.4f R %.4f F1 %.4f in %.2f s, peak heap %,d MiB; Duke P %.4f R %.4f F1 %.4f in %.2f s, peak heap %,d MiB%n",
                    t.name(), o.precision(), o.recall(), o.f1(), ours.millis() / 1000.0, ourHeap >> 20, k.precision(),
                    k.recall(), k.f1(), dr.millis() / 1000.0, dukeHeap >> 20);
            rows.add(String.format(Locale.ROOT, "| %s | %,d | %s | %.4f / %.4f / **%.4f** | %.4f / %.4f / **%.4f** | %.2f / %.2f s (%.2f) | %,d / %,d MiB | %,d / %,d MiB |",
                    t.name(), rs.size(), t.config(), o.precision(), o.recall(), o.f1(), k.precision(), k.recall(), k.f1(),
                    ours.millis() / 1000.0, dr.millis() / 1000.0, ours.millis() / (double) Math.max(1, dr.millis()),
                    ourHeap >> 20, dukeHeap >> 20, ourLive >> 20, dukeLive >> 20));
        }
        System.out.println();
        System.out.println("| dataset | records | config | our P / R / F1 | Duke P / R / F1 | time ours / Duke (ratio) | peak heap ours / Duke | most held after a collection, ours / Duke |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }
}
