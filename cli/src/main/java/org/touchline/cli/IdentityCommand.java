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

@Command(name = "identity", description = "Identity resolution: re-resolve the history, the review queue, unmerges, relationships, and measuring the matcher.",
        subcommands = {IdentityCommand.Evaluate.class, IdentityCommand.Resolve.class, IdentityCommand.Reviews.class,
                IdentityCommand.Accept.class, IdentityCommand.Reject.class, IdentityCommand.Unmerge.class,
                IdentityCommand.Relate.class, IdentityCommand.EndRelationship.class, IdentityCommand.Fit.class,
                IdentityCommand.BenchOnline.class})
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

    @Command(name = "resolve", description = {
            "Re-resolve the whole history under the identity rules now in identity-rules.yaml (run it after changing them;",
            "the node refuses to start until you do). The rules are recorded as a ledger entry, every projection is",
            "replayed, and each decision the new rules take is recorded; decisions the old rules took stay as history."})
    static final class Resolve implements Callable<Integer> {
        @picocli.CommandLine.Mixin DataDirOption data;
        @Option(names = "--all", required = true, description = "the whole history (the only scope there is)") boolean all;

        @Override
        public Integer call() throws Exception {
            data.refuseOnClusterNode("re-resolving the history is not ordered through the topic yet");
            try (var open = data.openForResolveAll()) {
                var r = open.node().resolveAll(new ConsoleProgress(System.err));
                System.out.printf(Locale.ROOT, "rules %s recorded at entry %d%n", r.rulesVersion(), r.rulesEntry());
                System.out.printf(Locale.ROOT, "decisions recorded under earlier rules that no longer hold: %,d (kept as history)%n", r.superseded());
                System.out.printf(Locale.ROOT, "decisions the rules now take, newly recorded: %,d%n", r.recorded());
                System.out.printf(Locale.ROOT, "customers now: %,d%n", r.customers());
            }
            return 0;
        }
    }

    @Command(name = "reviews", description = "List the review queue: record pairs the matcher scored between its two thresholds.")
    static final class Reviews implements Callable<Integer> {
        @picocli.CommandLine.Mixin DataDirOption data;
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
        @picocli.CommandLine.Mixin DataDirOption data;
        @picocli.CommandLine.Parameters(paramLabel = "ENTRY", description = "the review's entry index") long entry;
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
        @picocli.CommandLine.Mixin DataDirOption data;
        @picocli.CommandLine.Parameters(paramLabel = "CUSTOMER", description = "the customer to split (cu_...)") String customer;
        @Option(names = "--absorbed", paramLabel = "CUSTOMER", description = "a customer once merged into this one") String absorbed;
        @Option(names = "--identifier", paramLabel = "TYPE:VALUE", description = "an identifier to split off (repeatable)") List<String> identifiers;
        @Option(names = "--actor", required = true, description = "who decides (agent id, for the record)") String actor;
        @Option(names = "--reason", description = "why (kept with the decision)") String reason;

        @Override
        public Integer call() throws Exception {
            List<org.touchline.domain.Identifier> ids = identifiers == null ? null
                    : identifiers.stream().map(org.touchline.domain.Identifier::parse).toList();
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
                var d = org.touchline.domain.IdentityDecision.parse(open.node().ledger().leaf(index));
                System.out.printf(Locale.ROOT, "%s split off %s (%d identifier(s)); recorded at entry %d%n", d.otherCustomerId(),
                        d.customerId(), d.identifierKeys().size(), index);
            }
            return 0;
        }
    }

    @Command(name = "relate", description = "Record a relationship that never merges: household, proxy, employee or parent.")
    static final class Relate implements Callable<Integer> {
        @picocli.CommandLine.Mixin DataDirOption data;
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "TYPE", description = "household, proxy, employee or parent") String type;
        @picocli.CommandLine.Parameters(index = "1", paramLabel = "FROM", description = "one customer (cu_...)") String from;
        @picocli.CommandLine.Parameters(index = "2", paramLabel = "TO", description = "the other customer (cu_...)") String to;
        @Option(names = "--from-date", paramLabel = "YYYY-MM-DD", description = "the day it starts (default: always)") java.time.LocalDate validFrom;
        @Option(names = "--to-date", paramLabel = "YYYY-MM-DD", description = "the last day it holds (default: open-ended)") java.time.LocalDate validTo;
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
        @picocli.CommandLine.Mixin DataDirOption data;
        @picocli.CommandLine.Parameters(paramLabel = "ENTRY", description = "the relationship's entry index") long entry;
        @Option(names = "--on", required = true, paramLabel = "YYYY-MM-DD", description = "its last day") java.time.LocalDate validTo;
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
            "the history with it: live resolution and the re-resolution use the same model."})
    static final class Fit implements Callable<Integer> {
        @picocli.CommandLine.Mixin DataDirOption data;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openForResolveAll()) {
                var model = open.node().fitMatchModel(new ConsoleProgress(System.err));
                org.touchline.node.MatchModelFile.write(data.path(), model);
                System.out.println(model.describe().strip());
                System.out.println("model " + model.version().substring(0, 12) + " written to " + data.path().resolve(org.touchline.node.MatchModelFile.FILE_NAME));
                System.out.println("now run: touchline identity resolve --all" + (data.dataDir == null ? "" : " -d " + data.dataDir));
            }
            return 0;
        }
    }

    @Command(name = "bench-online", description = {
            "Online matching latency: fill the matcher with N synthetic people, then time lookups of typo'd variants and",
            "of new people (p50/p90/p99), with the index's heap and baselines measured in the same run."})
    static final class BenchOnline implements Callable<Integer> {
        @Option(names = "--people", defaultValue = "1000000", description = "synthetic people in the index (default: ${DEFAULT-VALUE})") int people;
        @Option(names = "--lookups", defaultValue = "20000", description = "lookups timed (default: ${DEFAULT-VALUE})") int lookups;
        @Option(names = "--seed", defaultValue = "1969", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;

        @Override
        public Integer call() {
            var s = new org.touchline.identity.match.OnlineMatchBenchmark.Settings(people, lookups, seed);
            org.touchline.identity.match.OnlineMatchBenchmark.print(org.touchline.identity.match.OnlineMatchBenchmark.run(s, System.err), System.out);
            return 0;
        }
    }
}
