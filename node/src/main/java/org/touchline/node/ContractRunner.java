package org.touchline.node;

import org.touchline.contracts.ActionType;
import org.touchline.contracts.ContractAction;
import org.touchline.contracts.ContractEngine;
import org.touchline.contracts.ContractSchema;
import org.touchline.contracts.EntryView;
import org.touchline.contracts.Evaluation;
import org.touchline.contracts.SignedContract;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the deployed contracts on each entry in ledger order (contracts/README.md), in the single writer and in the rebuild
 * alike: it keeps the customers' {@link CustomerFacts} and the {@link ContractEngine}'s deployments as the ledger says,
 * and turns each action into the entry that records it, named after the contract (id, version, definition hash) and
 * the triggering entry. Entries that contracts wrote do not trigger contracts (no cascades). No wall clock: every time
 * is the triggering entry's.
 */
final class ContractRunner {
    private final ContractEngine engine = new ContractEngine();
    private final CustomerFacts facts;
    private long evaluations, actions, errors;

    ContractRunner(CustomerFacts facts) { this.facts = facts; }

    ContractEngine engine() { return engine; }

    CustomerFacts facts() { return facts; }

    long evaluations() { return evaluations; }

    /** An interaction appended at {@code index} for {@code subject}: facts first (the state is as of the entry), then contracts. */
    List<EventEntry> interaction(long index, Interaction i, String subject) {
        facts.interaction(subject, index, i.occurredAt(), i.type(), i.products());
        return affected(index, i, subject);
    }

    /**
     * Contracts on an interaction for one customer it concerns, without counting it as theirs: an external event
     * (an outage) runs this once for each customer it reaches.
     */
    List<EventEntry> affected(long index, Interaction i, String customer) {
        if (engine.deployments().isEmpty()) return List.of();
        EntryView view = EntryView.of(index, InteractionEntry.of(i, NO_COMMITMENT));
        return run(engine.evaluate(view, () -> facts.state(customer, i.occurredAt())), i.occurredAt());
    }

    private static final byte[] NO_COMMITMENT = new byte[0];

    /**
     * A consent, rating, token, contract or erasure entry at {@code index}: facts and deployments follow it, then
     * contracts run on it, unless a contract wrote it.
     */
    List<EventEntry> event(long index, EventEntry e) {
        if (e.field("contract") != null) return List.of(); // a contract wrote it: its effects were counted when it was taken
        String c = e.customerId();
        switch (e.kind()) {
            case EventEntry.CONSENT -> facts.consent(c, e.field("purpose"), "granted".equals(e.field("state")));
            case EventEntry.TOKEN -> {
                // A redemption or a policy expiry (contracts' own movements were counted when taken).
                String account = e.field("account");
                String holder = account.startsWith("customer:") ? c : account;
                long amount = Long.parseLong(e.field("amount"));
                if (holder != null) facts.tokens(holder, TokenEntries.MINT.equals(e.field("movement")) ? amount : -amount);
            }
            case EventEntry.ERASURE -> {
                for (String id : EventEntries.erasedCustomers(e)) facts.forget(id);
                return List.of();
            }
            case EventEntry.CONTRACT -> {
                change(e);
                return List.of();
            }
            default -> { }
        }
        // A rating that replaces the customer's earlier rating of the same interaction triggers nothing: what a rating
        // earns is paid once per interaction, however often it is changed.
        if (EventEntry.RATING.equals(e.kind()) && e.field("replaces") != null) return List.of();
        // Contracts see only the kinds their schema names: a recommendation or its outcome is no entry they can match.
        if (engine.deployments().isEmpty() || !ContractSchema.ENTRY_KINDS.contains(e.kind())) return List.of();
        EntryView.Builder view = EntryView.builder(e.kind(), index, e.at());
        switch (e.kind()) {
            case EventEntry.CONSENT -> view.set("purpose", e.field("purpose")).set("granted", "granted".equals(e.field("state")));
            case EventEntry.RATING -> {
                view.set("rating", Long.parseLong(e.field("rating")));
                if (e.field("agent") != null) view.set("agentId", e.field("agent"));
                if (e.field("channel") != null) view.set("channel", e.field("channel"));
            }
            case EventEntry.TOKEN -> view.set("account", e.field("account")).set("amount", Long.parseLong(e.field("amount")));
            default -> { }
        }
        if (c == null) return List.of();
        // As for an interaction, the state and the actions' time are when it happened (the source's time, if it gives one).
        return run(engine.evaluate(view.build(), () -> facts.state(c, e.occurredAt())), e.occurredAt());
    }

    /** A deploy, pause, resume or retire entry, applied to the engine (checked before it was appended). */
    private void change(EventEntry e) {
        String id = e.field("id");
        long version = Long.parseLong(e.field("version"));
        switch (e.field("change")) {
            // The signature was checked against the administrators trusted when the entry was appended; the ledger is
            // the authority now, so a replay deploys it even if that administrator has been removed since.
            case ContractEntries.DEPLOY -> engine.deploy(SignedContract.parse(e.field("signed")).definition());
            case ContractEntries.PAUSE -> engine.pause(id, version);
            case ContractEntries.RESUME -> engine.resume(id, version);
            case ContractEntries.RETIRE -> engine.retire(id, version);
            default -> throw new IllegalArgumentException("unknown contract change '" + e.field("change") + "'");
        }
    }

    /** The entries that record an evaluation's actions; a customer's award also moves their facts' balance. */
    private List<EventEntry> run(Evaluation ev, Instant at) {
        evaluations++;
        errors += ev.errors().size();
        if (ev.actions().isEmpty()) return List.of();
        List<EventEntry> out = new ArrayList<>();
        for (ContractAction a : ev.actions()) {
            actions++;
            String accountId = a.params().get("accountId") == null ? null : a.params().get("accountId").toString();
            if ((a.type() == ActionType.AWARD_TOKENS || a.type() == ActionType.EXPIRE_TOKENS) && accountId != null) {
                boolean customer = "customer".equals(String.valueOf(a.params().get("account")));
                String account = customer ? TokenEntries.customerAccount(accountId) : TokenEntries.agentAccount(accountId);
                // The balance the facts keep for the account: customers by id, agents by their account name.
                String holder = customer ? accountId : account;
                long amount = (Long) a.params().get("amount");
                String reason = String.valueOf(a.params().getOrDefault("reason", ""));
                if (a.type() == ActionType.EXPIRE_TOKENS) {
                    // Never more than the account holds; the projections take it from the oldest tokens.
                    amount = Math.min(amount, facts.balance(holder));
                    if (amount <= 0) continue;
                    out.add(TokenEntries.expireByContract(account, customer ? accountId : null, amount, a.contractId(), a.contractVersion(),
                            a.definitionSha256(), a.triggerIndex(), reason, at));
                    facts.tokens(holder, -amount);
                    continue;
                }
                out.add(TokenEntries.mint(account, customer ? accountId : null, amount, a.contractId(), a.contractVersion(),
                        a.definitionSha256(), a.triggerIndex(), reason, at));
                facts.tokens(holder, amount);
                continue;
            }
            Map<String, String> fields = new TreeMap<>();
            a.params().forEach((k, v) -> fields.put("param." + k, String.valueOf(v)));
            fields.put("contract", a.contractId());
            fields.put("version", Long.toString(a.contractVersion()));
            fields.put("definition", a.definitionSha256());
            fields.put("action", a.type().wireName());
            fields.put("ordinal", Integer.toString(a.ordinal()));
            out.add(new EventEntry(EventEntry.ACTION, a.triggerIndex(), at, a.customerId(), new TreeMap<>(fields), null));
        }
        return out;
    }
}
