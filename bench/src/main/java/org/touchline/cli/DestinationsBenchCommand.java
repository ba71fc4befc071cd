package org.touchline.cli;

import com.sun.net.httpserver.HttpServer;
import org.touchline.destinations.Destinations;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.node.Candidate;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Outcome;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code touchline bench destinations}: outbound delivery under a steady ingest for {@code --minutes}, on a real node
 * and SQLite store, to three webhooks on loopback served by this process: a reliable one (the baseline, measured in the
 * same run), and two that fail {@code --fail} of their calls (500), one for service and one for marketing. A share of
 * the customers withdraws marketing halfway. It reports delivery latency (the entry durable → the receiver got it)
 * p50/p99 for each, lag over time, and the checks: every entry of the subscribed kinds delivered (nothing lost),
 * duplicates only under one id, and no marketing delivery of an entry recorded after its customer withdrew marketing.
 */
@Command(name = "destinations", description = {"Outbound delivery latency and lag under a steady ingest, with receivers that fail a share of calls,",
        "against a reliable receiver in the same run; checks that nothing is lost and nothing reaches a withdrawn purpose."})
final class DestinationsBenchCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "how long to ingest (default: ${DEFAULT-VALUE})") double minutes;
    @Option(names = "--rate", defaultValue = "100", description = "interactions appended per second (default: ${DEFAULT-VALUE})") int rate;
    @Option(names = "--fail", defaultValue = "0.10", description = "share of calls the failing receivers answer with 500 (default: ${DEFAULT-VALUE})") double fail;
    @Option(names = "--customers", defaultValue = "2000", description = "customers the interactions are spread over (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--withdraw", defaultValue = "0.10", description = "share of customers who withdraw marketing halfway (default: ${DEFAULT-VALUE})") double withdraw;
    @Option(names = "--seed", defaultValue = "11", description = "seed of the failures and the customers (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--drain-minutes", defaultValue = "20", description = "at most this long to wait for the last retries after the ingest (default: ${DEFAULT-VALUE})") double drainMinutes;
    @Option(names = "--work-dir", defaultValue = "target/bench-destinations", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;

    /** A receiver on loopback: when each event id first arrived, how many calls it took, the calls it failed. */
    static final class Receiver implements AutoCloseable {
        final String name;
        final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        final AtomicLong calls = new AtomicLong(), failed = new AtomicLong();
        private final HttpServer server;
        private final Random random;
        private final double fail;

        Receiver(String name, double fail, long seed) throws IOException {
            this.name = name;
            this.fail = fail;
            this.random = new Random(seed);
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", x -> {
                long now = System.nanoTime();
                x.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                boolean refuse;
                synchronized (random) {
                    refuse = random.nextDouble() < this.fail;
                }
                if (refuse) failed.incrementAndGet();
                else firstArrival.putIfAbsent(x.getRequestHeaders().getFirst("webhook-id"), now);
                x.sendResponseHeaders(refuse ? 500 : 204, -1);
                x.close();
            });
            server.start();
        }

        String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/"; }

        @Override
        public void close() { server.stop(0); }
    }

    @Override
    public Integer call() throws Exception {
        BenchCommand.deleteTree(work);
        Files.createDirectories(work);
        Random random = new Random(seed);
        try (SqliteStore store = new SqliteStore(work.resolve("node"));
             Node node = new Node(NodeIdentity.openOrCreate(work.resolve("node"), "bench.touchline/log"), store.ledger(), store.projections(), store.deadLetters());
             Receiver reliable = new Receiver("reliable (baseline)", 0, seed);
             Receiver service = new Receiver("service, fails " + percent(fail), fail, seed + 1);
             Receiver marketing = new Receiver("marketing, fails " + percent(fail), fail, seed + 2)) {
            // The customers, each granting marketing, before any destination exists.
            List<String> emails = new ArrayList<>();
            for (int c = 0; c < customers; c++) emails.add("c" + c + "@bench.example");
            List<Candidate> first = new ArrayList<>();
            for (String e : emails) first.add(new Candidate(e, interaction(e, random)));
            node.submitAndWait("bench", first);
            List<String> ids = new ArrayList<>();
            for (String e : emails) ids.add(node.customers().findByIdentifier(new Identifier("email", e)).orElseThrow());
            List<CustomerEvents.ConsentChange> grants = new ArrayList<>();
            for (String id : ids) grants.add(new CustomerEvents.ConsentChange(id, "marketing", "granted", "web", null));
            node.customerEvents().consents(grants);
            long start = node.ledger().size();

            Destinations destinations = new Destinations(node, store.destinations());
            String base = destinations.create(new Destinations.NewSubscription("baseline", reliable.url(), null, List.of("interactions", "consent_changes"), "service", start)).status().id();
            String svc = destinations.create(new Destinations.NewSubscription("service", service.url(), null, List.of("interactions", "consent_changes"), "service", start)).status().id();
            String mkt = destinations.create(new Destinations.NewSubscription("marketing", marketing.url(), null, List.of("interactions"), "marketing", start)).status().id();
            destinations.start();

            Map<Long, Long> appendedAt = new ConcurrentHashMap<>();
            Map<Long, String> customerOf = new ConcurrentHashMap<>();
            Set<Long> consentEntries = ConcurrentHashMap.newKeySet();
            Map<String, Long> withdrawnAtIndex = new ConcurrentHashMap<>();
            List<String> lagRows = new ArrayList<>();
            long durationNanos = (long) (minutes * 60e9), began = System.nanoTime();
            long nextLag = began, sent = 0;
            boolean withdrawn = false;
            System.out.printf("ingesting %d interactions/s for %.1f min; receivers fail %s of calls%n", rate, minutes, percent(fail));
            while (System.nanoTime() - began < durationNanos) {
                long due = began + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                int c = random.nextInt(customers);
                List<Outcome> o = node.submitAndWait("bench", List.of(new Candidate("r" + sent, interaction(emails.get(c), random))));
                long now = System.nanoTime();
                appendedAt.put(o.get(0).index(), now);
                customerOf.put(o.get(0).index(), ids.get(c));
                sent++;
                if (!withdrawn && now - began > durationNanos / 2) {
                    withdrawn = true;
                    // One append of every withdrawal, an entry each, in this order from its first index.
                    List<CustomerEvents.ConsentChange> withdrawals = new ArrayList<>();
                    for (int k = 0; k < customers * withdraw; k++) withdrawals.add(new CustomerEvents.ConsentChange(ids.get(k), "marketing", "withdrawn", "web", null));
                    long firstWithdrawal = node.customerEvents().consents(withdrawals);
                    long at = System.nanoTime();
                    for (int k = 0; k < withdrawals.size(); k++) {
                        appendedAt.put(firstWithdrawal + k, at);
                        consentEntries.add(firstWithdrawal + k);
                        withdrawnAtIndex.put(ids.get(k), firstWithdrawal + k);
                    }
                }
                if (now >= nextLag) {
                    lagRows.add(lagRow(now - began, destinations, base, svc, mkt));
                    nextLag = now + 10_000_000_000L;
                }
            }
            long ingestNanos = System.nanoTime() - began;
            System.out.printf("appended %,d interactions in %.1f s (%.1f/s); draining%n", sent, ingestNanos / 1e9, sent / (ingestNanos / 1e9));
            long drainEnd = System.nanoTime() + (long) (drainMinutes * 60e9);
            Set<Long> expected = new HashSet<>(appendedAt.keySet());
            while (System.nanoTime() < drainEnd && !(settled(destinations, svc) && settled(destinations, base) && settled(destinations, mkt))) {
                Thread.sleep(1000);
            }
            lagRows.add(lagRow(System.nanoTime() - began, destinations, base, svc, mkt));
            destinations.close();

            System.out.println();
            System.out.println("| receiver | events | calls | failed calls | latency p50 | p99 | max | p99 against baseline |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            double[] baseline = latencies(reliable, appendedAt);
            for (Receiver r : List.of(reliable, service)) {
                double[] l = latencies(r, appendedAt);
                System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.2f |%n", r.name, l.length, r.calls.get(), r.failed.get(),
                        pct(l, 0.50), pct(l, 0.99), pct(l, 1.0), pct(l, 0.99) / pct(baseline, 0.99));
            }
            double[] m = latencies(marketing, appendedAt);
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.2f |%n", marketing.name, m.length, marketing.calls.get(), marketing.failed.get(),
                    pct(m, 0.50), pct(m, 0.99), pct(m, 1.0), pct(m, 0.99) / pct(baseline, 0.99));
            System.out.println();
            System.out.println("| after (s) | head | baseline behind + pending | service behind + pending | service oldest undelivered (s) | marketing behind + pending | marketing skipped |");
            System.out.println("|---|---|---|---|---|---|---|");
            lagRows.forEach(System.out::println);
            System.out.println();

            // The checks.
            Set<Long> interactions = new HashSet<>(customerOf.keySet());
            int problems = 0;
            problems += check("baseline got every interaction and consent change", indexes(reliable).containsAll(expected) ? 0 : missing(expected, reliable));
            problems += check("service got every interaction and consent change, through the failures", indexes(service).containsAll(expected) ? 0 : missing(expected, service));
            var ms = destinations.status(mkt);
            problems += check("marketing: delivered + skipped = interactions (" + ms.delivered() + " + " + ms.skipped() + " of " + interactions.size() + ")",
                    ms.delivered() + ms.skipped() == interactions.size() && ms.pending() == 0 && ms.dead() == 0 ? 0 : 1);
            long afterWithdrawal = 0;
            for (long index : indexes(marketing)) {
                Long w = withdrawnAtIndex.get(customerOf.get(index));
                if (w != null && index > w) afterWithdrawal++;
            }
            problems += check("marketing deliveries of entries recorded after their customer withdrew marketing: " + afterWithdrawal, afterWithdrawal == 0 ? 0 : 1);
            long foreign = indexes(marketing).stream().filter(consentEntries::contains).count();
            problems += check("marketing got no consent changes (not subscribed): " + foreign, foreign == 0 ? 0 : 1);
            System.out.println(problems == 0 ? "all checks passed" : problems + " check(s) failed");
            return problems == 0 ? 0 : 1;
        }
    }

    private static Interaction interaction(String email, Random random) {
        return new Interaction(null, "bench", Long.toHexString(random.nextLong()), Instant.now(), "email", "enquiry",
                List.of(new Identifier("email", email)), List.of(), "agent-1", List.of("BB-100"), null, null, Map.of());
    }

    private static boolean settled(Destinations d, String id) {
        var s = d.status(id);
        return s.behind() == 0 && s.pending() == 0;
    }

    private static String lagRow(long nanos, Destinations d, String base, String svc, String mkt) {
        var b = d.status(base);
        var s = d.status(svc);
        var m = d.status(mkt);
        return String.format(Locale.ROOT, "| %.0f | %,d | %,d | %,d | %.1f | %,d | %,d |", nanos / 1e9, s.head(), b.behind() + b.pending(),
                s.behind() + s.pending(), s.oldestUndelivered().toMillis() / 1000.0, m.behind() + m.pending(), m.skipped());
    }

    private static Set<Long> indexes(Receiver r) {
        Set<Long> out = new HashSet<>();
        for (String id : r.firstArrival.keySet()) out.add(Long.parseLong(id.substring(0, id.indexOf('-'))));
        return out;
    }

    private static int missing(Set<Long> expected, Receiver r) {
        Set<Long> m = new HashSet<>(expected);
        m.removeAll(indexes(r));
        System.out.println("  missing at " + r.name + ": " + m.size() + " entries, e.g. " + m.stream().limit(5).toList());
        return 1;
    }

    private static int check(String what, int problems) {
        System.out.println((problems == 0 ? "ok      " : "FAILED  ") + what);
        return problems;
    }

    /** Milliseconds from each entry's append to its first arrival at {@code r}, sorted. */
    private static double[] latencies(Receiver r, Map<Long, Long> appendedAt) {
        List<Double> out = new ArrayList<>();
        r.firstArrival.forEach((id, at) -> {
            Long appended = appendedAt.get(Long.parseLong(id.substring(0, id.indexOf('-'))));
            if (appended != null) out.add((at - appended) / 1e6);
        });
        double[] a = out.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String percent(double share) { return String.format(Locale.ROOT, "%.0f %%", share * 100); }
}
