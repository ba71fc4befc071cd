package org.touchline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Moment;
import org.touchline.intelligence.features.FeatureVector;
import org.touchline.intelligence.forecast.BankCallsCheck;
import org.touchline.intelligence.nba.Recommendation;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.intelligence.propensity.Evaluation;
import org.touchline.intelligence.propensity.TelcoChurnCheck;
import org.touchline.intelligence.sentiment.Sentiment;
import org.touchline.intelligence.sentiment.SentimentCheck;
import org.touchline.intelligence.staffing.ServiceTarget;
import org.touchline.node.ContactDemand;
import org.touchline.node.Intelligence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code touchline intelligence ...}: features, propensities, next best actions, sentiment and demand (docs/intelligence.md). */
@Command(name = "intelligence", description = "Customer intelligence: features, models, next best actions, sentiment, demand forecasts and staffing.",
        subcommands = {IntelligenceCommand.Features.class, IntelligenceCommand.Score.class, IntelligenceCommand.Nba.class,
                IntelligenceCommand.Outcome.class, IntelligenceCommand.Run.class, IntelligenceCommand.Train.class,
                IntelligenceCommand.Sentiments.class, IntelligenceCommand.Forecast.class, IntelligenceCommand.Check.class})
final class IntelligenceCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    static Instant instant(String s, Instant otherwise) {
        return Moment.parse("a date or time option", s, otherwise);
    }

    /** A question about one customer at a moment. */
    abstract static class AboutCustomer implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "CUSTOMER", description = "the customer id (cu_...)") String customer;
        @Option(names = "--at", description = "the moment (default now)") String at;
        @Option(names = "--json", description = "print the answer as JSON, numbers exact") boolean json;

        abstract void run(Intelligence intelligence, Instant at);

        static void printJson(Object value) {
            try {
                System.out.println(InteractionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
            }
        }

        /** Whether this run appends to the log (then it needs the store to itself, or goes through the serving node). */
        boolean writes() { return false; }

        /** The run through the node serving the data directory, for a run that {@link #writes()}. */
        void throughNode(RunningNode node) {
            throw new IllegalStateException("the node at " + node.url() + " serves this data directory: stop it first");
        }

        @Override
        public Integer call() throws Exception {
            var serving = writes() ? data.serving() : Optional.<RunningNode>empty();
            if (serving.isPresent()) {
                throughNode(serving.get());
                return 0;
            }
            try (var open = writes() ? data.open() : data.openToRead()) {
                run(open.node().intelligence(), instant(at, Instant.now()));
                open.node().accessLog().commandLineRead(customer, "personalisation",
                        "touchline intelligence " + getClass().getAnnotation(CommandLine.Command.class).name());
            }
            return 0;
        }
    }

    @Command(name = "features", description = "A customer's features at a moment (needs their consent to personalisation).")
    static final class Features extends AboutCustomer {
        @Override
        void run(Intelligence intelligence, Instant at) {
            FeatureVector f = intelligence.features(customer, at);
            if (json) {
                printJson(f);
                return;
            }
            TextTable t = new TextTable("feature", "value");
            f.numeric().forEach((k, v) -> t.row(k, TextTable.number(v)));
            f.categorical().forEach(t::row);
            t.print(System.out);
        }
    }

    @Command(name = "score", description = "A customer's churn and upsell propensities with the features that drove them.")
    static final class Score extends AboutCustomer {
        @Override
        void run(Intelligence intelligence, Instant at) {
            var scores = intelligence.propensities(customer, at);
            if (json) {
                printJson(Map.of("customer", customer, "at", at.toString(), "scores", scores));
                return;
            }
            if (scores.isEmpty())
                System.out.println("No score: the customer does not allow personalisation, or no model is trained yet (touchline intelligence train churn).");
            for (var e : scores.entrySet()) {
                System.out.printf(Locale.ROOT, "%s: %.3f (model %s)%n", e.getKey(), e.getValue().probability(), e.getValue().model());
                TextTable t = new TextTable("driver", "value", "log-odds");
                e.getValue().top().forEach(c -> t.row(c.feature(), TextTable.number(c.value()),
                        String.format(Locale.ROOT, "%+.3f", c.logOdds())));
                t.print(System.out);
                System.out.println();
            }
        }
    }

    @Command(name = "nba", description = "The next best action for a customer, every candidate with its score or why it was ruled out; --record to record it.")
    static final class Nba extends AboutCustomer {
        @Option(names = "--record", description = "record it on the ledger (the agent acted on it)") boolean record;
        @Option(names = "--actor", defaultValue = "cli", description = "who acted on it (default: ${DEFAULT-VALUE})") String actor;

        @Override
        boolean writes() { return record; }

        @Override
        void throughNode(RunningNode node) {
            var answer = node.post("/v1/customers/" + customer + "/next-best-action", RunningNode.body().put("actor", actor));
            var r = answer.path("recommendation");
            System.out.println("Next best action: " + r.path("action").asText() + (r.path("channel").asText("none").equals("none") ? "" : " via " + r.path("channel").asText()));
            System.out.println("Why: " + r.path("reason").asText());
            System.out.println("\nRecorded at entry " + answer.path("entry").asLong() + " by the node at " + node.url()
                    + "; give its outcome with: touchline intelligence outcome ENTRY accepted|declined|ignored");
        }

        @Override
        void run(Intelligence i, Instant at) {
            Recommendation r = i.recommend(customer, at);
            System.out.println("Next best action: " + r.action() + (r.channel() == null || r.channel().equals("none") ? "" : " via " + r.channel()));
            System.out.println("Why: " + r.reason());
            System.out.println();
            TextTable t = new TextTable("action", "purpose", "propensity", "value", "acceptance", "score", "ruled out by");
            for (var c : r.candidates())
                t.row(c.action(), c.purpose(), String.format(Locale.ROOT, "%.3f", c.propensity()), String.format(Locale.ROOT, "%.0f", c.value()),
                        String.format(Locale.ROOT, "%.3f", c.acceptance()), String.format(Locale.ROOT, "%.2f", c.score()), String.join("; ", c.blockedBy()));
            t.print(System.out);
            if (record) System.out.println("\nRecorded at entry " + i.record(r, actor) + "; give its outcome with: touchline intelligence outcome ENTRY accepted|declined|ignored");
        }
    }

    @Command(name = "outcome", description = "How the customer answered a recorded recommendation: accepted, declined or ignored.")
    static final class Outcome implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "ENTRY", description = "the recommendation's entry (nba --record printed it)") long entry;
        @Parameters(index = "1", paramLabel = "OUTCOME", description = "accepted, declined or ignored") String outcome;
        @Option(names = "--channel", description = "where the customer answered") String channel;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                var answer = serving.get().post("/v1/recommendations/" + entry + "/outcome", RunningNode.body().put("outcome", outcome).put("channel", channel));
                System.out.println(outcome + ": recorded at entry " + answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("recommendations and their outcomes are not ordered through the topic yet")) {
                System.out.println(outcome + ": recorded at entry " + open.node().intelligence().outcome(entry, outcome, channel));
            }
            return 0;
        }
    }

    @Command(name = "run", description = "A next-best-action run over every customer who allows personalisation: how many get each action.")
    static final class Run implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--at", description = "the moment (default now)") String at;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToRead()) {
                long t0 = System.nanoTime();
                List<Recommendation> all = open.node().intelligence().run(instant(at, Instant.now()), new ConsoleProgress(System.err));
                double s = (System.nanoTime() - t0) / 1e9;
                Map<String, Integer> counts = new TreeMap<>();
                all.forEach(r -> counts.merge(r.action(), 1, Integer::sum));
                TextTable t = new TextTable("action", "customers");
                counts.forEach(t::row);
                t.print(System.out);
                System.out.printf(Locale.ROOT, "%,d customers in %.1f s (%.1f ms each)%n", all.size(), s, all.isEmpty() ? 0 : s * 1000 / all.size());
            }
            return 0;
        }
    }

    @Command(name = "train", description = {"Train the next version of a model (churn or upsell) on customers who allow model training,",
            "evaluated on customers held out and on the last quarter of the period."})
    static final class Train implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "MODEL", description = "churn or upsell") String model;
        @Option(names = "--algorithm", defaultValue = "logistic", description = "logistic or boosting") String algorithm;
        @Option(names = "--from", description = "first moment (default: 18 months before --to)") String from;
        @Option(names = "--to", description = "last moment (default: now)") String to;

        @Override
        public Integer call() throws Exception {
            Algorithm a = switch (algorithm) {
                case "logistic" -> Algorithm.LOGISTIC;
                case "boosting" -> Algorithm.GRADIENT_BOOSTING;
                default -> throw new IllegalArgumentException("--algorithm must be logistic or boosting");
            };
            Instant end = instant(to, Instant.now()), start = instant(from, end.minus(Duration.ofDays(540)));
            var serving = data.serving();
            if (serving.isPresent()) {
                // The serving node trains it and uses the new version at once.
                var t = serving.get().post("/v1/models/" + model + "/train?algorithm=" + algorithm + "&from=" + start + "&to=" + end, null);
                System.out.printf(Locale.ROOT, "%s: trained by the node at %s on %,d examples (%,d positive); AUC %.3f on held-out customers, %.3f after %s%n",
                        t.at("/card/model").asText(model), serving.get().url(), t.path("examples").asLong(), t.path("positives").asLong(),
                        t.at("/byCustomer/auc").asDouble(), t.at("/byTime/auc").asDouble(), t.path("timeCutoff").asText());
                return 0;
            }
            try (var open = data.open()) {
                var t = open.node().intelligence().train(model, a, start, end, new ConsoleProgress(System.err));
                System.out.printf(Locale.ROOT, "%s: %,d examples (%,d positive) from %s to %s%n", t.card().model(), t.examples(), t.positives(),
                        t.card().trainingWindow().from(), t.card().trainingWindow().to());
                print("held-out customers", t.byCustomer());
                print("after " + t.timeCutoff(), t.byTime());
            }
            return 0;
        }

        static void print(String split, Evaluation e) {
            System.out.printf(Locale.ROOT, "%n%s: %,d examples, %,d positive; AUC %.3f; precision in the top decile %.3f (lift %.2f); Brier %.4f%n",
                    split, e.count(), e.positives(), e.auc(), e.precisionAtTopDecile(), e.liftAtTopDecile(), e.brier());
            TextTable t = new TextTable("predicted", "customers", "mean predicted", "observed");
            for (var b : e.calibration())
                t.row(String.format(Locale.ROOT, "%.1f-%.1f", b.lower(), b.upper()), b.count(),
                        b.count() == 0 ? null : String.format(Locale.ROOT, "%.3f", b.meanPredicted()),
                        b.count() == 0 ? null : String.format(Locale.ROOT, "%.3f", b.observedRate()));
            t.print(System.out);
        }
    }

    @Command(name = "sentiment", description = {"The sentiment of a message: touchline intelligence sentiment 'not happy at all'.",
            "--train learns from the company's own rated messages and saves the model the node then uses (beside a serving",
            "node, the node trains it as a job and uses it at once)."})
    static final class Sentiments implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(arity = "0..*", paramLabel = "TEXT", description = "the message to score") List<String> text;
        @Option(names = "--train", description = "train on the company's own rated messages and save the model") boolean train;

        @Override
        public Integer call() throws Exception {
            // Scoring a message only reads (the saved model): it runs beside a serving node. Training writes the model
            // and the node must use it: beside a serving node, the node trains it as a job.
            if (train) {
                var serving = data.serving();
                if (serving.isPresent()) {
                    var t = serving.get().job("sentiment-train", new ConsoleProgress(System.err));
                    printTraining(t.path("examples").asInt(), t.at("/trained/macroF1").asDouble(), t.at("/trained/accuracy").asDouble(),
                            t.at("/lexicon/macroF1").asDouble(), t.at("/lexicon/accuracy").asDouble(), t.hasNonNull("file") ? t.get("file").asText() : null);
                    return 0;
                }
            }
            try (var open = train ? data.open() : data.openToRead()) {
                if (train) {
                    var t = open.node().intelligence().trainSentiment(new ConsoleProgress(System.err));
                    printTraining(t.examples(), t.trained().macroF1(), t.trained().accuracy(), t.lexicon().macroF1(), t.lexicon().accuracy(),
                            t.kept() ? t.file().toString() : null);
                    return 0;
                }
                if (text == null || text.isEmpty()) throw new IllegalArgumentException("give the message text, or --train");
                Sentiment s = open.node().intelligence().sentiment().of(String.join(" ", text));
                System.out.printf(Locale.ROOT, "%s (score %+.3f, confidence %.2f)%n", s.label().name().toLowerCase(Locale.ROOT), s.score(), s.confidence());
                s.drivers().forEach(d -> System.out.println("  " + d));
            }
            return 0;
        }

        /** A training's evaluation on the fifth held out, and where the model was saved (null: not kept). */
        private static void printTraining(int examples, double trainedF1, double trainedAccuracy, double lexiconF1, double lexiconAccuracy, String file) {
            System.out.printf(Locale.ROOT, "On the fifth held out of %,d rated messages: trained macro-F1 %.3f (accuracy %.3f); customer-care lexicon default macro-F1 %.3f (accuracy %.3f)%n",
                    examples, trainedF1, trainedAccuracy, lexiconF1, lexiconAccuracy);
            System.out.println(file != null ? "Saved to " + file + "; the node reads messages with it from now on."
                    : "Not kept: it did not beat the default, which stays in use.");
        }
    }

    @Command(name = "check", description = {"Quality on the shared evaluation data (../shared/data): churn AUC on telco_churn's fixed split,",
            "sentiment accuracy and macro-F1 on the airline tweets, demand MASE and interval coverage on bank_calls.",
            "Models trained here live only in memory: nothing trained on that data is kept."})
    static final class Check implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "../shared/data", description = "the evaluation data folder (default: ${DEFAULT-VALUE})") Path data;
        @Option(names = "--only", description = "telco, sentiment or bank-calls") String only;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(data)) throw new IllegalArgumentException("no evaluation data at " + data.toAbsolutePath() + ": give --data");
            String d = data.toString();
            if (only == null || only.equals("telco")) {
                System.out.println("== churn propensity: telco_churn, test = md5(customerID) mod 5 == 0");
                TelcoChurnCheck.main(new String[]{d});
            }
            if (only == null || only.equals("sentiment")) {
                System.out.println("\n== sentiment: twitter_airline_sentiment/tweets_dev.csv, 80/20 by tweet id");
                SentimentCheck.main(new String[]{d});
            }
            if (only == null || only.equals("bank-calls")) {
                System.out.println("\n== demand: bank_calls, backtest on the last 20 days");
                BankCallsCheck.main(new String[]{d});
            }
            return 0;
        }
    }

    @Command(name = "forecast", description = "Contacts per interval for a staffed channel with 80/95 %% intervals, its backtest, and the agents needed (Erlang C).")
    static final class Forecast implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "CHANNEL", description = "call_centre, chat, store or social") String channel;
        @Option(names = "--interval", defaultValue = "1h", description = "15m, 1h or 1d") String interval;
        @Option(names = "--days", defaultValue = "7", description = "days to forecast (default: ${DEFAULT-VALUE})") int days;
        @Option(names = "--service-level", defaultValue = "0.8", description = "share of contacts answered within --answer-seconds (default: ${DEFAULT-VALUE})") double level;
        @Option(names = "--answer-seconds", defaultValue = "20", description = "the service level's answer time (default: ${DEFAULT-VALUE})") int within;
        @Option(names = "--shrinkage", defaultValue = "0.3", description = "share of agents' time away from contacts (default: ${DEFAULT-VALUE})") double shrinkage;
        @Option(names = "--aht-seconds", description = "average handling time (default: the channel's)") Integer aht;

        @Override
        public Integer call() throws Exception {
            Duration step = switch (interval) {
                case "15m" -> Duration.ofMinutes(15);
                case "1h" -> Duration.ofHours(1);
                case "1d" -> Duration.ofDays(1);
                default -> throw new IllegalArgumentException("--interval must be 15m, 1h or 1d");
            };
            try (var open = data.openToRead()) {
                ContactDemand.Report r = open.node().demand().forecast(channel, step, days, 20, ServiceTarget.of(level, Duration.ofSeconds(within)),
                        shrinkage, aht == null ? null : Duration.ofSeconds(aht));
                var b = r.backtest();
                System.out.printf(Locale.ROOT, "%s: %,d contacts from %s to %s.%nBacktest over the last %d days: MASE %.3f (seasonal naive %.3f, four-week mean %.3f); "
                                + "80%% interval covered %.1f%%, 95%% covered %.1f%%.%n%n", channel, r.contacts(), r.historyFrom(), r.historyTo(), b.testDays(),
                        b.mase(), b.seasonalNaiveMase(), b.fourWeekMeanMase(), b.coverage80() * 100, b.coverage95() * 100);
                TextTable t = new TextTable("interval", "forecast", "80% interval", "agents", "scheduled", "service level");
                for (int k = 0; k < r.forecast().intervals().size(); k++) {
                    var f = r.forecast().intervals().get(k);
                    var s = r.staffing() == null ? null : r.staffing().intervals().get(k);
                    t.row(f.start().toString().replace('T', ' '), String.format(Locale.ROOT, "%.1f", f.expected()),
                            String.format(Locale.ROOT, "%.0f-%.0f", f.lower80(), f.upper80()), s == null ? null : s.agents(),
                            s == null ? null : s.scheduledStaff(), s == null ? null : String.format(Locale.ROOT, "%.0f%%", s.serviceLevel() * 100));
                }
                t.print(System.out);
            }
            return 0;
        }
    }
}
