package org.touchline.cli;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.PeakHeap;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.Intelligence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code touchline intelligence bench}: scoring latency for one customer among a million (docs/benchmarks.md), end to
 * end as an agent's screen asks for it: the customer's history read from the store, the sentiment of its messages,
 * point-in-time features, the churn/upsell model's score with its reasons, and the next best action with the contact
 * policy. A synthetic company of {@code --customers} people with a few interactions each is ingested through the full
 * path first; every customer allows personalisation, a sample of 5,000 also model training (the model trains on them
 * only). Then single-customer latencies over random customers, and the batch rate of a next-best-action run.
 */
@Command(name = "bench", description = "Time one customer's scores and next best action among --customers, end to end from the store.")
final class IntelligenceBenchCommand implements Callable<Integer> {
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z"), TO = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] CALL_NOTES = {"Customer asked about the bill, explained the charges, happy with that.",
            "Not happy at all: the broadband keeps dropping and nobody calls back.", "Wanted to know about faster fibre in the area.",
            "No problems, just checking the contract end date.", "Angry about the price rise, threatened to leave."};
    private static final String[] TYPES = {"billing_enquiry", "complaint", "sales_enquiry", "general_enquiry", "complaint"};

    @Option(names = "--customers", defaultValue = "1000000", description = "synthetic customers in the store (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--samples", defaultValue = "10000", description = "customers timed one by one") int samples;
    @Option(names = "--work", defaultValue = "touchline-bench-intelligence", description = "work directory (reused when it holds a node)") Path work;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        DataDirOption data = new DataDirOption();
        data.dataDir = work.resolve("node");
        System.out.printf(Locale.ROOT, "intelligence bench: %,d customers, %d cores, max heap %d MB%n", customers,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (var open = data.open()) {
            var node = open.node();
            ConsoleProgress progress = new ConsoleProgress(System.err);
            if (node.ledger().size() == 0) {
                Path file = work.resolve("customers-" + customers + ".ndjson");
                write(file);
                long t0 = System.nanoTime();
                var r = node.ingestion().ndjsonFile(file, progress);
                System.out.printf(Locale.ROOT, "ingested %,d interactions in %.0f s%n", r.accepted(), (System.nanoTime() - t0) / 1e9);
                List<String> ids = new ArrayList<>();
                node.projections().loadCustomers(c -> node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(ids::add));
                t0 = System.nanoTime();
                List<CustomerEvents.ConsentChange> batch = new ArrayList<>();
                for (int k = 0; k < ids.size(); k++) {
                    batch.add(new CustomerEvents.ConsentChange(ids.get(k), "personalisation", "granted", "web", "sign-up form"));
                    if (k % 200 == 0) batch.add(new CustomerEvents.ConsentChange(ids.get(k), "model_training", "granted", "web", "sign-up form"));
                    if (batch.size() >= 5_000) { node.customerEvents().consents(batch); batch.clear(); progress.update("consents", k, ids.size()); }
                }
                if (!batch.isEmpty()) node.customerEvents().consents(batch);
                System.out.printf(Locale.ROOT, "recorded the consents of %,d customers in %.0f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
            }
            Intelligence intelligence = node.intelligence();
            if (intelligence.model("upsell").isEmpty()) {
                var t = intelligence.train("upsell", Algorithm.LOGISTIC, FROM, TO, progress);
                System.out.printf(Locale.ROOT, "trained %s on %,d examples of customers who allow model training (held-out AUC %.3f)%n",
                        t.card().model(), t.examples(), t.byCustomer().auc());
            }
            List<String> ids = new ArrayList<>();
            node.projections().loadCustomers(c -> ids.add(c.id()));
            System.out.printf(Locale.ROOT, "%,d customers in the store, %,d entries in the ledger%n", ids.size(), node.ledger().size());
            SplittableRandom rng = new SplittableRandom(seed);
            Instant now = Instant.parse("2026-10-15T12:00:00Z");
            PeakHeap heap = new PeakHeap();
            heap.reset();
            for (int k = 0; k < 1_000; k++) intelligence.recommend(ids.get(rng.nextInt(ids.size())), now);   // warm-up
            double[] score = new double[samples], nba = new double[samples];
            for (int k = 0; k < samples; k++) {
                String c = ids.get(rng.nextInt(ids.size()));
                long t = System.nanoTime();
                Map<String, ?> s = intelligence.propensities(c, now);
                score[k] = (System.nanoTime() - t) / 1e6;
                if (s.isEmpty()) throw new IllegalStateException("no score for " + c);
                t = System.nanoTime();
                intelligence.recommend(c, now);
                nba[k] = (System.nanoTime() - t) / 1e6;
            }
            long t = System.nanoTime();
            int batch = Math.min(20_000, ids.size());
            for (int k = 0; k < batch; k++) intelligence.recommend(ids.get(k), now);
            double rate = batch / ((System.nanoTime() - t) / 1e9);
            System.out.println();
            System.out.println("| measure (one customer among " + String.format(Locale.ROOT, "%,d", ids.size()) + ") | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|");
            System.out.println(row("history + features + churn/upsell score with reasons", score));
            System.out.println(row("next best action (the above, contacts, consents, arbitration)", nba));
            System.out.printf(Locale.ROOT, "| next-best-action run, one thread | %,.0f customers/s | | |%n", rate);
            System.out.printf(Locale.ROOT, "| peak heap while timing | %,d MiB | | |%n", heap.peakInUse() >> 20);
        }
        return 0;
    }

    private static String row(String name, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f |", name, s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1], s[s.length - 1]);
    }

    /** A few interactions per customer over the period: a web login, calls (some complaints, with notes), sometimes a purchase. */
    private void write(Path file) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        long span = TO.getEpochSecond() - FROM.getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < customers; k++) {
                Identifier email = new Identifier("email", "c" + k + "@example.com");
                int n = 2 + rng.nextInt(4);
                for (int j = 0; j < n; j++) {
                    Instant at = FROM.plusSeconds(rng.nextLong(span));
                    int pick = rng.nextInt(10);
                    Interaction i;
                    if (pick < 3) i = new Interaction(null, "web", "w" + k + "-" + j, at, "web", "login", List.of(email), List.of(), null, List.of(), null, null, Map.of());
                    else if (pick < 5) i = new Interaction(null, "pos", "p" + k + "-" + j, at, "store", "purchase", List.of(email), List.of(), "S01",
                            List.of(pick == 3 ? "PLN-FIB500" : "DEV-MESH-2"), null, null, Map.of());
                    else {
                        int note = rng.nextInt(CALL_NOTES.length);
                        i = new Interaction(null, "calls", "c" + k + "-" + j, at, "call_centre", TYPES[note], List.of(email), List.of(), "AG" + rng.nextInt(200),
                                List.of(), CALL_NOTES[note], rng.nextInt(3) == 0 ? 1 + rng.nextInt(5) : null, Map.of());
                    }
                    out.write(InteractionJson.toJsonLine(i));
                    out.write('\n');
                }
                if (k % 100_000 == 0) System.err.printf(Locale.ROOT, "writing customers: %,d of %,d%n", k, customers);
            }
        }
    }
}
