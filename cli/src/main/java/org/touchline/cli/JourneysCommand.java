package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.journeys.CoChurnResult;
import org.touchline.journeys.CohortQuery;
import org.touchline.journeys.CohortTable;
import org.touchline.journeys.Distribution;
import org.touchline.journeys.FlowReport;
import org.touchline.journeys.FunnelResult;
import org.touchline.journeys.JourneyStates;
import org.touchline.journeys.PathResult;
import org.touchline.journeys.ProductView;
import org.touchline.journeys.QueryJson;
import org.touchline.node.Analytics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code touchline journeys ...}: the journey analytics of docs/analytics.md as tables, on a snapshot of the customers who allow
 * analytics. Each query takes the same JSON as the HTTP API ({@code --query file.json} or {@code --query '{...}'}) or,
 * for the common cases, options; {@code --json} prints the API's answer instead of tables.
 */
@Command(name = "journeys", description = "Journey analytics: funnels, paths, lead and cycle times, journeys, product views, co-churn, retention cohorts (aggregates only).",
        subcommands = {JourneysCommand.Funnel.class, JourneysCommand.Paths.class, JourneysCommand.Flow.class, JourneysCommand.States.class,
                JourneysCommand.Product.class, JourneysCommand.CoChurn.class, JourneysCommand.Cohorts.class})
final class JourneysCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    /** What every query command shares: the data directory, the query, JSON output. */
    abstract static class Query implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--query", description = "the query as JSON, or a file holding it (see docs/analytics.md)") String query;
        @Option(names = "--json", description = "print the answer as the API's JSON") boolean json;
        @Option(names = "--min-count", description = "suppress counts below this (default 5)") Integer minimumCount;

        abstract Object run(Analytics.Snapshot s, ObjectNode q);

        abstract void print(Object result);

        /** Options that are not in --query, added to it (a --query value wins). */
        void options(ObjectNode q) {}

        @Override
        public Integer call() throws Exception {
            ObjectNode q = parse(query);
            options(q);
            if (minimumCount != null && !q.has("minimumCount")) q.put("minimumCount", minimumCount);
            try (var open = data.openToRead()) {
                Analytics.Snapshot s = open.node().analytics().refresh(new ConsoleProgress(System.err));
                Object result = run(s, q);
                if (json) {
                    System.out.println(InteractionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
                    return 0;
                }
                System.out.printf(Locale.ROOT, "Snapshot: %,d entries, %,d customers who allow analytics, %,d interactions (built from the ledger in %,d ms).%n%n",
                        s.entries(), s.customers(), s.table().size(), s.buildMillis());
                print(result);
            }
            return 0;
        }

        static ObjectNode parse(String query) throws IOException {
            if (query == null || query.isBlank()) return InteractionJson.MAPPER.createObjectNode();
            String text = query.strip().startsWith("{") ? query : Files.readString(Path.of(query));
            JsonNode n = InteractionJson.MAPPER.readTree(text);
            if (!n.isObject()) throw new IllegalArgumentException("--query must be a JSON object");
            return (ObjectNode) n;
        }
    }

    /** A query that follows journeys: when a silent journey counts as abandoned. */
    abstract static class JourneyQuery extends Query {
        @Option(names = "--silence-days", description = "a journey is abandoned after this many silent days (default 30)") Integer silence;

        @Override
        void options(ObjectNode q) { if (silence != null && !q.has("silenceDays")) q.put("silenceDays", silence); }
    }

    @Command(name = "funnel", description = {"Conversion through ordered steps. Steps by stage: --steps interest,consideration,decision",
            "(each step within --window-days of the previous), or any filters with --query."})
    static final class Funnel extends Query {
        @Option(names = "--steps", split = ",", description = "stages, in order") List<String> steps;
        @Option(names = "--window-days", defaultValue = "30", description = "days each step may follow the previous one (default: ${DEFAULT-VALUE})") int window;
        @Option(names = "--from", description = "first day customers may enter (yyyy-mm-dd)") String from;
        @Option(names = "--to", description = "day after the last day customers may enter") String to;
        @Option(names = "--split", description = "channel, source, product or segment") String split;

        @Override
        void options(ObjectNode q) {
            if (!q.has("steps")) {
                if (steps == null) throw new IllegalArgumentException("say which steps: --steps interest,consideration,decision or --query");
                // The same shorthand POST /v1/analytics/funnel takes: stage names, one window for every step.
                var a = q.putArray("steps");
                steps.forEach(a::add);
                if (!q.has("windowDays")) q.put("windowDays", window);
            }
            if (from != null) q.put("from", from);
            if (to != null) q.put("to", to);
            if (split != null) q.put("split", split);
        }

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().funnel(QueryJson.funnel(q)); }

        @Override
        void print(Object result) {
            FunnelResult f = (FunnelResult) result;
            table(f.steps()).print(System.out);
            for (FunnelResult.Group g : f.groups()) {
                System.out.println();
                System.out.println(f.split().name().toLowerCase(Locale.ROOT) + " = " + g.value());
                table(g.steps()).print(System.out);
            }
        }

        private static TextTable table(List<FunnelResult.StepResult> steps) {
            TextTable t = new TextTable("step", "entered", "dropped off", "conversion", "overall", "p50 from previous", "p90");
            for (var s : steps)
                t.row(s.name(), s.entered(), s.droppedOff(), TextTable.percent(s.conversion()), TextTable.percent(s.overallConversion()),
                        TextTable.duration(s.p50Seconds()), TextTable.duration(s.p90Seconds()));
            return t;
        }
    }

    @Command(name = "paths", description = "The most common paths before and after a step: --anchor-stage decision (or --anchor-type order_placed), by stage or channel.")
    static final class Paths extends Query {
        @Option(names = "--anchor-stage", description = "the step as a journey stage (e.g. decision)") String stage;
        @Option(names = "--anchor-type", description = "the step as an interaction type (e.g. order_placed)") String type;
        @Option(names = "--product", description = "the step's product") String product;
        @Option(names = "--by", description = "stage, channel or type") String by;
        @Option(names = "--window-days", description = "days before and after the step to look (default: 90)") Integer window;

        @Override
        void options(ObjectNode q) {
            if (!q.has("anchor")) {
                if (stage == null && type == null) throw new IllegalArgumentException("say which step: --anchor-stage decision, --anchor-type ... or --query");
                ObjectNode a = q.putObject("anchor");
                if (stage != null) a.putArray("stages").add(stage);
                if (type != null) a.putArray("types").add(type);
                if (product != null) a.putArray("products").add(product);
            }
            if (by != null) q.put("by", by);
            if (window != null) q.put("windowDays", window);
        }

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().paths(QueryJson.paths(q)); }

        @Override
        void print(Object result) {
            PathResult p = (PathResult) result;
            System.out.println("Anchored: " + p.anchored() + " (paths by " + p.by().name().toLowerCase(Locale.ROOT) + ")");
            TextTable t = new TextTable("before", "anchor", "after", "units", "share");
            for (var x : p.top()) t.row(String.join(" > ", x.before()), x.anchor(), String.join(" > ", x.after()), x.units(), TextTable.percent(x.share()));
            t.print(System.out);
            if (p.otherUnits() != null) System.out.println("other paths: " + p.otherUnits() + " units");
        }
    }

    @Command(name = "flow", description = "Lead time (first touch of a journey to its decision) and cycle time per stage, p50/p90, by channel, product and month.")
    static final class Flow extends JourneyQuery {

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().flow(QueryJson.flow(q)); }

        @Override
        void print(Object result) {
            FlowReport r = (FlowReport) result;
            TextTable t = new TextTable("lead time", "journeys", "p50", "p90");
            dist(t, "all", r.leadTime());
            r.leadTimeByChannel().forEach(g -> dist(t, "channel " + g.key(), g.distribution()));
            r.leadTimeByProduct().forEach(g -> dist(t, "product " + g.key(), g.distribution()));
            r.leadTimeByMonth().forEach(g -> dist(t, "month " + g.key(), g.distribution()));
            t.print(System.out);
            System.out.println();
            TextTable c = new TextTable("cycle time in stage", "stays", "p50", "p90");
            r.cycleTimes().forEach(sc -> dist(c, sc.stage().id(), sc.overall()));
            c.print(System.out);
        }
    }

    @Command(name = "states", description = "Journeys started, in progress, converted and abandoned, overall and per product.")
    static final class States extends JourneyQuery {

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().journeys(QueryJson.journeys(q)); }

        @Override
        void print(Object result) {
            JourneyStates j = (JourneyStates) result;
            TextTable t = new TextTable("product", "started", "in progress", "converted", "abandoned", "conversion");
            t.row("(all)", j.all().started(), j.all().inProgress(), j.all().converted(), j.all().abandoned(), TextTable.percent(j.all().conversionRate()));
            for (var p : j.byProduct())
                t.row(p.product(), p.counts().started(), p.counts().inProgress(), p.counts().converted(), p.counts().abandoned(),
                        TextTable.percent(p.counts().conversionRate()));
            t.print(System.out);
            System.out.println("decisions with no journey open: " + j.directDecisions());
        }
    }

    @Command(name = "product", description = "A product's buyers, the channels and paths before and after buying, and the support load afterwards.")
    static final class Product extends Query {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "the product (SKU)") String product;

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().product(QueryJson.product(product, q)); }

        @Override
        void print(Object result) {
            ProductView v = (ProductView) result;
            System.out.printf(Locale.ROOT, "%s: %s buyers; support touches per buyer per 30 days: %s before, %s after%n%n", v.product(),
                    v.buyers(), v.supportPer30DaysBefore() == null ? "-" : String.format(Locale.ROOT, "%.2f", v.supportPer30DaysBefore()),
                    v.supportPer30DaysAfter() == null ? "-" : String.format(Locale.ROOT, "%.2f", v.supportPer30DaysAfter()));
            TextTable t = new TextTable("channel", "bought through", "used before", "used after");
            for (var c : v.buyersByChannel())
                t.row(c.key(), c.units(), count(v.channelsBefore(), c.key()), count(v.channelsAfter(), c.key()));
            t.print(System.out);
        }

        private static Long count(List<ProductView.Count> counts, String key) {
            return counts.stream().filter(c -> c.key().equals(key)).map(ProductView.Count::units).findFirst().orElse(null);
        }
    }

    @Command(name = "co-churn", description = "Do customers linked by a household, an organisation or meeting churn close together? Groups and lift over the base rate.")
    static final class CoChurn extends Query {
        @Option(names = "--window-days", description = "days within which linked customers' churn counts as together") Integer window;

        @Override
        void options(ObjectNode q) { if (window != null && !q.has("windowDays")) q.put("windowDays", window); }

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().coChurn(QueryJson.coChurn(q)); }

        @Override
        void print(Object result) {
            CoChurnResult r = (CoChurnResult) result;
            System.out.println("customers: " + r.customers() + ", with the event: " + r.withEvent());
            TextTable t = new TextTable("linked by", "groups", "pairs", "followed", "conditional rate", "base rate", "lift");
            for (var k : r.kinds())
                t.row(k.kind().name().toLowerCase(Locale.ROOT), k.groupCount(), k.pairs(), k.followed(), TextTable.percent(k.conditionalRate()),
                        TextTable.percent(k.baseRate()), k.lift() == null ? null : String.format(Locale.ROOT, "%.2f", k.lift()));
            t.print(System.out);
        }
    }

    @Command(name = "cohorts", description = {"Retention cohorts: customers by the month of their first interaction (--by first-month), the first",
            "product they bought (product) or the channel they came through (channel), and the share active again each period after."})
    static final class Cohorts extends Query {
        @Option(names = "--by", description = "first-month (default), product or channel") String by;
        @Option(names = "--period", description = "month (default) or week") String period;
        @Option(names = "--activity", description = "what counts as coming back: any (default) interaction, or a purchase") String activity;
        @Option(names = "--from", description = "first day customers may have started (yyyy-mm-dd)") String from;
        @Option(names = "--to", description = "day after the last day customers may have started") String to;
        @Option(names = "--periods", description = "periods after the start to show (default 12)") Integer periods;

        @Override
        void options(ObjectNode q) {
            if (by != null) q.put("by", by);
            if (period != null) q.put("period", period);
            if (activity != null) q.put("activity", activity);
            if (from != null) q.put("from", from);
            if (to != null) q.put("to", to);
            if (periods != null) q.put("periods", periods);
        }

        @Override
        Object run(Analytics.Snapshot s, ObjectNode q) { return s.queries().cohorts(QueryJson.cohorts(q)); }

        @Override
        void print(Object result) {
            CohortTable r = (CohortTable) result;
            int width = r.overall().cells().size();
            String unit = r.period() == CohortQuery.Period.WEEK ? "week " : "month ";
            List<String> head = new ArrayList<>(List.of("cohort", "customers"));
            for (int k = 0; k < width; k++) head.add(unit + k);
            TextTable t = new TextTable(head.toArray(String[]::new));
            for (CohortTable.Cohort c : r.cohorts()) t.row(row(c, r.minimumCount(), true));
            t.row(row(r.overall(), r.minimumCount(), false));
            t.print(System.out);
            System.out.printf(Locale.ROOT, "Share of each cohort active (%s) in each %safter its start; < %d: fewer customers than that, hidden; "
                    + "* the period is still running (data up to %s).%n", r.activity() == CohortQuery.Activity.ANY ? "any interaction" : "a purchase",
                    unit, r.minimumCount(), r.dataEnd());
        }

        /** A cohort's row; in the overall one a running period is not marked, as the latest cohort makes nearly every one so. */
        private static Object[] row(CohortTable.Cohort c, int min, boolean markRunning) {
            List<Object> cells = new ArrayList<>(List.of(markRunning ? c.cohort() : "(all)", c.suppressed() ? "< " + min : c.customers()));
            for (CohortTable.Cell x : c.cells())
                cells.add(x.suppressed() ? "< " + min : TextTable.percent(x.rate()) + (markRunning && x.partial() ? "*" : ""));
            return cells.toArray();
        }
    }

    static void dist(TextTable t, String name, Distribution d) {
        t.row(name, d.count(), TextTable.duration(d.p50Seconds()), TextTable.duration(d.p90Seconds()));
    }
}
