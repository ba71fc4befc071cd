package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.journeys.Stage;
import org.touchline.node.MatchModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code touchline spark}: batch jobs on Apache Spark over a ledger export. Main class of {@code touchline-spark.jar}
 * for {@code spark-submit}; {@code touchline spark ...} runs the same in local mode (docs/spark.md).
 */
@Command(name = "touchline spark", mixinStandardHelpOptions = true,
        description = "Batch jobs on Apache Spark over a ledger export: export, resolve, apply, journeys, bench.",
        subcommands = {SparkJobs.Export.class, SparkJobs.Resolve.class, SparkJobs.Apply.class, SparkJobs.Journeys.class,
                BatchBenchmark.class, CommandLine.HelpCommand.class})
public final class SparkJobs implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkJobs());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("touchline spark: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
            if (System.getenv("TOUCHLINE_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }

    /** A local export path that is not there gets one clear line; cluster paths (hdfs://, s3a://) are Spark's to check. */
    static String existing(String path, String option) {
        if (!path.contains("://") && !Files.isDirectory(Path.of(path)))
            throw new IllegalArgumentException(option + " " + path + ": no such directory (write one with `touchline spark export`)");
        return path;
    }

    /** {@code --master}: where Spark runs when not under spark-submit. */
    static final class Master {
        @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL",
                description = "Spark master when run directly (default local[2]; spark-submit's own setting wins)") String master;
    }

    @Command(name = "export", description = {"Export the ledger's interactions to Parquet, partitioned by month (one row per interaction and customer).",
            "Non-personal columns only, unless --personal adds the identifiers the matcher compares (name, date of birth,",
            "postcode, address, emails, phones), opened from the vault: `spark resolve` needs them."})
    static final class Export implements Callable<Integer> {
        @Option(names = {"--data", "-d", "--data-dir"}, required = true, paramLabel = "DIR", description = "the node's data directory") Path data;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "Parquet directory to write (replaced)") String out;
        @Option(names = "--personal", description = "also export the subject's match identifiers (personal data: keep the output as safe as the vault)") boolean personal;
        @CommandLine.Mixin Master master = new Master();

        @Override
        public Integer call() throws Exception {
            try (OpenNode open = OpenNode.at(data); SparkSession spark = Sessions.open("export", master.master)) {
                LedgerExport.Result r = LedgerExport.run(open.node(), spark, out, personal, new StderrProgress(System.err));
                System.out.printf(Locale.ROOT, "%,d rows (%,d interactions, %,d customers) written to %s, partitioned by month%n",
                        r.rows(), r.interactions(), r.customers(), out);
                System.out.println("columns: " + String.join(", ", LedgerExport.COLUMNS) + (personal ? ", identifiers (personal)" : " (no personal data)"));
            }
            return 0;
        }
    }

    @Command(name = "resolve", description = {"Batch identity resolution over an export made with --personal, with the node's own match model",
            "(identity-model.json in --data, else the defaults): the same blocking rules, comparisons, weights and thresholds",
            "as the online resolver. Writes OUT/decisions (links, for `spark apply`), OUT/reviews (pairs for a person) and",
            "OUT/clusters (Parquet: customer, cluster)."})
    static final class Resolve implements Callable<Integer> {
        @Option(names = "--export", required = true, paramLabel = "PATH", description = "Parquet written by `spark export --personal`") String export;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the decisions") String out;
        @Option(names = {"--data", "-d", "--data-dir"}, paramLabel = "DIR", description = "data directory whose identity-model.json to use (default: the default model)") Path data;
        @CommandLine.Mixin Master master = new Master();

        @Override
        public Integer call() throws Exception {
            PersonMatchModel model = data == null ? PersonMatchModel.defaults() : MatchModelFile.loadFrom(data);
            try (SparkSession spark = Sessions.open("resolve", master.master)) {
                Dataset<Row> profiles = CustomerProfiles.of(spark.read().parquet(existing(export, "--export")));
                BatchResolver.Run run = new BatchResolver(model).run(profiles, Instant.now());
                DecisionFiles.write(run, out);
                long links = run.links().count(), reviews = run.reviews().count();
                long linked = run.clusters().count(), clusters = run.clusters().select("cluster").distinct().count();
                System.out.printf(Locale.ROOT, "model %s: %,d customer profiles%n", model.version().substring(0, 12), profiles.count());
                System.out.printf(Locale.ROOT, "links %,d (%,d customers in %,d clusters): %s/%s%n", links, linked, clusters, out, DecisionFiles.DECISIONS);
                System.out.printf(Locale.ROOT, "reviews %,d: %s/%s%n", reviews, out, DecisionFiles.REVIEWS);
                if (links > 0) System.out.println("record the links: touchline spark apply --data DIR --decisions " + out + "/" + DecisionFiles.DECISIONS);
            }
            return 0;
        }
    }

    @Command(name = "apply", description = {"Record a resolve run's links on the ledger: each merges two customers as an accepted review does,",
            "by actor '" + BatchResolver.ACTOR + "', with the batch's score and model. No Spark needed."})
    static final class Apply implements Callable<Integer> {
        @Option(names = {"--data", "-d", "--data-dir"}, required = true, paramLabel = "DIR") Path data;
        @Option(names = "--decisions", required = true, paramLabel = "DIR", description = "OUT/decisions of a resolve run") Path decisions;

        @Override
        public Integer call() throws Exception {
            try (OpenNode open = OpenNode.at(data)) {
                DecisionFiles.Applied a = DecisionFiles.apply(open.node(), decisions);
                System.out.printf(Locale.ROOT, "merges recorded: %,d; already one customer: %,d; refused: %,d%n", a.recorded(), a.alreadyOne(), a.refused().size());
                a.refused().stream().limit(10).forEach(r -> System.out.println("refused " + r));
            }
            return 0;
        }
    }

    @Command(name = "journeys", description = {"Journey metrics over an export: a funnel through --funnel stages split by the entry channel, and",
            "lead times of converted journeys by channel (the journeys module's engine and stage map, run per partition)."})
    static final class Journeys implements Callable<Integer> {
        @Option(names = "--export", required = true, paramLabel = "PATH") String export;
        @Option(names = "--stages", paramLabel = "YAML", description = "stage map (default: the shipped journey-stages.yaml)") Path stages;
        @Option(names = "--funnel", split = ",", defaultValue = "awareness,interest,consideration,decision", paramLabel = "STAGE,...",
                description = "funnel steps, as stages (default: ${DEFAULT-VALUE})") List<String> funnel;
        @Option(names = "--minimum-count", defaultValue = "5", description = "counts below this are shown as '<N' (default ${DEFAULT-VALUE})") int minimum;
        @CommandLine.Mixin Master master = new Master();

        @Override
        public Integer call() throws Exception {
            if (minimum < 1) throw new IllegalArgumentException("--minimum-count must be at least 1");
            List<Stage> steps = funnel.stream().map(Stage::of).toList();
            String yaml = stages == null ? null : Files.readString(stages);
            JourneyMetrics.stageMap(yaml); // a bad file fails here, once, naming the rule
            try (SparkSession spark = Sessions.open("journeys", master.master)) {
                JourneyMetrics.Report r = JourneyMetrics.run(spark.read().parquet(existing(export, "--export")), yaml, steps);
                System.out.println("funnel " + String.join(" > ", funnel) + " (customers who allow analytics; by entry channel)");
                String group = null;
                for (JourneyMetrics.FunnelStep s : r.funnel()) {
                    if (!s.group().equals(group)) System.out.println("  " + (group = s.group()));
                    System.out.printf(Locale.ROOT, "    %d %-22s %s%n", s.step() + 1, s.name(), shown(s.entered()));
                }
                System.out.println("lead time to decision by channel: journeys, p50, p90");
                for (JourneyMetrics.LeadTimes l : r.leadTimes()) {
                    if (l.journeys() < minimum) System.out.printf(Locale.ROOT, "  %-20s <%d%n", l.channel(), minimum);
                    else System.out.printf(Locale.ROOT, "  %-20s %,d  %s  %s%n", l.channel(), l.journeys(), duration(l.p50Seconds()), duration(l.p90Seconds()));
                }
            }
            return 0;
        }

        private String shown(long n) { return n > 0 && n < minimum ? "<" + minimum : String.format(Locale.ROOT, "%,d", n); }

        private static String duration(long seconds) {
            return seconds >= 86_400 ? String.format(Locale.ROOT, "%.1f d", seconds / 86_400.0) : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
    }
}
