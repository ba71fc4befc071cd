package org.touchline.cli;

import org.touchline.identity.match.CsvRecords;
import org.touchline.identity.match.Evaluation;
import org.touchline.identity.match.MatchConfig;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.MatchRun;
import org.touchline.identity.match.ProbabilisticMatcher;
import org.touchline.identity.match.TruthPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "identity", description = "Identity resolution: measure the probabilistic matcher on labelled data.",
        subcommands = {IdentityCommand.Evaluate.class})
final class IdentityCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "evaluate", description = {
            "Match records with a matching config (no labels used) and compare with the true pairs: pairwise "
                    + "precision, recall and F1 of the links, B-cubed F1 of the clusters, candidate pairs and time.",
            "One file is deduplicated; with --records-b the two files are linked."})
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "YAML", description = "matching config, e.g. examples/identity/febrl.yaml") Path config;
        @Option(names = "--records", required = true, paramLabel = "CSV", description = "records (source A)") Path records;
        @Option(names = "--records-b", paramLabel = "CSV", description = "second source to link with the first") Path recordsB;
        @Option(names = "--truth", required = true, paramLabel = "CSV", description = "true pairs: first two columns are record ids") Path truth;
        @Option(names = "--model", description = "also print the fitted m, u and weights") boolean showModel;
        @Option(names = "--show-errors", paramLabel = "N", defaultValue = "0", description = "print up to N false links with their evidence") int showErrors;

        @Override
        public Integer call() throws Exception {
            MatchConfig cfg = MatchConfig.read(config);
            List<MatchRecord> all = new ArrayList<>(CsvRecords.read(records, cfg.id(), cfg.encoding(), 0));
            boolean link = recordsB != null;
            if (link) all.addAll(CsvRecords.read(recordsB, cfg.id(), cfg.encoding(), 1));
            System.out.printf(Locale.ROOT, "%s: %,d records%s%n", cfg.name() == null ? config.getFileName() : cfg.name(),
                    all.size(), link ? " in two sources (linking)" : " (deduplicating)");
            ProbabilisticMatcher matcher = ProbabilisticMatcher.of(cfg);
            MatchRun run = matcher.run(all, link, new ConsoleProgress(System.err));
            Evaluation e = Evaluation.of(run, TruthPairs.read(truth));
            if (showModel) System.out.print(run.model().describe());
            System.out.printf(Locale.ROOT, "candidate pairs    %,d (blocks over the cap skipped: %d, %,d pairs)%n",
                    e.candidatePairs(), run.candidates().skippedBlocks(), run.candidates().skippedPairs());
            System.out.printf(Locale.ROOT, "pairs completeness %.4f (true pairs kept by blocking)%n", e.pairsCompleteness());
            System.out.printf(Locale.ROOT, "EM                 %d iterations, λ=%.5f%n", run.emIterations(), run.model().lambda());
            System.out.printf(Locale.ROOT, "thresholds         link >= %.2f, review >= %.2f%n", matcher.thresholds().upper(), matcher.thresholds().lower());
            System.out.printf(Locale.ROOT, "links              %,d (%,d true of %,d true pairs); review %,d (%,d true)%n",
                    e.predictedPairs(), e.correctPairs(), e.truePairs(), e.reviewPairs(), e.reviewTruePairs());
            System.out.printf(Locale.ROOT, "precision          %.4f%n", e.precision());
            System.out.printf(Locale.ROOT, "recall             %.4f%n", e.recall());
            System.out.printf(Locale.ROOT, "F1                 %.4f%n", e.f1());
            System.out.printf(Locale.ROOT, "B-cubed            P %.4f  R %.4f  F1 %.4f%n", e.bcubedPrecision(), e.bcubedRecall(), e.bcubedF1());
            System.out.printf(Locale.ROOT, "time               %.2f s (matching, after reading)%n", run.millis() / 1000.0);
            if (showErrors > 0) {
                var truePairs = Evaluation.truth(run, TruthPairs.read(truth)).pairs();
                int shown = 0;
                for (var p : run.links()) {
                    if (shown >= showErrors) break;
                    if (truePairs.contains(org.touchline.identity.match.CandidatePairs.pack(p.left(), p.right()))) continue;
                    shown++;
                    System.out.printf(Locale.ROOT, "false link p=%.4f  %s | %s%n    %s%n", p.probability(),
                            all.get(p.left()).values(), all.get(p.right()).values(),
                            String.join("  ", p.score().explain(run.model().comparisons())));
                }
            }
            if (e.unknownIds() > 0) System.out.printf(Locale.ROOT, "warning: %d true pair(s) name ids not in the records%n", e.unknownIds());
            return 0;
        }
    }
}
