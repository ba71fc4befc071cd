package org.touchline.contracts;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A contract ready to run: its definition, its hash and its planned CEL programs, made once by
 * {@link ContractCompiler} and reused for every entry. Evaluation is pure: it reads only the entry and the customer
 * state it is given, and never throws for a bad entry (the outcome is an {@link Outcome.Status#ERROR}). Thread-safe.
 */
public final class CompiledContract {
    private static final long DAY_SECONDS = 86_400;

    private final ContractDefinition definition;
    private final String sha256;
    private final long estimatedCost;
    private final CelRuntime.Program condition;
    private final Prefilter.Node prefilter;
    private final List<CelRuntime.Program> amounts;
    private final Set<String> kinds, channels, types;

    CompiledContract(ContractDefinition definition, long estimatedCost, CelRuntime.Program condition, Prefilter.Node prefilter,
                     List<CelRuntime.Program> amounts) {
        this.prefilter = prefilter;
        this.definition = definition;
        this.sha256 = definition.sha256();
        this.estimatedCost = estimatedCost;
        this.condition = condition;
        this.amounts = Collections.unmodifiableList(new ArrayList<>(amounts));
        this.kinds = Set.copyOf(definition.trigger().kinds());
        this.channels = Set.copyOf(definition.trigger().channels());
        this.types = Set.copyOf(definition.trigger().types());
    }

    public ContractDefinition definition() { return definition; }

    public String id() { return definition.id(); }

    public long version() { return definition.version(); }

    /** SHA-256 of the definition's canonical JSON, hex. */
    public String sha256() { return sha256; }

    /** The static cost bound of the condition and amounts ({@link CostEstimator}). */
    public long estimatedCost() { return estimatedCost; }

    /** Whether the trigger names this entry (kind, and channel and type when the trigger lists them). */
    public boolean triggeredBy(EntryView e) {
        return kinds.contains(e.kind()) && channelMatches(e.channel()) && (types.isEmpty() || e.type() != null && types.contains(e.type()));
    }

    boolean channelMatches(String channel) {
        return channels.isEmpty() || channel != null && channels.contains(channel);
    }

    /** Runs the contract for one entry and the customer's state as of that entry. */
    public Outcome evaluate(EntryView entry, CustomerState customer) {
        if (!triggeredBy(entry)) return Outcome.NOT_TRIGGERED;
        return evaluateTriggered(new Activation(entry, () -> customer), entry);
    }

    /** The same as {@link #evaluate} but always through the CEL program, never the {@link Prefilter} (for tests). */
    Outcome evaluateWithCelOnly(EntryView entry, CustomerState customer) {
        if (!triggeredBy(entry)) return Outcome.NOT_TRIGGERED;
        return evaluateTriggered(new Activation(entry, () -> customer), entry, false);
    }

    Outcome evaluateTriggered(Activation vars, EntryView entry) {
        return evaluateTriggered(vars, entry, true);
    }

    /** The condition and actions for an entry the trigger names; never throws for bad data. */
    private Outcome evaluateTriggered(Activation vars, EntryView entry, boolean shortcut) {
        byte decided = shortcut && prefilter != null ? prefilter.eval(vars) : Prefilter.UNKNOWN;
        if (decided == Prefilter.FALSE) return Outcome.NOT_MATCHED;
        Object result;
        try {
            result = decided == Prefilter.TRUE ? Boolean.TRUE : condition.eval(vars);
        } catch (CelEvaluationException e) {
            return Outcome.error(message(e));
        } catch (RuntimeException e) {
            return Outcome.error("condition: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!(result instanceof Boolean b)) return Outcome.error("condition: evaluated to " + result + ", not a bool");
        if (!b) return Outcome.NOT_MATCHED;
        List<ContractAction> actions = new ArrayList<>(definition.actions().size());
        for (int i = 0; i < definition.actions().size(); i++) {
            String error = resolve(i, vars, entry, actions);
            if (error != null) return Outcome.error(error);
        }
        return new Outcome(Outcome.Status.MATCHED, actions, null);
    }

    /** Adds action {@code i}'s resolved form to {@code out}, or returns why it cannot be resolved. */
    private String resolve(int i, Activation vars, EntryView entry, List<ContractAction> out) {
        ActionSpec spec = definition.actions().get(i);
        String path = "actions[" + i + "]." + spec.type().wireName();
        Map<String, Object> params = new TreeMap<>(spec.params());
        for (Map.Entry<String, ActionType.ParamSpec> p : spec.type().params().entrySet()) {
            Object v = params.get(p.getKey());
            if (v == null) continue;
            switch (p.getValue().kind()) {
                case AMOUNT -> {
                    long amount;
                    if (v instanceof Long literal) {
                        amount = literal;
                    } else {
                        Object r;
                        try {
                            r = amounts.get(i).eval(vars);
                        } catch (CelEvaluationException e) {
                            return path + ".amount: " + message(e);
                        } catch (RuntimeException e) {
                            return path + ".amount: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        if (!(r instanceof Long n)) return path + ".amount: evaluated to " + r + ", not an int";
                        amount = n;
                    }
                    if (amount <= 0) return null; // nothing to award or expire: the action is left out
                    if (amount > definition.limits().maxAmount()) {
                        return path + ".amount: " + amount + " exceeds limits.maxAmount " + definition.limits().maxAmount();
                    }
                    params.put("amount", amount);
                }
                case ACCOUNT -> {
                    String accountId = "agent".equals(v) ? entry.agentId() : vars.customer().id();
                    if (accountId == null) {
                        return path + ".account: " + v + ("agent".equals(v) ? " but the entry has no agentId" : " but the customer state has no id");
                    }
                    params.put("accountId", accountId);
                }
                case CHANNEL -> {
                    if ("entry".equals(v)) {
                        if (entry.channel() == null) return path + "." + p.getKey() + ": 'entry' but the entry has no channel";
                        params.put(p.getKey(), entry.channel());
                    }
                }
                case DAYS -> {
                    Instant at = entry.occurredAt().plus(Duration.ofSeconds((Long) v * DAY_SECONDS));
                    params.put(p.getKey().equals("dueDays") ? "dueAt" : "until", at.toString());
                }
                case TEXT, NAME -> { }
            }
        }
        out.add(new ContractAction(definition.id(), definition.version(), sha256, entry.index(), entry.id(), vars.customer().id(), i,
                spec.type(), params));
        return null;
    }

    private static String message(CelEvaluationException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return "CompiledContract[" + definition.label() + " " + sha256.substring(0, 12) + "]";
    }
}
