package org.touchline.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.InteractionJson;
import org.touchline.identity.match.ActiveLearning;
import org.touchline.identity.match.CandidatePairs;
import org.touchline.identity.match.CsvRecords;
import org.touchline.identity.match.Evaluation;
import org.touchline.identity.match.MatchConfig;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.MatchRun;
import org.touchline.identity.match.ProbabilisticMatcher;
import org.touchline.identity.match.ReviewedPair;
import org.touchline.identity.match.TruthPairs;
import org.touchline.node.MatchModelFile;
import org.touchline.node.Node;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "identity", description = "Identity resolution: re-resolve the history, the review queue, unmerges, relationships, and measuring the matcher.",
        subcommands = {IdentityCommand.Evaluate.class, IdentityCommand.Resolve.class, IdentityCommand.Reviews.class,
                IdentityCommand.Accept.class, IdentityCommand.Reject.class, IdentityCommand.Unmerge.class,
                IdentityCommand.Relate.class, IdentityCommand.EndRelationship.class, IdentityCommand.Fit.class})
final class IdentityCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "evaluate", description = {
            "Match records with a matching config and compare with the true pairs: pairwise precision, recall and F1 of "
                    + "the links, B-cubed F1 of the clusters, candidate pairs and time.",
            "One file is deduplicated; with --records-b the two files are linked. No labels are used unless --labels "
                    + "(a simulated reviewer answering the most uncertain pairs from the truth file) or --reviewed "
                    + "(reviewers' accept/reject decisions) give some."})
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "YAML", description = "matching config, e.g. examples/identity/febrl.yaml") Path config;
        @Option(names = "--records", required = true, paramLabel = "CSV", description = "records (source A)") Path records;
        @Option(names = "--records-b", paramLabel = "CSV", description = "second source to link with the first") Path recordsB;
        @Option(names = "--truth", required = true, paramLabel = "CSV", description = "true pairs: first two columns are record ids") Path truth;
        @Option(names = "--model", description = "also print the fitted m, u and weights") boolean showModel;
        @Option(names = "--show-errors", paramLabel = "N", defaultValue = "0", description = "print up to N false links with their evidence") int showErrors;
        @Option(names = "--labels", paramLabel = "N[,N...]", split = ",", description = {
                "active learning: a simulated reviewer answers the most uncertain pairs from the truth file, "
                        + ActiveLearning.BATCH + " at a time, and the model is refitted after each batch;",
                "prints which pairs were asked and F1 at each N (e.g. 0,50,100,200)"}) List<Integer> labels;
        @Option(names = "--reviewed", paramLabel = "CSV", description = "reviewers' decisions to learn from: first id, second id, accept|reject (header row)") Path reviewed;
        @Option(names = "--write-reviews", paramLabel = "CSV", description = "write the pairs sent to review (ids, probability, an empty decision column to fill in for --reviewed)") Path writeReviews;

        @Override
        public Integer call() throws Exception {
            MatchConfig cfg = MatchConfig.read(config);
            List<MatchRecord> all = new ArrayList<>(CsvRecords.read(records, cfg, 0));
            boolean link = recordsB != null;
            if (link) all.addAll(CsvRecords.read(recordsB, cfg, 1));
            System.out.printf(Locale.ROOT, "%s: %,d records%s%n", cfg.name() == null ? config.getFileName() : cfg.name(),
                    all.size(), link ? " in two sources (linking)" : " (deduplicating)");
            for (Integer n : labels == null ? List.<Integer>of() : labels)
                if (n == null || n < 0) throw new ParameterException(spec.commandLine(), "--labels: counts are 0 or more");
            List<TruthPairs.IdPair> truthPairs = TruthPairs.read(truth);
            List<ReviewedPair> answers = reviewed == null ? List.of() : ReviewedPair.read(reviewed);
            ProbabilisticMatcher matcher = ProbabilisticMatcher.of(cfg);
            ConsoleProgress progress = new ConsoleProgress(System.err);
            ProbabilisticMatcher.Compared compared = matcher.compare(all, link, progress);
            MatchRun run;
            if (labels != null && !labels.isEmpty()) {
                if (!answers.isEmpty()) throw new ParameterException(spec.commandLine(), "use --labels or --reviewed, not both");
                run = learn(compared, truthPairs, progress);
            } else {
                run = compared.match(answers, progress);
                if (!answers.isEmpty()) System.out.printf(Locale.ROOT, "reviewed           %,d answers learnt from (%,d accepted)%n",
                        answers.size(), answers.stream().filter(ReviewedPair::match).count());
            }
            Evaluation e = Evaluation.of(run, truthPairs);
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
                var truePairs = Evaluation.truth(run, truthPairs).pairs();
                int shown = 0;
                for (var p : run.links()) {
                    if (shown >= showErrors) break;
                    if (truePairs.contains(CandidatePairs.pack(p.left(), p.right()))) continue;
                    shown++;
                    System.out.printf(Locale.ROOT, "false link p=%.4f  %s | %s%n    %s%n", p.probability(),
                            all.get(p.left()).values(), all.get(p.right()).values(),
                            String.join("  ", p.score().explain(run.model().comparisons())));
                }
            }
            if (writeReviews != null) writeReviews(run);
            if (e.unknownIds() > 0) System.out.printf(Locale.ROOT, "warning: %d true pair(s) name ids not in the records%n", e.unknownIds());
            return 0;
        }

        /**
         * Active learning against the truth file: asks up to the largest --labels count, prints every round's questions
         * and answers, and F1 at each requested count. Returns the run at the largest count.
         */
        private MatchRun learn(ProbabilisticMatcher.Compared compared, List<TruthPairs.IdPair> truthPairs, ConsoleProgress progress) {
            int most = labels.stream().mapToInt(Integer::intValue).max().orElse(0);
            List<MatchRecord> all = compared.records();
            MatchRun[] last = new MatchRun[1];
            Set<Long> truePairs = new HashSet<>();
            Set<Integer> report = new TreeSet<>(labels);
            System.out.printf(Locale.ROOT, "active learning    up to %d answers from a simulated reviewer (the truth file), %d per round, most uncertain first%n",
                    most, ActiveLearning.BATCH);
            System.out.println("labels  precision  recall  F1      links  review");
            new ActiveLearning(compared).run(most, (a, b) -> truePairs.contains(CandidatePairs.pack(a, b)), round -> {
                if (truePairs.isEmpty()) truePairs.addAll(Evaluation.truth(round.run(), truthPairs).pairs());
                last[0] = round.run();
                for (int q = 0; q < round.asked().size(); q++) {
                    var question = round.asked().get(q);
                    System.out.printf(Locale.ROOT, "  asked %s ~ %s (p=%.3f): %s%n", all.get(question.left()).id(),
                            all.get(question.right()).id(), question.probability(), round.said().get(q) ? "same" : "different");
                }
                boolean wanted = report.remove(round.answers());
                if (wanted || round.answers() == most) {
                    Evaluation e = Evaluation.of(round.run(), truthPairs);
                    System.out.printf(Locale.ROOT, "%-6d  %.4f     %.4f  %.4f  %,d  %,d%n", round.answers(), e.precision(),
                            e.recall(), e.f1(), e.predictedPairs(), e.reviewPairs());
                }
            }, progress);
            if (!report.isEmpty()) System.out.println("(no uncertain pairs were left to ask about for " + report + ")");
            return last[0];
        }

        /** The review queue of the run as a CSV a reviewer fills in and gives back with --reviewed. */
        private void writeReviews(MatchRun run) throws IOException {
            try (var out = Files.newBufferedWriter(writeReviews, StandardCharsets.UTF_8);
                 var csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                csv.printRecord("first_id", "second_id", "decision", "probability");
                for (var p : run.reviews())
                    csv.printRecord(run.records().get(p.left()).id(), run.records().get(p.right()).id(), "",
                            String.format(Locale.ROOT, "%.4f", p.probability()));
            }
            System.out.printf(Locale.ROOT, "review queue       %,d pairs written to %s (fill in accept or reject, then pass it with --reviewed)%n",
                    run.reviews().size(), writeReviews);
        }

        @Spec CommandSpec spec;
    }

    @Command(name = "resolve", description = {
            "Re-resolve the whole history under the identity rules now in identity-rules.yaml (run it after changing them;",
            "the node refuses to start until you do). The rules are recorded as a ledger entry, every projection is",
            "replayed, and each decision the new rules take is recorded; decisions the old rules took stay as history.",
            "Beside a serving node the node does it as a job, reading the rules (and identity-model.json) again first;",
            "routes that read projections answer 503 until it is done."})
    static final class Resolve implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @Option(names = "--all", required = true, description = "the whole history (the only scope there is)") boolean all;

        @Override
        public Integer call() throws Exception {
            data.refuseOnClusterNode("re-resolving the history is not ordered through the topic yet");
            var serving = data.serving();
            if (serving.isPresent()) {
                // The serving node reads the rules and model files again and replays its history under them, as a job.
                var r = serving.get().job("identity-resolve", new ConsoleProgress(System.err));
                print(InteractionJson.MAPPER.treeToValue(r, Node.ResolveReport.class));
                return ExitCode.OK;
            }
            try (var open = data.openForResolveAll()) {
                print(open.node().resolveAll(new ConsoleProgress(System.err)));
            }
            return ExitCode.OK;
        }

        private static void print(Node.ResolveReport r) {
            System.out.printf(Locale.ROOT, "rules %s recorded at entry %d%n", r.rulesVersion(), r.rulesEntry());
            System.out.printf(Locale.ROOT, "decisions recorded under earlier rules that no longer hold: %,d (kept as history)%n", r.superseded());
            System.out.printf(Locale.ROOT, "decisions the rules now take, newly recorded: %,d%n", r.recorded());
            System.out.printf(Locale.ROOT, "customers now: %,d%n", r.customers());
            if (r.caches() != null) r.caches().forEach(c -> System.out.println("  " + c.summary()));
        }
    }

    @Command(name = "reviews", description = "List the review queue: record pairs the matcher scored between its two thresholds.")
    static final class Reviews implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @Option(names = "--status", defaultValue = "open", description = "open, accepted or rejected (default: open)") String status;
        @Option(names = "--limit", defaultValue = "50", description = "how many to list (default: ${DEFAULT-VALUE})") int limit;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToRead()) {
                var rows = open.node().projections().reviews(status, 0, limit);
                if (rows.isEmpty()) System.out.println("no " + status + " reviews");
                for (var r : rows) {
                    var d = r.decision();
                    System.out.printf(Locale.ROOT, "entry %d  %s ~ %s  p=%.3f  %s%n", r.entry(), d.customerId(), d.otherCustomerId(),
                            d.score() == null ? Double.NaN : d.score().probability(), d.rule() == null ? "" : d.rule());
                }
            }
            return 0;
        }
    }

    /** Accept and reject: a person's answer to a pending review, recorded on the ledger. */
    abstract static class ReviewAnswer implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "ENTRY", description = "the review's entry index") long entry;
        @Option(names = "--actor", required = true, description = "who decides (agent id)") String actor;
        @Option(names = "--reason", description = "why (kept with the decision)") String reason;

        abstract boolean accept();

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                var answer = serving.get().post("/v1/identity/reviews/" + entry + "/" + (accept() ? "accept" : "reject"),
                        RunningNode.body().put("actor", actor).put("reason", reason));
                System.out.println((accept() ? "accepted" : "rejected") + " review " + entry + ": recorded at entry " + answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/identity/reviews/{entry}/" + (accept() ? "accept" : "reject"))) {
                var commands = open.node().identityCommands();
                long index = accept() ? commands.acceptReview(entry, actor, reason) : commands.rejectReview(entry, actor, reason);
                System.out.println((accept() ? "accepted" : "rejected") + " review " + entry + ": recorded at entry " + index);
            }
            return 0;
        }
    }

    @Command(name = "accept", description = "Accept a review: the two customers become one (recorded on the ledger).")
    static final class Accept extends ReviewAnswer {
        @Override boolean accept() { return true; }
    }

    @Command(name = "reject", description = "Reject a review: the two customers stay apart from now on (recorded on the ledger).")
    static final class Reject extends ReviewAnswer {
        @Override boolean accept() { return false; }
    }

    @Command(name = "unmerge", description = {"Split a customer: undo the merge of --absorbed, or move --identifier(s) to a new customer.",
            "Records are re-attributed by the identifiers they carry; the customer keeps its id; both stay apart from then on."})
    static final class Unmerge implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "CUSTOMER", description = "the customer to split (cu_...)") String customer;
        @Option(names = "--absorbed", paramLabel = "CUSTOMER", description = "a customer once merged into this one") String absorbed;
        @Option(names = "--identifier", paramLabel = "TYPE:VALUE", description = "an identifier to split off (repeatable)") List<String> identifiers;
        @Option(names = "--actor", required = true, description = "who decides (agent id, for the record)") String actor;
        @Option(names = "--reason", description = "why (kept with the decision)") String reason;

        @Override
        public Integer call() throws Exception {
            List<Identifier> ids = identifiers == null ? null
                    : identifiers.stream().map(Identifier::parse).toList();
            var serving = data.serving();
            if (serving.isPresent()) {
                var body = RunningNode.body().put("actor", actor).put("absorbed", absorbed).put("reason", reason);
                if (ids != null) ids.forEach(i -> body.withArray("identifiers").add(i.toString()));
                var answer = serving.get().post("/v1/customers/" + customer + "/unmerge", body);
                System.out.printf(Locale.ROOT, "%s split off %s (%d identifier(s)); recorded at entry %d%n", answer.path("splitOff").asText(),
                        answer.path("customerId").asText(), answer.path("identifiersMoved").asInt(), answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/customers/{id}/unmerge")) {
                long index = open.node().identityCommands().unmerge(customer, absorbed, ids, actor, reason);
                var d = IdentityDecision.parse(open.node().ledger().leaf(index));
                System.out.printf(Locale.ROOT, "%s split off %s (%d identifier(s)); recorded at entry %d%n", d.otherCustomerId(),
                        d.customerId(), d.identifierKeys().size(), index);
            }
            return 0;
        }
    }

    @Command(name = "relate", description = "Record a relationship that never merges: household, proxy, employee or parent.")
    static final class Relate implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(index = "0", paramLabel = "TYPE", description = "household, proxy, employee or parent") String type;
        @CommandLine.Parameters(index = "1", paramLabel = "FROM", description = "one customer (cu_...)") String from;
        @CommandLine.Parameters(index = "2", paramLabel = "TO", description = "the other customer (cu_...)") String to;
        @Option(names = "--from-date", paramLabel = "YYYY-MM-DD", description = "the day it starts (default: always)") LocalDate validFrom;
        @Option(names = "--to-date", paramLabel = "YYYY-MM-DD", description = "the last day it holds (default: open-ended)") LocalDate validTo;
        @Option(names = "--actor", required = true, description = "who records it (for the record)") String actor;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                var body = RunningNode.body().put("type", type).put("from", from).put("to", to).put("actor", actor);
                if (validFrom != null) body.put("validFrom", validFrom.toString());
                if (validTo != null) body.put("validTo", validTo.toString());
                var answer = serving.get().post("/v1/relationships", body);
                System.out.println(type + " " + from + " -> " + to + ": recorded at entry " + answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/relationships")) {
                long index = open.node().identityCommands().relate(type, from, to, validFrom, validTo, actor);
                System.out.println(type + " " + from + " -> " + to + ": recorded at entry " + index);
            }
            return 0;
        }
    }

    @Command(name = "end-relationship", description = "End a relationship on a date (inclusive).")
    static final class EndRelationship implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "ENTRY", description = "the relationship's entry index") long entry;
        @Option(names = "--on", required = true, paramLabel = "YYYY-MM-DD", description = "its last day") LocalDate validTo;
        @Option(names = "--actor", required = true, description = "who ends it (for the record)") String actor;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                serving.get().post("/v1/relationships/" + entry + "/end", RunningNode.body().put("validTo", validTo.toString()).put("actor", actor));
                System.out.println("relationship " + entry + " ends " + validTo);
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/relationships/{entry}/end")) {
                long index = open.node().identityCommands().endRelationship(entry, validTo, actor);
                System.out.println("relationship " + entry + " ends " + validTo + ": recorded at entry " + index);
            }
            return 0;
        }
    }

    @Command(name = "fit", description = {
            "Fit the probabilistic matcher's model to this ledger's records (u from random pairs, m and λ by EM, no labels)",
            "and write it to identity-model.json in the data directory. Then run `identity resolve --all` to re-resolve",
            "the history with it: live resolution and the re-resolution use the same model.",
            "Fitting only reads the ledger: beside a serving node it opens the store read-only.",
            "With --reviewed-from-node the review queue's accepted and rejected pairs (ledger entries) correct the fitted",
            "model pattern by pattern: the same ledger gives the same model version on every node."})
    static final class Fit implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @Option(names = "--reviewed-from-node", description = "learn from the node's accepted and rejected reviews too") boolean reviewed;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToReadForResolveAll()) {
                var model = open.node().fitMatchModel(new ConsoleProgress(System.err));
                if (reviewed) {
                    var answers = open.node().identityCommands().reviewAnswers();
                    model = model.withReviews(answers);
                    System.out.printf(Locale.ROOT, "corrected by %,d review answers (%,d accepted)%n", answers.size(),
                            answers.stream().filter(a -> a.same()).count());
                }
                MatchModelFile.write(data.path(), model);
                System.out.println(model.describe().strip());
                System.out.println("model " + model.version().substring(0, 12) + " written to " + data.path().resolve(MatchModelFile.FILE_NAME));
                System.out.println("now run: touchline identity resolve --all" + (data.dataDir == null ? "" : " -d " + data.dataDir));
            }
            return 0;
        }
    }
}
