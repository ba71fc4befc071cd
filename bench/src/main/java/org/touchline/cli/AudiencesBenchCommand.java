package org.touchline.cli;

import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.node.Candidate;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Outcome;
import org.touchline.node.audience.AudienceEvaluator;
import org.touchline.node.audience.Audiences;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code touchline bench audiences}: how soon an audience's members follow an entry, on a real node and SQLite store of
 * {@code --customers} customers (one interaction each, in the last 60 days, in a random channel), with three audiences
 * defined and their first evaluation done: interactions are then appended at a steady rate for random customers, and
 * the latency from an entry's commit to the evaluator's recorded round that covers it (members changed, if they
 * change, in the same transaction) is measured, p50/p99, over every entry and over the entries that moved someone in or
 * out. The same run on {@code --baseline-customers} first is the baseline: the ratio says whether the population
 * matters.
 */
@Command(name = "audiences", description = {"Audience membership update latency (entry committed -> members recorded) at a population of customers,",
        "against the same run on a small population; three audiences over windows, counts and tenure."})
final class AudiencesBenchCommand implements Callable<Integer> {
    private static final String[] CHANNELS = {"call_centre", "web", "store", "email", "app", "chat"};
    private static final String[] TYPES = {"enquiry", "purchase", "complaint", "billing_enquiry", "order_placed", "technical_support"};
    static final Map<String, String> AUDIENCES = Map.of(
            "web-regulars", "customer.last30d.channels.web >= 2",
            "recent-complainers", "customer.last90d.types.complaint >= 1 && customer.complaintsOpen > 0",
            "loyal", "customer.interactions >= 3 && customer.tenureDays >= 30");

    @Option(names = "--customers", defaultValue = "1000000", description = "customers of the measured run (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--baseline-customers", defaultValue = "10000", description = "customers of the baseline run (default: ${DEFAULT-VALUE})") int baselineCustomers;
    @Option(names = "--rate", defaultValue = "200", description = "interactions appended per second while measuring (default: ${DEFAULT-VALUE})") int rate;
    @Option(names = "--seconds", defaultValue = "60", description = "how long to append while measuring (default: ${DEFAULT-VALUE})") int seconds;
    @Option(names = "--seed", defaultValue = "24", description = "seed of the customers and the entries (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--work-dir", defaultValue = "target/bench-audiences", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;

    /** What one run measured. */
    record Result(int customers, long members, double loadSeconds, double firstPassSeconds, long entries, double[] all, double[] moving) {}

    @Override
    public Integer call() throws Exception {
        Result base = run(baselineCustomers, work.resolve("baseline"));
        Result measured = run(customers, work.resolve("measured"));
        System.out.println();
        System.out.println("| customers | members | load | first evaluation | entries measured | p50 | p99 | max | p50, entries that moved someone | p99, those | p99 against baseline |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : List.of(base, measured))
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.0f s | %.0f s | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f |%n", r.customers, r.members,
                    r.loadSeconds, r.firstPassSeconds, r.entries, pct(r.all, 0.5), pct(r.all, 0.99), pct(r.all, 1.0), pct(r.moving, 0.5), pct(r.moving, 0.99),
                    pct(r.all, 0.99) / pct(base.all, 0.99));
        boolean met = pct(measured.all, 0.99) < 1000;
        System.out.println((met ? "ok      " : "FAILED  ") + "p99 under 1 s at " + String.format(Locale.ROOT, "%,d", customers) + " customers");
        return met ? 0 : 1;
    }

    private Result run(int population, Path dir) throws Exception {
        BenchCommand.deleteTree(dir);
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        Instant now = Instant.now();
        try (SqliteStore store = new SqliteStore(dir.resolve("node"));
             Node node = new Node(NodeIdentity.openOrCreate(dir.resolve("node"), "bench.touchline/log"), store.ledger(), store.projections(), store.deadLetters())) {
            System.out.printf("%,d customers: loading%n", population);
            long t0 = System.nanoTime();
            for (int from = 0; from < population; from += 10_000) {
                List<Candidate> batch = new ArrayList<>();
                for (int c = from; c < Math.min(population, from + 10_000); c++)
                    batch.add(new Candidate("c" + c, interaction(c, random, now.minus(Duration.ofSeconds(random.nextLong(60L * 86_400))))));
                node.submitAndWait("bench", batch);
                if ((from / 10_000) % 20 == 19) System.out.printf("  %,d loaded%n", from + 10_000);
            }
            double load = (System.nanoTime() - t0) / 1e9;

            Audiences audiences = node.audiences(store.audiences(), Clock.systemUTC(), AudienceEvaluator.Settings.DEFAULT);
            // The evaluator passes the history while no audience exists (a glance at each entry), as on a node that
            // has served for a while; the audiences' first evaluation then walks every customer once.
            audiences.evaluator().catchUp();
            for (var a : AUDIENCES.entrySet()) audiences.define(a.getKey(), a.getValue(), null, "bench");
            long t1 = System.nanoTime();
            audiences.evaluator().catchUp();
            double firstPass = (System.nanoTime() - t1) / 1e9;
            long members = 0;
            for (Audiences.Status s : audiences.list()) members += s.size();
            System.out.printf("  first evaluation of %d audiences: %.0f s, %,d members%n", AUDIENCES.size(), firstPass, members);

            // The measurement: the evaluator on its thread, entries at a steady rate, a watcher of its cursor.
            audiences.start();
            Map<Long, Long> committedAt = new ConcurrentHashMap<>(), seenAt = new ConcurrentHashMap<>();
            long start = node.ledger().size();
            Thread watcher = new Thread(() -> {
                long passed = start;
                while (!Thread.currentThread().isInterrupted()) {
                    long cursor = store.audiences().cursor();
                    long t = System.nanoTime();
                    for (long i = passed; i < cursor; i++) seenAt.putIfAbsent(i, t);
                    passed = Math.max(passed, cursor);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-audiences-watcher");
            watcher.start();
            long began = System.nanoTime(), sent = 0, duration = seconds * 1_000_000_000L;
            while (System.nanoTime() - began < duration) {
                long wait = began + sent * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                int c = random.nextInt(population);
                List<Outcome> o = node.submitAndWait("bench", List.of(new Candidate("m" + sent, interaction(c, random, Instant.now()))));
                committedAt.put(o.get(0).index(), System.nanoTime());
                sent++;
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!seenAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) Thread.sleep(10);
            watcher.interrupt();
            watcher.join();
            audiences.close();

            // The entries that moved someone: those a membership entry names as its cause.
            Set<Long> moving = new HashSet<>();
            node.projections().allEvents(EventEntry.MEMBERSHIP, row -> {
                if (row.entry() >= start && committedAt.containsKey(row.event().about())) moving.add(row.event().about());
            });
            List<Double> all = new ArrayList<>(), moved = new ArrayList<>();
            committedAt.forEach((index, at) -> {
                Long seen = seenAt.get(index);
                double ms = seen == null ? Double.POSITIVE_INFINITY : Math.max(0, seen - at) / 1e6;
                all.add(ms);
                if (moving.contains(index)) moved.add(ms);
            });
            System.out.printf(Locale.ROOT, "  %,d entries at %d/s: p50 %.0f ms, p99 %.0f ms; %,d moved someone%n", all.size(), rate,
                    pct(sorted(all), 0.5), pct(sorted(all), 0.99), moved.size());
            return new Result(population, members, load, firstPass, all.size(), sorted(all), sorted(moved));
        }
    }

    /** Customer {@code c}'s interaction at {@code at}: their email, a random channel and type. */
    private static Interaction interaction(int c, SplittableRandom random, Instant at) {
        int k = random.nextInt(CHANNELS.length);
        return new Interaction(null, "bench-audiences", Long.toHexString(random.nextLong()), at, CHANNELS[k], TYPES[random.nextInt(TYPES.length)],
                List.of(new Identifier("email", "c" + c + "@audiences.example")), List.of(), null, List.of(), null, null, Map.of());
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
