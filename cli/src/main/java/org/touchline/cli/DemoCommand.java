package org.touchline.cli;

import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.OfferResponses;
import org.touchline.demo.SourceFile;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionEntry;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.SourceMapping;
import org.touchline.ingest.SourceReader;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.command.ContractCommands;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.command.Ingestion;
import org.touchline.node.Intelligence;
import org.touchline.node.Node;
import org.touchline.node.command.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", description = {
        "Generate a demo company, ingest it through the real ingest paths and serve the API and web UI.",
        "Re-running it is safe: the ledger is idempotent on (source, sourceRecordId).",
        "The demo serves on 127.0.0.1 only, open to that machine without an access token until one is granted."})
final class DemoCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--customers", defaultValue = "2000", description = "customers (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--interactions", defaultValue = "100000", description = "interactions (default: ${DEFAULT-VALUE})") long interactions;
    @Option(names = "--months", defaultValue = "18", description = "months of history (default: ${DEFAULT-VALUE})") int months;
    @Option(names = "--seed", defaultValue = "20261122", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--end", paramLabel = "DATE", description = "the day the history ends, e.g. 2026-11-01 (default: today, so forecasts start today)")
    LocalDate end;
    @Option(names = "--no-train", description = "do not train the churn, upsell and sentiment models after ingesting") boolean noTrain;
    /** The demo is open (no token needed), so it is served on the loopback address only. */
    private static final String HOST = "127.0.0.1";
    @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE})") int port;
    @Option(names = "--no-serve", description = "stop after ingesting instead of serving") boolean noServe;

    /** An email from the CRM file, so the first page can be tried at once. */
    private static String exampleIdentifier(List<SourceFile> files) throws Exception {
        for (SourceFile f : files) {
            if (!f.source().equals("crm")) continue;
            String[] found = {null};
            SourceReader.read(SourceMapping.load(f.mapping()), f.data(), r -> {
                if (found[0] == null && r instanceof MappedRecord.Accepted a)
                    a.interaction().identifiers().stream().filter(i -> i.type().equals("email")).findFirst()
                            .ifPresent(i -> found[0] = i.toString());
            });
            return found[0];
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        data.refuseOnClusterNode("the demo fills a node of its own: give it a new data directory");
        ConsoleProgress progress = new ConsoleProgress(System.out);
        Path sources = data.path().resolve("demo-sources");
        System.out.printf(Locale.ROOT, "Generating the demo company (%,d customers, %,d interactions, %d months) into %s%n",
                customers, interactions, months, sources);
        LocalDate last = end != null ? end : LocalDate.now(ZoneId.of("Europe/London"));
        DemoCompany company = new DemoCompany(new DemoSize(customers, interactions, months), seed, last);
        List<SourceFile> files = company.generate(sources, progress);
        try (var open = data.open()) {
            deployExampleContracts(open.node(), data.path());
            long started = System.nanoTime();
            long accepted = 0, duplicates = 0, rejected = 0;
            for (SourceFile f : files) {
                Ingestion.Report r = open.node().ingestion().file(f.mapping(), f.data(), progress);
                System.out.printf(Locale.ROOT, "  %-10s %-28s %,9d accepted %,7d already in the ledger %,5d to dead letters%n",
                        f.source(), f.data().getFileName(), r.accepted(), r.duplicates(), r.rejected());
                accepted += r.accepted();
                duplicates += r.duplicates();
                rejected += r.rejected();
            }
            recordDemoConsents(open.node(), seed);
            recordHouseholds(open.node(), company.writeHouseholds(sources));
            double s = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "Ingested %,d new interactions (%,d already there, %,d refused) in %.1f s; the ledger holds %,d entries.%n",
                    accepted, duplicates, rejected, s, open.node().ledger().size());
            recordDemoOffers(open.node(), last.atStartOfDay(ZoneId.of("Europe/London")).toInstant(), seed, progress);
            if (!noTrain) trainModels(open.node(), last.atStartOfDay(ZoneId.of("Europe/London")).toInstant(), progress);
            System.out.println("Verifier key: " + open.node().identity().verifierKey());
            String example = exampleIdentifier(files);
            if (example != null && !noServe)
                System.out.printf("Look a customer up: http://%s:%d/#identifier=%s%n", HOST, port, example);
            if (noServe) return 0;
            System.out.println("The demo listens on " + HOST + " only, and needs no access token there until the first is granted. "
                    + "Serve real data with `touchline serve`, which is closed.");
            ServeCommand.serveUntilStopped(open, HOST, port, true);
        }
        return 0;
    }

    /**
     * The churn and upsell models (logistic regression, on the customers who allow model training, over the history up
     * to {@code to}) and, if there are enough rated messages, the sentiment model, so a fresh demo shows scores with
     * their reasons. A model already on the shelf is left as it is, so running the demo again trains nothing.
     */
    static void trainModels(Node node, Instant to, ConsoleProgress progress) throws IOException {
        var intelligence = node.intelligence();
        List<String> untrained = Stream.of("churn", "upsell").filter(m -> intelligence.model(m).isEmpty()).toList();
        for (var t : untrained.isEmpty() ? List.<Intelligence.Trained>of() : intelligence.train(untrained, Algorithm.LOGISTIC,
                to.minus(Duration.ofDays(540)), to, progress, refused -> System.out.println("Not trained: " + refused))) {
            System.out.printf(Locale.ROOT, "Trained %s: %,d examples (%,d positive); AUC %.3f on customers held out, %.3f on the last quarter.%n",
                    t.card().model(), t.examples(), t.positives(), t.byCustomer().auc(), t.byTime().auc());
        }
        if (Files.exists(node.identity().dataDir().resolve(Intelligence.SENTIMENT_MODEL))) return;
        try {
            var s = intelligence.trainSentiment(progress);
            System.out.printf(Locale.ROOT, "Sentiment: a model learned from %,d rated messages scored macro-F1 %.3f on the fifth held out, the customer-care lexicon %.3f: %s.%n",
                    s.examples(), s.trained().macroF1(), s.lexicon().macroF1(), s.kept() ? "the model reads messages from now on" : "the lexicon stays");
        } catch (IllegalStateException tooFew) {
            System.out.println("Sentiment: " + tooFew.getMessage() + "; the customer-care lexicon reads messages.");
        }
    }

    /**
     * The demo company's monthly campaign over the last year (one of three actions to each customer who allows
     * personalisation and marketing), recorded once through the node's hold-out with the answers the generator draws,
     * which hold a known uplift per action and segment; prints the uplift measured beside the one planted.
     */
    static void recordDemoOffers(Node node, Instant end, long seed, ConsoleProgress progress) {
        boolean[] any = {false};
        node.projections().allEvents(EventEntry.RECOMMENDATION, r -> any[0] = true);
        if (any[0]) return;
        var intelligence = node.intelligence();
        Set<String> marketing = new HashSet<>(node.audience("marketing"));
        List<String> audience = node.audience("personalisation").stream().filter(marketing::contains).toList();
        List<Intelligence.SentOffer> sent = OfferResponses.campaigns(audience, end, 12, seed).stream()
                .map(o -> new Intelligence.SentOffer(o.customer(), o.action(), o.at())).toList();
        int n = intelligence.recordOffers(sent, p -> new Intelligence.Answer(OfferResponses.answer(
                new OfferResponses.Sent(p.sent().customer(), p.sent().action(), p.sent().at()), p.segment(), p.heldOut(), seed),
                p.sent().at().plus(OfferResponses.ANSWER_AFTER)), "campaigns", progress);
        System.out.printf(Locale.ROOT, "Recorded %,d campaign offers to %,d customers with their answers; uplift measured against the hold-out (planted):%n", n, audience.size());
        for (var u : intelligence.uplift()) {
            String planted = OfferResponses.PLANTED.stream().filter(p -> p.action().equals(u.action()) && p.segment().equals(u.segment()))
                    .map(p -> String.format(Locale.ROOT, "%+.3f", p.uplift())).findFirst().orElse("—");
            System.out.printf(Locale.ROOT, "  %-22s %-22s offered %,6d held out %,4d  uplift %+.3f [%+.3f, %+.3f]  planted %s%n",
                    u.action(), u.segment(), u.offered(), u.heldOut(), u.uplift(), u.low(), u.high(), planted);
        }
    }

    /**
     * What the demo company's customers said on its sign-up form, recorded as consent entries once (a second run adds
     * none): most allow analytics, fewer personalisation and model training, about half marketing; seeded, so every
     * run of the same demo gives the same answers. Without them no analytics, model or campaign would see anyone.
     */
    static void recordDemoConsents(Node node, long seed) {
        boolean[] any = {false};
        node.projections().allEvents(EventEntry.CONSENT, r -> any[0] = true);
        if (any[0]) return;
        TreeSet<String> customers = new TreeSet<>();
        node.projections().loadCustomers(c -> node.customers().current(c.id()).ifPresent(customers::add));
        var rng = new SplittableRandom(seed ^ 0x636f6e73656e74L);
        String[] purposes = {"analytics", "personalisation", "marketing", "model_training"};
        double[] yes = {0.88, 0.72, 0.55, 0.64};
        List<CustomerEvents.ConsentChange> batch = new ArrayList<>();
        long n = 0;
        for (String c : customers) {
            // The form was filled in when the customer joined: the consent carries that time, and the time it was recorded.
            Instant signedUp = joined(node, c);
            for (int p = 0; p < purposes.length; p++) {
                boolean granted = rng.nextDouble() < yes[p];
                batch.add(new CustomerEvents.ConsentChange(c, purposes[p], granted ? "granted" : "refused", "web",
                        "sign-up form", signedUp));
                if (batch.size() == 2_000) { node.customerEvents().consents(batch); n += batch.size(); batch.clear(); }
            }
        }
        if (!batch.isEmpty()) { node.customerEvents().consents(batch); n += batch.size(); }
        System.out.printf(Locale.ROOT, "Recorded %,d consent answers from the sign-up form of %,d customers.%n", n, customers.size());
    }

    /** When the customer joined: the time of the first record that named them (null if it is not an interaction). */
    private static Instant joined(Node node, String customer) {
        return node.projections().createdAt(customer).map(index -> node.ledger().leaf(index))
                .filter(leaf -> EntryKind.of(leaf) == EntryKind.INTERACTION)
                .map(leaf -> InteractionEntry.parse(leaf).occurredAt()).orElse(null);
    }

    /**
     * The CRM's household links as relationships (type household, never a merge): each member is linked to the first
     * one found in the ledger. Links already recorded are not recorded again, so a second run adds none.
     */
    static void recordHouseholds(Node node, Path file) throws IOException {
        Map<String, List<String>> households = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            node.customers().findByIdentifier(new Identifier("crm_id", f[0]))
                    .ifPresent(c -> households.computeIfAbsent(f[1], h -> new ArrayList<>()).add(c));
        }
        long recorded = 0;
        for (List<String> members : households.values()) {
            List<String> distinct = members.stream().distinct().toList();
            for (String other : distinct.subList(Math.min(1, distinct.size()), distinct.size())) {
                String first = distinct.get(0);
                boolean known = node.customers().relationships(first).stream().anyMatch(r -> r.type().equals("household")
                        && (r.from().equals(other) || r.to().equals(other)));
                if (known) continue;
                node.identityCommands().relate("household", first, other, null, null, "crm");
                recorded++;
            }
        }
        if (recorded > 0) System.out.printf(Locale.ROOT, "Recorded %,d household links from the CRM.%n", recorded);
    }

    /**
     * The demo company's contracts (examples/contracts: welcome, complaint recovery, five-star and consent rewards, care during an outage) and
     * its benefits catalogue: an administrator key is made for the demo in the data directory, trusted by the node, and
     * signs each example; contracts already deployed are left as they are, so running the demo again adds nothing.
     */
    static void deployExampleContracts(Node node, Path dir) throws IOException {
        Path catalogue = dir.resolve(Tokens.CATALOGUE_FILE);
        if (!Files.exists(catalogue))
            try (var in = DemoCommand.class.getResourceAsStream("/catalogue.yaml")) {
                Files.copy(in, catalogue);
            }
        Path key = dir.resolve("demo-admin.key");
        if (!Files.exists(key)) {
            var keys = NoteKeys.generate("admin.demo.touchline/ops");
            Files.writeString(key, keys.signerKey() + "\n");
            Files.writeString(dir.resolve(ContractCommands.ADMINS_FILE), keys.verifierKey() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        var signer = NoteSigner.parse(Files.readString(key).strip());
        var deployed = node.contracts().deployments().stream().map(d -> d.contract().id()).toList();
        for (String name : List.of("welcome-new-customer", "recover-after-complaint", "reward-five-star", "reward-consent", "care-during-outage")) {
            if (deployed.contains(name)) continue;
            try (var in = DemoCommand.class.getResourceAsStream("/contracts/" + name + ".yaml")) {
                var definition = ContractDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
                node.contracts().deploy(SignedContract.sign(definition, signer).encode(), "demo");
                System.out.println("Deployed contract " + name);
            }
        }
    }
}
