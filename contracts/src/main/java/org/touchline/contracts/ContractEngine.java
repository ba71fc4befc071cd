package org.touchline.contracts;

import org.touchline.ledger.NoteVerifier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The deployed contracts and their evaluation, in ledger order. The node applies each contract lifecycle entry
 * (deploy, pause, resume, retire) with the methods of the same name, and calls {@link #evaluate} for each appended
 * entry; replaying the ledger through a new engine gives the same actions, because evaluation reads only the entry,
 * the customer state and the deployed definitions, and its order is fixed (contracts by id, then their actions in
 * the order they are listed).
 *
 * <p>One version of a contract id is deployed at a time: deploying a higher version replaces the deployed one (and
 * starts active); a lower version, or the same version with another definition, is refused, as is a version not above
 * one that was retired. Pause, resume and retire name the deployed id and version. Refusals are
 * {@link ContractException}s, so the node can check a lifecycle entry against the engine before it appends it.
 *
 * <p>Fast path: contracts are indexed by entry kind and type, so an entry costs nothing for the contracts whose
 * trigger does not name it; the customer's state is asked for only if some contract's trigger names the entry.
 * Lifecycle methods are synchronized; {@link #evaluate} reads an immutable snapshot and may run on any thread.
 */
public final class ContractEngine {
    /** The lifecycle state of a deployed contract. */
    public enum State { ACTIVE, PAUSED }

    /** The lifecycle changes besides deploying. */
    public enum Change { PAUSE, RESUME, RETIRE }

    /** A deployed contract and its state. */
    public record Deployment(CompiledContract contract, State state) {}

    private final ContractCompiler compiler;
    private final TreeMap<String, Deployment> deployed = new TreeMap<>();
    private final Map<String, Long> retired = new HashMap<>();
    private volatile Map<String, KindIndex> index = Map.of();

    public ContractEngine() {
        this(ContractCompiler.STANDARD);
    }

    public ContractEngine(ContractCompiler compiler) {
        this.compiler = compiler;
    }

    /** Verifies a signed contract against the trusted administrator keys, then deploys it. */
    public CompiledContract deploy(SignedContract signed, Collection<NoteVerifier> trustedAdmins) {
        signed.verify(trustedAdmins);
        return deploy(signed.definition());
    }

    /** Compiles and deploys a definition (see the class comment for the version rules). */
    public synchronized CompiledContract deploy(ContractDefinition definition) {
        checkDeploy(definition);
        Deployment current = deployed.get(definition.id());
        if (current != null && current.contract().version() == definition.version()) return current.contract(); // the same definition again
        CompiledContract compiled = compiler.compile(definition);
        deployed.put(definition.id(), new Deployment(compiled, State.ACTIVE));
        reindex();
        return compiled;
    }

    /** Throws the reason {@link #deploy(ContractDefinition)} would refuse this definition, without compiling it. */
    public synchronized void checkDeploy(ContractDefinition d) {
        Deployment current = deployed.get(d.id());
        if (current != null) {
            CompiledContract c = current.contract();
            if (c.version() == d.version() && !c.sha256().equals(d.sha256())) {
                throw new ContractException("contract " + d.id() + ": version " + d.version() + " is already deployed with another definition (sha256 "
                        + c.sha256() + "): give the new definition a higher version");
            }
            if (c.version() > d.version()) {
                throw new ContractException("contract " + d.id() + ": version " + d.version() + " is older than the deployed version " + c.version());
            }
        }
        Long retiredVersion = retired.get(d.id());
        if (current == null && retiredVersion != null && d.version() <= retiredVersion) {
            throw new ContractException("contract " + d.id() + ": version " + retiredVersion + " was retired; deploy a version above it");
        }
    }

    /** Stops the contract from acting until it is resumed. */
    public synchronized void pause(String id, long version) {
        Deployment d = checkChange(Change.PAUSE, id, version);
        deployed.put(id, new Deployment(d.contract(), State.PAUSED));
        reindex();
    }

    public synchronized void resume(String id, long version) {
        Deployment d = checkChange(Change.RESUME, id, version);
        deployed.put(id, new Deployment(d.contract(), State.ACTIVE));
        reindex();
    }

    /** Removes the contract for good: only a higher version of its id can be deployed after this. */
    public synchronized void retire(String id, long version) {
        checkChange(Change.RETIRE, id, version);
        deployed.remove(id);
        retired.merge(id, version, Math::max);
        reindex();
    }

    /**
     * Throws the reason a change would be refused (the contract is not deployed, another version is, it is already
     * paused or not paused), without making it: for the node to check a lifecycle entry before appending it.
     *
     * @return the deployment the change applies to
     */
    public synchronized Deployment checkChange(Change change, String id, long version) {
        String what = change.name().toLowerCase(Locale.ROOT);
        Deployment d = deployed.get(id);
        if (d == null) throw new ContractException("cannot " + what + " contract " + id + "@" + version + ": it is not deployed");
        if (d.contract().version() != version) {
            throw new ContractException("cannot " + what + " contract " + id + "@" + version + ": the deployed version is " + d.contract().version());
        }
        if (change == Change.PAUSE && d.state() == State.PAUSED) throw new ContractException("contract " + id + "@" + version + " is already paused");
        if (change == Change.RESUME && d.state() == State.ACTIVE) throw new ContractException("contract " + id + "@" + version + " is not paused");
        return d;
    }

    /** The deployed version of a contract id, if any. */
    public synchronized Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(deployed.get(id));
    }

    /** All deployed contracts, by id. */
    public synchronized List<Deployment> deployments() {
        return List.copyOf(deployed.values());
    }

    /** {@link #evaluate(EntryView, Supplier)} with the customer's state already at hand. */
    public Evaluation evaluate(EntryView entry, CustomerState customer) {
        return evaluate(entry, () -> customer);
    }

    /**
     * Runs every active contract whose trigger names the entry. {@code customer} is called at most once, and only if
     * some trigger names the entry; it gives the state of the entry's customer as of this entry (the entry included),
     * or null / {@link CustomerState#EMPTY} when the entry has no customer. Never throws for a bad entry or state:
     * a contract that cannot be evaluated is reported in {@link Evaluation#errors()} and takes no action.
     */
    public Evaluation evaluate(EntryView entry, Supplier<CustomerState> customer) {
        KindIndex k = index.get(entry.kind());
        if (k == null) return Evaluation.EMPTY;
        CompiledContract[] candidates = entry.type() == null ? k.anyType : k.byType.getOrDefault(entry.type(), k.anyType);
        Activation vars = null;
        List<ContractAction> actions = null;
        List<ContractError> errors = null;
        for (CompiledContract c : candidates) {
            if (!c.channelMatches(entry.channel())) continue;
            if (vars == null) vars = new Activation(entry, customer);
            Outcome o = c.evaluateTriggered(vars, entry);
            switch (o.status()) {
                case MATCHED -> {
                    if (actions == null) actions = new ArrayList<>(4);
                    actions.addAll(o.actions());
                }
                case ERROR -> {
                    if (errors == null) errors = new ArrayList<>(2);
                    errors.add(new ContractError(c.id(), c.version(), c.sha256(), entry.index(), o.error()));
                }
                default -> { }
            }
        }
        if (actions == null && errors == null) return Evaluation.EMPTY;
        return new Evaluation(actions == null ? List.of() : actions, errors == null ? List.of() : errors);
    }

    /**
     * Per entry kind, the active contracts in id order: those without a type filter, and for each type some trigger
     * names, those that accept it (the unfiltered ones included). Channel filters are checked per entry.
     */
    private void reindex() {
        Map<String, KindIndex> next = new HashMap<>();
        for (String kind : ContractSchema.ENTRY_KINDS) {
            List<CompiledContract> any = new ArrayList<>();
            TreeMap<String, Boolean> typeNames = new TreeMap<>();
            for (Deployment d : deployed.values()) {
                if (d.state() != State.ACTIVE || !d.contract().definition().trigger().kinds().contains(kind)) continue;
                List<String> types = d.contract().definition().trigger().types();
                if (types.isEmpty()) any.add(d.contract());
                else types.forEach(t -> typeNames.put(t, true));
            }
            Map<String, CompiledContract[]> byType = new HashMap<>();
            for (String type : typeNames.keySet()) {
                List<CompiledContract> list = new ArrayList<>();
                for (Deployment d : deployed.values()) { // id order
                    CompiledContract c = d.contract();
                    if (d.state() != State.ACTIVE || !c.definition().trigger().kinds().contains(kind)) continue;
                    List<String> types = c.definition().trigger().types();
                    if (types.isEmpty() || types.contains(type)) list.add(c);
                }
                byType.put(type, list.toArray(CompiledContract[]::new));
            }
            if (!any.isEmpty() || !byType.isEmpty()) next.put(kind, new KindIndex(any.toArray(CompiledContract[]::new), byType));
        }
        index = Map.copyOf(next);
    }

    private record KindIndex(CompiledContract[] anyType, Map<String, CompiledContract[]> byType) {}
}
