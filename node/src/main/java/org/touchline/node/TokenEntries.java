package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.ProjectionChanges;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token entries (contracts/README.md): the accounts they name, the mints and expiries contracts take, and how every
 * token entry lands in the projections, the same way live and in a rebuild. Redeeming and expiring by policy are
 * commands of their own ({@code Tokens}).
 */
public final class TokenEntries {
    public static final String MINT = "mint", BURN = "burn", EXPIRE = "expire";

    private TokenEntries() {}

    public static String customerAccount(String customerId) { return "customer:" + customerId; }

    public static String agentAccount(String agentId) { return "agent:" + agentId; }

    /**
     * A mint, for the contract runner only: the entry names the contract, its version and definition hash, and the
     * entry that triggered it (a contract's action).
     */
    public static EventEntry mint(String account, String customerId, long amount, String contract, long version, String definitionHash,
                           long trigger, String reason, Instant at) {
        if (amount <= 0) throw new IllegalArgumentException("a mint must be positive, got " + amount);
        Map<String, String> fields = new TreeMap<>(Map.of("account", account, "movement", MINT, "amount", Long.toString(amount),
                "contract", contract, "version", Long.toString(version), "definition", definitionHash));
        if (reason != null) fields.put("reason", reason);
        return new EventEntry(EventEntry.TOKEN, trigger, at, customerId, new TreeMap<>(fields), null);
    }

    /**
     * An expiry a contract takes (its {@code expire_tokens} action): {@code amount} is at most the balance, and the
     * projections take it from the account's oldest tokens minted before this entry.
     */
    public static EventEntry expireByContract(String account, String customerId, long amount, String contract, long version, String definitionHash,
                                       long trigger, String reason, Instant at) {
        Map<String, String> fields = new TreeMap<>(Map.of("account", account, "movement", EXPIRE, "amount", Long.toString(amount),
                "contract", contract, "version", Long.toString(version), "definition", definitionHash));
        if (reason != null) fields.put("reason", reason);
        return new EventEntry(EventEntry.TOKEN, trigger, at, customerId, new TreeMap<>(fields), null);
    }

    /** What a token entry changes in the projections, live and in a rebuild: the movement, and the lots it used. */
    static void project(long index, EventEntry e, ProjectionChanges changes) {
        changes.tokenMovements.add(new ProjectionChanges.TokenMovement(index, e.field("account"), e.field("movement"),
                Long.parseLong(e.field("amount")), e.at().toEpochMilli()));
        String lots = e.field("lots");
        if (lots == null && !MINT.equals(e.field("movement")))
            changes.tokenUsesOldestFirst.add(new ProjectionChanges.TokenMovement(index, e.field("account"), e.field("movement"),
                    Long.parseLong(e.field("amount")), e.at().toEpochMilli()));
        if (lots != null && !lots.isEmpty())
            for (String lot : lots.split(",")) {
                String[] p = lot.split(":");
                changes.tokenUses.add(new ProjectionChanges.TokenUse(Long.parseLong(p[0]), Long.parseLong(p[1])));
            }
    }
}
