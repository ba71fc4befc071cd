package org.touchline.node.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.touchline.domain.EventEntry;
import org.touchline.domain.store.CustomerProjection;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.TokenProjection;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.Customers;
import org.touchline.node.Node;
import org.touchline.node.TokenEntries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The utility token (contracts/README.md). An account belongs to a customer ({@code customer:<id>}) or an agent
 * ({@code agent:<id>}). Tokens are minted only by contracts ({@link #mint} is not public), burned when a customer
 * redeems a benefit from the company's catalogue, and expire by policy; burns and expiries use the oldest tokens
 * first. There is no transfer between accounts: no method, no entry kind, no endpoint. Every movement is a ledger
 * entry (kind {@code token}), so a customer can prove each one; balances are a projection.
 */
public final class Tokens {
    /** The catalogue of benefits: {@value} in the data directory (see examples/catalogue.yaml). */
    public static final String CATALOGUE_FILE = "catalogue.yaml";
    private final Path dataDir;
    private final Customers customers;
    private final CustomerProjection customerIndex;
    private final TokenProjection movements;
    private final CommandWriter writer;
    private final Clock clock;
    private final boolean appends;

    /** A benefit a customer can redeem tokens for. */
    public record Benefit(String id, String name, long cost) {}

    /**
     * {@code appends} false: each command checks its request as it would before appending, then appends nothing
     * (see {@link Node#tokens(Clock, boolean)}).
     */
    public Tokens(Path dataDir, Customers customers, CustomerProjection customerIndex, TokenProjection movements, CommandWriter writer,
                  Clock clock, boolean appends) {
        this.dataDir = dataDir;
        this.customers = customers;
        this.customerIndex = customerIndex;
        this.movements = movements;
        this.writer = writer;
        this.clock = clock;
        this.appends = appends;
    }

    /** The benefits in the catalogue file, in file order; none if there is no file. */
    public Map<String, Benefit> catalogue() {
        Path file = dataDir.resolve(CATALOGUE_FILE);
        Map<String, Benefit> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        try {
            JsonNode root = new YAMLMapper().readTree(file.toFile());
            int n = 0;
            for (JsonNode b : root.path("benefits")) {
                n++;
                String id = b.path("id").asText(null), name = b.path("name").asText(null);
                long cost = b.path("cost").asLong(-1);
                if (id == null || name == null || cost <= 0)
                    throw new IllegalArgumentException(file + ": benefit " + n + " needs an id, a name and a positive whole cost");
                out.put(id, new Benefit(id, name, cost));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The accounts that hold a customer's tokens: theirs and those of every id merged into them. */
    private List<String> accountsOf(String customerId) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        List<String> accounts = new ArrayList<>(List.of(TokenEntries.customerAccount(c)));
        customerIndex.mergesInto(c).forEach(m -> accounts.add(TokenEntries.customerAccount(m.absorbed())));
        return accounts;
    }

    public long customerBalance(String customerId) { return balance(accountsOf(customerId)); }

    public long agentBalance(String agentId) { return balance(List.of(TokenEntries.agentAccount(agentId))); }

    private long balance(List<String> accounts) {
        long sum = 0;
        for (ProjectionStore.TokenRow r : movements.tokenMovements(accounts)) sum += r.remaining();
        return sum;
    }

    public List<ProjectionStore.TokenRow> customerHistory(String customerId) { return movements.tokenMovements(accountsOf(customerId)); }

    public List<ProjectionStore.TokenRow> agentHistory(String agentId) { return movements.tokenMovements(List.of(TokenEntries.agentAccount(agentId))); }

    /** Redeems a benefit: burns its cost from the customer's oldest tokens. Refused if the balance is short. */
    public long redeem(String customerId, String benefitId, String channel) {
        Benefit benefit = catalogue().get(benefitId);
        if (benefit == null) throw new NoSuchElementException("no benefit '" + benefitId + "' in the catalogue");
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        if (!appends) {
            spend(c, benefit);
            return -1;
        }
        return writer.command(TokenEntries.customerAccount(c), (index, graph, changes) -> {
            // Inside the writer: the lots are read with nothing else in flight, so two redemptions cannot spend one lot.
            List<ProjectionChanges.TokenUse> uses = spend(c, benefit);
            Map<String, String> fields = new TreeMap<>(Map.of("account", TokenEntries.customerAccount(c), "movement", TokenEntries.BURN,
                    "amount", Long.toString(benefit.cost()), "benefit", benefit.id(), "lots", lots(uses)));
            if (channel != null && !channel.isBlank()) fields.put("channel", channel);
            return List.of(CommandEntry.recorded(new EventEntry(EventEntry.TOKEN, -1, clock.instant(), c, new TreeMap<>(fields), null)));
        });
    }

    /** The customer's lots that pay for the benefit, oldest first; refused if the balance is short. */
    private List<ProjectionChanges.TokenUse> spend(String customer, Benefit benefit) {
        List<ProjectionChanges.TokenUse> uses = oldestFirst(accountsOf(customer), benefit.cost());
        if (uses == null) throw new IllegalStateException("balance " + customerBalance(customer) + " is short of " + benefit.name() + "'s cost " + benefit.cost());
        return uses;
    }

    /**
     * Expires, on every account, the tokens minted more than {@code days} days before {@code asOf} and not yet used: one
     * entry per account, oldest lots first. {@code asOf} is given, not read from the clock, so the run is reproducible.
     */
    public List<Long> expire(LocalDate asOf, int days, String actor) {
        if (days < 1) throw new IllegalArgumentException("days must be at least 1");
        long cutoff = asOf.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<Long> entries = new ArrayList<>();
        if (!appends) return entries;
        writer.command(actor == null ? "touchline" : actor, (index, graph, changes) -> {
            Map<String, List<ProjectionChanges.TokenUse>> byAccount = new TreeMap<>();
            Map<String, Long> amounts = new TreeMap<>();
            movements.allTokenLots(cutoff, row -> {
                byAccount.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(new ProjectionChanges.TokenUse(row.entry(), row.remaining()));
                amounts.merge(row.account(), row.remaining(), Long::sum);
            });
            List<CommandEntry> out = new ArrayList<>();
            for (var e : byAccount.entrySet()) {
                String account = e.getKey();
                String customer = account.startsWith("customer:") ? account.substring("customer:".length()) : null;
                Map<String, String> fields = new TreeMap<>(Map.of("account", account, "movement", TokenEntries.EXPIRE,
                        "amount", Long.toString(amounts.get(account)), "lots", lots(e.getValue()), "asOf", asOf.toString(),
                        "policyDays", Integer.toString(days)));
                out.add(CommandEntry.recorded(new EventEntry(EventEntry.TOKEN, -1, clock.instant(), customer, new TreeMap<>(fields), null)));
            }
            for (int k = 0; k < out.size(); k++) entries.add(index + k);
            return out;
        });
        return entries;
    }

    /** The oldest lots that cover {@code amount}, or null if the accounts hold less. */
    private List<ProjectionChanges.TokenUse> oldestFirst(List<String> accounts, long amount) {
        List<ProjectionChanges.TokenUse> uses = new ArrayList<>();
        long left = amount;
        for (ProjectionStore.TokenRow r : movements.tokenMovements(accounts)) {
            if (left == 0) break;
            if (!r.movement().equals(TokenEntries.MINT) || r.remaining() == 0) continue;
            long take = Math.min(left, r.remaining());
            uses.add(new ProjectionChanges.TokenUse(r.entry(), take));
            left -= take;
        }
        uses.sort(Comparator.comparingLong(ProjectionChanges.TokenUse::lot));
        return left == 0 ? uses : null;
    }

    private static String lots(List<ProjectionChanges.TokenUse> uses) {
        StringBuilder b = new StringBuilder();
        for (ProjectionChanges.TokenUse u : uses) b.append(b.length() == 0 ? "" : ",").append(u.lot()).append(':').append(u.amount());
        return b.toString();
    }
}
