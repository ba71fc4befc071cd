package org.touchline.contracts;

import org.touchline.domain.InteractionEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How fast the engine evaluates: 50 deployed contracts over 1,000,000 synthetic ledger entries (90% interactions of
 * 20 types in 10 channels, 5% ratings, 3% consents, 2% identity entries). The contracts are modelled on the shipped
 * examples: 10 welcome contracts filtered by channel, 15 filtered by interaction type, 10 rating rewards that every
 * interaction triggers (ratings ride on interactions too; each thanks the agents whose id ends in its digit), 10
 * consent rewards and 5 loyalty contracts with a loop over the products: an interaction triggers about 17 contracts,
 * and about one entry in five gets an action. Two measurements, one after the other:
 * <ol>
 *   <li>engine only: {@link ContractEngine#evaluate} over prepared entries and states;</li>
 *   <li>as the node would call it: building each entry's {@link EntryView} from an {@link InteractionEntry} and its
 *   {@link CustomerState} from a map, then evaluating.</li>
 * </ol>
 * Run: {@code java -cp "contracts/target/classes:$(cat cp.txt)" org.touchline.contracts.ContractBenchmark [entries] [contracts]}
 */
public final class ContractBenchmark {
    static final String[] CHANNELS = {"call_centre", "store", "web", "app", "email", "chat", "social", "survey", "ticket", "field_service"};
    static final String[] TYPES = {"complaint", "purchase", "billing_enquiry", "technical_support", "fault_report", "home_move",
            "upgrade_enquiry", "sales_enquiry", "cancellation_request", "retention_offer", "delivery_enquiry", "general_enquiry",
            "account_opened", "details_updated", "plan_changed", "contract_renewed", "page_view", "email_open", "review", "installation"};
    static final String[] PURPOSES = {"marketing", "personalisation", "analytics", "service", "model_training"};
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ContractBenchmark() {}

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int contracts = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ContractEngine engine = new ContractEngine();
        List<ContractDefinition> defs = contracts(contracts);
        long t = System.nanoTime();
        defs.forEach(engine::deploy);
        System.out.printf(Locale.ROOT, "deployed %d contracts in %.0f ms; %,d entries per round, best of %d rounds%n",
                defs.size(), (System.nanoTime() - t) / 1e6, entries, rounds);

        // A pool of 20,000 distinct entries and states, cycled through: prepared views, and the raw material a node
        // has (interaction leaves, state maps) to build them from.
        int pool = Math.min(entries, 20_000);
        Random rng = new Random(42);
        EntryView[] views = new EntryView[pool];
        CustomerState[] states = new CustomerState[pool];
        InteractionEntry[] leaves = new InteractionEntry[pool];
        List<Map<String, Object>> rawStates = new ArrayList<>();
        long triggered = 0;
        for (int i = 0; i < pool; i++) {
            views[i] = entry(rng, i);
            Map<String, Object> raw = state(rng, i);
            rawStates.add(raw);
            states[i] = CustomerState.of(raw);
            for (var d : engine.deployments()) if (d.contract().triggeredBy(views[i])) triggered++;
            leaves[i] = leaf(views[i]);
        }
        double conditionsPerEntry = (double) triggered / pool;

        ContractEngine celOnly = new ContractEngine(new ContractCompiler(false));
        defs.forEach(celOnly::deploy);
        double engineOnly = Double.MAX_VALUE, buildOnly = Double.MAX_VALUE, both = Double.MAX_VALUE, withoutPrefilter = Double.MAX_VALUE;
        long actions = 0, errors = 0, sink = 0;
        for (int round = 0; round < rounds; round++) {
            t = System.nanoTime();
            actions = 0;
            errors = 0;
            for (int i = 0; i < entries; i++) {
                int k = i % pool;
                CustomerState c = states[k];
                Evaluation e = engine.evaluate(views[k], () -> c);
                actions += e.actions().size();
                errors += e.errors().size();
            }
            engineOnly = Math.min(engineOnly, (System.nanoTime() - t) / 1e9);

            t = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                int k = i % pool;
                EntryView e = leaves[k] == null ? views[k] : EntryView.of(k, leaves[k]);
                sink += e.values().size() + CustomerState.of(rawStates.get(k)).values().size();
            }
            buildOnly = Math.min(buildOnly, (System.nanoTime() - t) / 1e9);

            t = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                int k = i % pool;
                EntryView e = leaves[k] == null ? views[k] : EntryView.of(k, leaves[k]);
                Map<String, Object> raw = rawStates.get(k);
                sink += engine.evaluate(e, () -> CustomerState.of(raw)).actions().size();
            }
            both = Math.min(both, (System.nanoTime() - t) / 1e9);

            t = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                int k = i % pool;
                CustomerState c = states[k];
                sink += celOnly.evaluate(views[k], () -> c).actions().size();
            }
            withoutPrefilter = Math.min(withoutPrefilter, (System.nanoTime() - t) / 1e9);
            System.out.printf(Locale.ROOT, "round %d done%n", round + 1);
        }
        System.out.printf(Locale.ROOT, "%.1f contracts triggered per entry; %,d actions and %,d errors per round%n", conditionsPerEntry, actions, errors);
        report("engine only (prepared views)", entries, engineOnly, conditionsPerEntry);
        report("building EntryView + state", entries, buildOnly, 0);
        report("building + evaluating", entries, both, conditionsPerEntry);
        report("engine only, CEL only", entries, withoutPrefilter, conditionsPerEntry);
        if (sink == 42) System.out.println(); // keep the JIT from dropping the loops
    }

    private static void report(String label, int entries, double seconds, double conditionsPerEntry) {
        System.out.printf(Locale.ROOT, "%-30s %,10.0f entries/s  %6.2f µs/entry%s%n", label, entries / seconds, seconds * 1e6 / entries,
                conditionsPerEntry == 0 ? "" : String.format(Locale.ROOT, "  %,12.0f contract evaluations/s", entries / seconds * conditionsPerEntry));
    }

    /** The leaf an interaction view was made from (null for other kinds: the node builds those views its own way). */
    private static InteractionEntry leaf(EntryView v) {
        if (!v.kind().equals("interaction")) return null;
        @SuppressWarnings("unchecked") List<String> products = (List<String>) v.get("products");
        Long rating = (Long) v.get("rating");
        return new InteractionEntry(v.id(), (String) v.get("source"), "r" + v.index(), v.occurredAt(), v.channel(), v.type(), v.agentId(),
                products, rating == null ? null : rating.intValue(), new byte[32]);
    }

    /** {@code n} contracts in the families described in the class comment (50 by default). */
    static List<ContractDefinition> contracts(int n) {
        List<ContractDefinition> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            int family = i % 5, k = i / 5;
            String yaml = switch (family) {
                case 0 -> """
                        id: welcome-%d
                        version: 1
                        trigger: {kinds: [interaction], channels: [%s]}
                        condition: has(customer.firstSeenIndex) && customer.firstSeenIndex == entry.index
                        actions:
                          - propose_action: {action: welcome, reason: first interaction, channel: entry}
                          - open_task: {channel: call_centre, task: welcome call, dueDays: 2}
                        """.formatted(k, CHANNELS[k % CHANNELS.length]);
                case 1 -> """
                        id: by-type-%d
                        version: 1
                        trigger: {kinds: [interaction], types: [%s]}
                        condition: customer.complaintsOpen > 0 && customer.tokens > 100
                        actions:
                          - open_task: {channel: entry, task: follow up, dueDays: 1}
                          - suppress_campaign: {campaign: marketing, days: 14}
                        """.formatted(k, TYPES[k % TYPES.length]);
                case 2 -> """
                        id: rating-%d
                        version: 1
                        trigger: {kinds: [rating, interaction]}
                        condition: has(entry.rating) && entry.rating == 5 && has(entry.agentId) && entry.agentId.endsWith('%d')
                        actions:
                          - award_tokens: {account: agent, amount: %d, reason: rating}
                        """.formatted(k, k % 10, 10 + k);
                case 3 -> """
                        id: consent-%d
                        version: 1
                        trigger: {kinds: [consent]}
                        condition: entry.granted && entry.purpose == '%s' && customer.consentGrants[entry.purpose] == 1
                        actions:
                          - award_tokens: {account: customer, amount: "entry.purpose == 'marketing' ? 100 : 50", reason: consent}
                        """.formatted(k, PURPOSES[k % PURPOSES.length]);
                default -> """
                        id: loyal-%d
                        version: 1
                        trigger: {kinds: [interaction]}
                        condition: customer.tenureDays > %d && customer.interactions > %d && entry.products.exists(p, p.startsWith('FIBRE'))
                        actions:
                          - propose_action: {action: upgrade-offer, reason: loyal fibre customer}
                        """.formatted(k, 365 * (k + 1), 30 + k);
            };
            out.add(ContractDefinition.parse(yaml, "benchmark"));
        }
        return out;
    }

    private static EntryView entry(Random rng, long index) {
        int roll = rng.nextInt(100);
        Instant at = T0.plusSeconds(60 * index);
        if (roll < 90) {
            EntryView.Builder b = EntryView.builder("interaction", index, at).channel(CHANNELS[rng.nextInt(CHANNELS.length)])
                    .type(TYPES[rng.nextInt(TYPES.length)]).set("source", "callcentre").set("id", "ix_" + index)
                    .set("products", rng.nextBoolean() ? List.of("FIBRE-500", "TV-BASIC") : List.of("MOBILE-10"));
            if (rng.nextInt(5) > 0) b.agentId("AG" + (1001 + rng.nextInt(85)));
            if (rng.nextBoolean()) b.rating(1 + rng.nextInt(5));
            return b.build();
        }
        if (roll < 95) {
            return EntryView.builder("rating", index, at).channel(CHANNELS[rng.nextInt(3)]).agentId("AG" + (1001 + rng.nextInt(85)))
                    .rating(1 + rng.nextInt(5)).build();
        }
        if (roll < 98) {
            return EntryView.builder("consent", index, at).channel("web").set("purpose", PURPOSES[rng.nextInt(PURPOSES.length)])
                    .set("granted", rng.nextInt(4) > 0).build();
        }
        return EntryView.builder("identity", index, at).set("decision", "merged").build();
    }

    private static Map<String, Object> state(Random rng, long index) {
        Map<String, Object> s = new HashMap<>();
        s.put("id", "C-" + rng.nextInt(100_000));
        s.put("interactions", 1L + rng.nextInt(40));
        s.put("complaintsOpen", (long) (rng.nextInt(10) == 0 ? 1 : 0));
        s.put("tokens", (long) rng.nextInt(1000));
        s.put("tenureDays", (long) rng.nextInt(2000));
        s.put("firstSeenIndex", rng.nextInt(20) == 0 ? index : Math.max(0, index - 1 - rng.nextInt(1000)));
        Map<String, Object> grants = new HashMap<>();
        for (String p : PURPOSES) grants.put(p, 1L + rng.nextInt(2));
        s.put("consentGrants", grants);
        return s;
    }
}
