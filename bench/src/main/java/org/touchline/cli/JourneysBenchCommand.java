package org.touchline.cli;

import org.touchline.domain.PeakHeap;

import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.DemoTouch;
import org.touchline.journeys.CohortQuery;
import org.touchline.journeys.CohortTable;
import org.touchline.journeys.Cohorts;
import org.touchline.journeys.FlowMetrics;
import org.touchline.journeys.FlowQuery;
import org.touchline.journeys.FlowReport;
import org.touchline.journeys.FunnelQuery;
import org.touchline.journeys.FunnelResult;
import org.touchline.journeys.Funnels;
import org.touchline.journeys.PathQuery;
import org.touchline.journeys.PathResult;
import org.touchline.journeys.Paths;
import org.touchline.journeys.Stage;
import org.touchline.journeys.StageMap;
import org.touchline.journeys.Touch;
import org.touchline.journeys.TouchFilter;
import org.touchline.journeys.TouchTable;
import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code touchline journeys bench}: journey analytics on the demo generator's interactions (docs/benchmarks.md). For
 * each size the touches are streamed from {@link DemoCompany#touches} into a {@link TouchTable} (customer = the
 * generator's customer number, household = its household number), with progress; then a five-step funnel, a path
 * query, the lead-time report and two retention cohort tables each run once cold and five times warm (the median is
 * reported), with the peak heap over the queries.
 * <pre>
 * JAVA_OPTS=-Xmx3g ./touchline journeys bench --sizes 1000000,3000000,10000000
 * </pre>
 */
@CommandLine.Command(name = "bench", description = {"Time a 5-step funnel, a path query, the lead-time report and retention cohorts on generated interactions.",
        "Progress goes to stderr; the table (markdown) to stdout."})
final class JourneysBenchCommand implements Callable<Integer> {
    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z"), TO = Instant.parse("2026-09-01T00:00:00Z");

    @CommandLine.Option(names = "--sizes", split = ",", defaultValue = "1000000,3000000,10000000",
            description = "interactions per run (default: ${DEFAULT-VALUE})") long[] sizes;
    @CommandLine.Option(names = "--seed", defaultValue = "1969", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "journeys bench: %d cores, max heap %d MB, seed %d%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, seed);
        List<String> rows = new ArrayList<>();
        for (long n : sizes) rows.addAll(run(n, seed));
        System.out.println();
        System.out.println("| touches | customers | generate + add s | build s | heap after build MB | query | cold ms | warm ms (median of 5) | peak heap MB | answer |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        return 0;
    }

    private static List<String> run(long n, long seed) {
        int customers = (int) Math.max(50, n / 50);
        double[] seconds = new double[2];
        TouchTable table = load(new DemoCompany(new DemoSize(customers, n, 18), seed), n, seconds);
        double generate = seconds[0], build = seconds[1];
        PeakHeap peak = new PeakHeap();
        peak.reset();
        long heap = used();
        System.err.printf(Locale.ROOT, "  %,d touches: table of %,d rows, %,d customers built; querying%n", n, table.size(), table.customerCount());

        String head = String.format(Locale.ROOT, "| %,d | %,d | %.1f | %.1f | %d |", table.size(), table.customerCount(), generate, build, heap >> 20);
        List<String> out = new ArrayList<>();
        Funnels funnels = new Funnels(table);
        FunnelQuery funnel = funnel();
        out.add(head + measure("5-step funnel", peak, () -> funnels.run(funnel), r -> {
            FunnelResult f = (FunnelResult) r;
            return "entered " + f.steps().get(0).entered() + ", last step " + f.steps().get(4).entered();
        }));
        Paths paths = new Paths(table);
        PathQuery path = PathQuery.around(TouchFilter.stage(Stage.DECISION));
        out.add(head.replaceAll("[^|]", " ") + measure("paths around a decision (stages, 90 days, depth 4)", peak, () -> paths.run(path), r -> {
            PathResult p = (PathResult) r;
            return "anchored " + p.anchored() + ", " + p.sankey().links().size() + " links";
        }));
        FlowMetrics flow = new FlowMetrics(table);
        out.add(head.replaceAll("[^|]", " ") + measure("lead-time report", peak, () -> flow.run(FlowQuery.all()), r -> {
            FlowReport f = (FlowReport) r;
            return "journeys " + f.leadTime().count() + ", p50 " + f.leadTime().p50Seconds() / 3600 + " h";
        }));
        Cohorts cohorts = new Cohorts(table);
        CohortQuery byMonth = CohortQuery.by(CohortQuery.By.FIRST_MONTH);
        out.add(head.replaceAll("[^|]", " ") + measure("retention cohorts by first month (12 months, any activity)", peak, () -> cohorts.run(byMonth), r -> {
            CohortTable c = (CohortTable) r;
            return c.cohorts().size() + " cohorts, month 1 " + percent(c.overall().cells().get(1).rate());
        }));
        CohortQuery byProduct = CohortQuery.by(CohortQuery.By.PRODUCT).with(CohortQuery.Period.WEEK, CohortQuery.Activity.PURCHASE);
        out.add(head.replaceAll("[^|]", " ") + measure("retention cohorts by first product (12 weeks, purchases)", peak, () -> cohorts.run(byProduct), r -> {
            CohortTable c = (CohortTable) r;
            return c.cohorts().size() + " cohorts, " + c.overall().customers() + " buyers";
        }));
        return out;
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** Streams the company's touches into a builder and builds the table; the builder is garbage once this returns. */
    private static TouchTable load(DemoCompany company, long n, double[] seconds) {
        TouchTable.Builder builder = TouchTable.builder(StageMap.defaults());
        long t0 = System.nanoTime();
        long[] nextReport = {0};
        company.touches((phase, done, total) -> {
            if (phase.equals("interactions") && (done >= nextReport[0] || done == total)) {
                System.err.printf(Locale.ROOT, "  %,d touches: %s %,d of %,d (%.0f s)%n", n, phase, done, total, (System.nanoTime() - t0) / 1e9);
                nextReport[0] = done + Math.max(1, total / 10);
            }
        }, t -> builder.add(touch(t)));
        seconds[0] = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        TouchTable table = builder.build();
        seconds[1] = (System.nanoTime() - t1) / 1e9;
        return table;
    }

    private static String measure(String name, PeakHeap peak, Supplier<Object> query, Function<Object, String> answer) {
        peak.reset();
        long t = System.nanoTime();
        Object first = query.get();
        double cold = (System.nanoTime() - t) / 1e6;
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) {
            t = System.nanoTime();
            query.get();
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        System.err.printf(Locale.ROOT, "    %s: cold %.0f ms, warm %s ms%n", name, cold, Arrays.toString(warm));
        return String.format(Locale.ROOT, " %s | %.0f | %.0f | %d | %s |", name, cold, warm[2], peak.peakInUse() >> 20, answer.apply(first));
    }

    /** The benchmark's funnel: noticed or looked, viewed a product, considered, decided, needed support afterwards. */
    static FunnelQuery funnel() {
        return new FunnelQuery(List.of(
                new FunnelQuery.Step("aware or interested", TouchFilter.stage(Stage.AWARENESS, Stage.INTEREST), null),
                new FunnelQuery.Step("product view", TouchFilter.type("product_view"), Duration.ofDays(14)),
                new FunnelQuery.Step("consideration", TouchFilter.stage(Stage.CONSIDERATION), Duration.ofDays(14)),
                new FunnelQuery.Step("decision", TouchFilter.stage(Stage.DECISION), Duration.ofDays(7)),
                new FunnelQuery.Step("support", TouchFilter.stage(Stage.SUPPORT), Duration.ofDays(30))), FROM, TO);
    }

    static Touch touch(DemoTouch t) {
        return new Touch("c" + t.customer(), "h" + t.household(), null, Instant.ofEpochMilli(t.at()), t.channel(), t.type(),
                t.source(), t.products(), null, t.store());
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
