package org.touchline.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.EntryKind;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.Progress;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DeadLetterStore;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentifierRules;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;
import org.touchline.node.audience.AudienceEvaluator;
import org.touchline.node.audience.Audiences;
import org.touchline.node.command.Commands;
import org.touchline.node.command.ContractCommands;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.command.DataRequests;
import org.touchline.node.command.IdentityCommands;
import org.touchline.node.command.Ingestion;
import org.touchline.node.command.StandardEvents;
import org.touchline.node.command.Tokens;
import org.touchline.node.command.Write;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A Touchline node: the append pipeline of docs/architecture.md (validate → resolve → sign batch → append → index →
 * checkpoint) over the storage interfaces, with the read side (customers, proofs) and the maintenance jobs
 * (verify, rebuild) beside it. Adapters (the CLI, the HTTP server) hold one of these.
 */
public final class Node implements AutoCloseable {
    private final NodeIdentity identity;
    private final LedgerStore ledger;
    private final ProjectionStore projections;
    private final DeadLetterStore deadLetters;
    private final ErasedIdentifiers erased;
    private final DeadLetterLimits deadLetterLimits;
    private final IdentifierKeys identifierKeys;
    /** Replaced only by {@link #resolveAllUnderFiles}, which brings the history in line with the new ones. */
    private final Resolution resolution;
    private final Vault vault;
    private final StoredEngines engines;
    private final Appender appender;
    private final Submissions submissions;
    private final CommandWriter writer;
    private final Customers customers;
    private final Consents consents;
    private final AccessLog accessLog;
    private final IdentityEffects identityEffects;
    private final ContactDemand demand;
    private final IntegrityWatch integrity;

    /**
     * A node whose identity rules come from {@code identity-rules.yaml} in its data directory, or the defaults if there
     * is no such file (see {@link IdentityRulesFile}). A file that cannot be read or is wrong stops the start.
     */
    public Node(NodeIdentity identity, LedgerStore ledger, ProjectionStore projections, DeadLetterStore deadLetters) {
        this(identity, ledger, projections, deadLetters, rulesInForce(identity));
    }

    /** The rules file's rules, if they are the ones the history was resolved under (see {@link RulesInForce}). */
    private static IdentifierRules rulesInForce(NodeIdentity identity) {
        IdentifierRules rules = IdentityRulesFile.loadFrom(identity.dataDir());
        RulesInForce.check(identity.dataDir(), new Resolution(rules, MatchModelFile.loadFrom(identity.dataDir())).describe());
        return rules;
    }

    /**
     * A node under the rules file as it is now, even if the history was resolved under other rules: only for
     * {@link #resolveAll}, which brings the history in line.
     */
    public static Node forResolveAll(NodeIdentity identity, LedgerStore ledger, ProjectionStore projections, DeadLetterStore deadLetters) {
        return new Node(identity, ledger, projections, deadLetters, IdentityRulesFile.loadFrom(identity.dataDir()));
    }

    public Node(NodeIdentity identity, LedgerStore ledger, ProjectionStore projections, DeadLetterStore deadLetters,
                IdentifierRules identityRules) {
        this(identity, ledger, projections, deadLetters, identityRules, MatchModelFile.loadFrom(identity.dataDir()));
    }

    /** Assembles the node's parts, each given what it reads and writes through (docs/architecture.md, "Modules"). */
    public Node(NodeIdentity identity, LedgerStore ledger, ProjectionStore projections, DeadLetterStore deadLetters,
                IdentifierRules identityRules, PersonMatchModel matchModel) {
        this.identity = identity;
        this.ledger = ledger;
        this.projections = projections;
        this.deadLetters = deadLetters;
        this.resolution = new Resolution(identityRules, matchModel);
        this.identifierKeys = new IdentifierKeys(identity.identifierSecret());
        this.vault = new Vault(identity.masterKey(), ledger);
        this.erased = new ErasedIdentifiers(identifierKeys, identityRules);
        this.engines = new StoredEngines(projections, identifierKeys, resolution, vault);
        this.appender = new Appender(ledger, identity, vault, engines::graph, engines::contracts, projections, erased);
        this.submissions = new Submissions(appender, vault);
        this.writer = appender::command;
        this.deadLetterLimits = DeadLetterLimits.in(identity.dataDir());
        this.customers = new Customers(ledger, projections, identifierKeys, resolution, vault);
        this.consents = new Consents(projections, customers);
        this.accessLog = new AccessLog(identity.dataDir(), customers);
        this.identityEffects = new IdentityEffects(ledger, projections, projections, identifierKeys, vault);
        this.demand = new ContactDemand(ledger);
        this.integrity = new IntegrityWatch(identity, ledger, vault, new ProjectionCheck(ledger, projections, vault, identifierKeys, resolution), appender);
    }

    /** Which strong identifiers a record carries, to be refused if an erasure recorded one. */
    ErasedIdentifiers erased() { return erased; }

    /** How much of refused records is kept. */
    public DeadLetterLimits deadLetterLimits() { return deadLetterLimits; }

    /** Deploying, pausing, resuming and retiring contracts: each a ledger entry. */
    public ContractCommands contracts() { return contracts(Clock.systemUTC(), true); }

    /**
     * The contract commands with their entries' time from {@code clock} (a cluster node applies an ordered command at
     * the time it was accepted); {@code appends} false: each checks its request against the node's state now, as it
     * would before appending it, and appends nothing (what a cluster node does before ordering it).
     */
    public ContractCommands contracts(Clock clock, boolean appends) {
        return new ContractCommands(identity.dataDir(), engines::deployments, writer, clock, appends);
    }

    /** The write commands other than ingest, their entries' time from {@code clock}: what a {@link Write} applies through. */
    public Commands commands(Clock clock) { return commands(clock, true); }

    /** The write commands other than ingest, only checking each request as they would before appending: see {@link Write#check}. */
    public Commands checks() { return commands(Clock.systemUTC(), false); }

    private Commands commands(Clock clock, boolean appends) {
        return new Commands(customerEvents(clock, appends), identityCommands(clock, appends), tokens(clock, appends), contracts(clock, appends),
                dataRequests(clock, appends));
    }

    /**
     * Data-subject requests filed, verified, extended, fulfilled and closed at {@code clock}'s time, appending or only
     * checking (see {@link #contracts(java.time.Clock, boolean)}); deadlines from the data directory's
     * {@value RequestDeadlines#FILE}.
     */
    public DataRequests dataRequests(Clock clock, boolean appends) {
        return new DataRequests(ledger, projections, projections, customers, customerEvents(clock, appends), projections,
                () -> RequestDeadlines.in(identity.dataDir()), vault, writer, clock, appends);
    }

    /** Data-subject requests as the privacy team and the customer read them, overdue ones judged at {@code clock}'s time. */
    public Requests requests(Clock clock) { return new Requests(ledger, reader(), projections, projections, customers, clock); }

    public NodeIdentity identity() { return identity; }

    public LedgerStore ledger() { return ledger; }

    public ProjectionStore projections() { return projections; }

    public DeadLetterStore deadLetters() { return deadLetters; }

    Vault vault() { return vault; }

    IdentifierKeys identifierKeys() { return identifierKeys; }

    /** The probabilistic matcher's model every attribution (live and rebuild) uses. */
    public PersonMatchModel matchModel() { return resolution.model(); }

    /** The identity rules every attribution (live and rebuild) uses. */
    public IdentifierRules identityRules() { return resolution.rules(); }

    /** The identity rules and the match model in force, together. */
    Resolution resolution() { return resolution; }

    /**
     * Appends checked candidates for {@code submitter}; the future completes once they are durable, with one outcome
     * per candidate in order. The per-record hashing and canonicalisation run here, in the caller's thread.
     */
    public CompletableFuture<List<Outcome>> submit(String submitter, List<Candidate> candidates) {
        return submissions.submit(submitter, candidates);
    }

    /**
     * As {@link #submit(String, List)} with each record's salt given by {@code saltOf} instead of drawn at random: a
     * cluster node appends an ordered batch with the salts its envelope carries, so its leaves equal every peer's.
     */
    public CompletableFuture<List<Outcome>> submit(String submitter, List<Candidate> candidates, Function<Candidate, byte[]> saltOf) {
        return submissions.submit(submitter, candidates, saltOf);
    }

    public List<Outcome> submitAndWait(String submitter, List<Candidate> candidates) {
        try {
            return submit(submitter, candidates).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    public Ingestion ingestion() { return new Ingestion(submissions, deadLetters, deadLetterLimits); }

    public StandardEvents standardEvents() { return new StandardEvents(ingestion(), customers, identityCommands()); }

    public Customers customers() { return customers; }

    /** Customers found from what an agent types: an id, any identifier, a name or a postcode. */
    public CustomerFinder customerFinder() { return new CustomerFinder(customers, projections); }

    /** Who read which customer's data, for what: every reader (the API, the command line) records here. */
    public AccessLog accessLog() { return accessLog; }

    /** A customer's export bundle: their entries, personal parts, salts and inclusion proofs to a signed checkpoint. */
    public ObjectNode exportBundle(String customerId) { return new ExportBundle(identity, ledger, projections, customers, vault).build(customerId); }

    /** Token balances, redemption and expiry (minting is the contracts'). */
    public Tokens tokens() { return tokens(Clock.systemUTC(), true); }

    /**
     * The token commands at {@code clock}'s time, appending or only checking: see
     * {@link #contracts(java.time.Clock, boolean)}.
     */
    public Tokens tokens(Clock clock, boolean appends) {
        return new Tokens(identity.dataDir(), customers, projections, projections, writer, clock, appends);
    }

    /** Consents, ratings and erasure: each a ledger entry; and the one purpose check. */
    public CustomerEvents customerEvents() { return customerEvents(Clock.systemUTC(), true); }

    /**
     * Consents, ratings and erasure at {@code clock}'s time, appending or only checking: see
     * {@link #contracts(java.time.Clock, boolean)}.
     */
    public CustomerEvents customerEvents(Clock clock, boolean appends) {
        return new CustomerEvents(ledger, projections, projections, projections, projections, customers, resolution, vault, deadLetters,
                accessLog, writer, clock, appends);
    }

    /** Consent as the ledger says now, and the one purpose check (docs/architecture.md, principle 7). */
    public Consents consents() { return consents; }

    /**
     * The customers whose latest consent for {@code purpose} is a grant, by current id, in id order (see
     * {@link Consents#audience}).
     */
    public List<String> audience(String purpose) { return consents.audience(purpose); }

    private volatile SignedBatches signedBatches;

    /** Batches channel nodes sign with their registered keys (docs/ingest.md, "Signed batches"). */
    public synchronized SignedBatches signedBatches() {
        if (signedBatches == null) signedBatches = new SignedBatches(identity.dataDir());
        return signedBatches;
    }

    private volatile Analytics analytics;
    private volatile Intelligence intelligence;

    /** Features, propensities, next best actions and sentiment (docs/intelligence.md), every use of data behind its purpose check. */
    public Intelligence intelligence() {
        Intelligence i = intelligence;
        if (i == null) synchronized (this) {
            if (intelligence == null) intelligence = new Intelligence(identity.dataDir(), ledger, projections, projections, customers, consents,
                    vault, writer, analytics().stages(), Clock.systemUTC());
            i = intelligence;
        }
        return i;
    }

    /** Journey analytics over the customers who allow analytics (docs/analytics.md): one snapshot, shared by every caller. */
    public Analytics analytics() {
        Analytics a = analytics;
        if (a == null) synchronized (this) {
            if (analytics == null) analytics = new Analytics(identity.dataDir(), ledger, projections, projections, customers, consents, Clock.systemUTC());
            a = analytics;
        }
        return a;
    }

    /** Contact demand per staffed channel, its forecast and the staff it needs (docs/intelligence.md, "Demand and staffing"). */
    public ContactDemand demand() { return demand; }

    /** Contracts' proposals, tasks and notifications, where the people and systems that act on them read them. */
    public ContractActions contractActions() { return new ContractActions(customers, projections); }

    /** Campaign audiences: consent to marketing, less contracts' suppressions. */
    public Campaigns campaigns() { return new Campaigns(projections, customers, consents); }

    /** The facts contracts see, as stored after commit: what audiences are evaluated on. */
    public StoredFacts storedFacts() { return new StoredFacts(projections); }

    /** Audiences (docs/audiences.md): definitions on the ledger, members kept in {@code store} by their evaluator. */
    public Audiences audiences(AudienceStore store) { return audiences(store, Clock.systemUTC(), AudienceEvaluator.Settings.DEFAULT); }

    /** The same with another clock (windows and sweeps follow it) and evaluator settings: for tests and benchmarks. */
    public Audiences audiences(AudienceStore store, Clock clock, AudienceEvaluator.Settings settings) {
        return new Audiences(ledger, projections, projections, customers, storedFacts(), analytics().stages(), (c, at) -> {
            Map<String, Double> p = new TreeMap<>();
            intelligence().propensities(c, at).forEach((name, score) -> p.put(name, score.probability()));
            return p;
        }, store, writer, clock, settings);
    }

    /** Review decisions, unmerges and relationships: each a ledger entry. */
    public IdentityCommands identityCommands() { return identityCommands(Clock.systemUTC(), true); }

    /**
     * Identity decisions at {@code clock}'s time, appending or only checking: see
     * {@link #contracts(java.time.Clock, boolean)}.
     */
    public IdentityCommands identityCommands(Clock clock, boolean appends) {
        return new IdentityCommands(projections, projections, customers, identifierKeys, identityEffects, writer, clock, appends);
    }

    /** Appends one command with nothing else in flight; see {@link Appender#command}. */
    long command(String submitter, CommandWriter.Command command) { return writer.command(submitter, command); }

    public LedgerReader reader() { return new LedgerReader(identity, ledger); }

    /**
     * The personal part of entry {@code index}, opened with this node's keys; empty when erased. For an export that
     * is allowed personal data ({@code touchline spark export --personal}).
     */
    public Optional<PersonalPart> personalPart(long index) { return vault.openPart(ledger, index); }

    public VerifyReport verify(Progress progress) { return new LedgerVerifier(identity, ledger, vault, false).verify(progress); }

    /** The verification of the whole log while the node serves (started by {@code touchline serve}). */
    public IntegrityWatch integrity() { return integrity; }

    /** The projections rebuilt from the ledger into a scratch store and compared with the live ones, row by row. */
    public ProjectionCheck projectionCheck() { return new ProjectionCheck(ledger, projections, vault, identifierKeys, resolution); }

    /** Refuses every write from now on, saying why; reads go on. */
    public void stopWrites(String why) { appender.stopWrites(why); }

    public Optional<String> writesStopped() { return appender.writesStopped(); }

    /**
     * Drops every projection and replays the ledger (docs/architecture.md, principle 1); appends wait until it is done.
     * Returns how the replay's caches of store state did.
     */
    public List<CacheStats> rebuild(Progress progress) { return replay().run(progress).caches(); }

    /** A replay of the ledger into the projections, with no group commit in flight meanwhile. */
    Rebuild replay() { return Rebuild.over(ledger, projections, vault, identifierKeys, resolution, appender::exclusive); }

    /** {@link #replay} committing every {@code chunkSize} entries. */
    Rebuild replay(int chunkSize) { return Rebuild.over(ledger, projections, vault, identifierKeys, resolution, appender::exclusive, chunkSize); }

    /** Runs {@code work} while no group commit is in flight; the writer then starts again from the store. */
    void exclusive(Runnable work) { appender.exclusive(work); }

    /**
     * Fits the match model to this ledger's records (docs/identity.md: m and u by EM without labels): one profile per
     * interaction that carries a name and a date of birth, postcode or address, so duplicates are still apart.
     */
    public PersonMatchModel fitMatchModel(Progress progress) {
        List<PersonProfile> records = new ArrayList<>();
        long size = ledger.size();
        for (long from = 0; from < size; from += 10_000) {
            List<Long> indexes = new ArrayList<>();
            List<byte[]> leaves = new ArrayList<>();
            ledger.scanLeaves(from, Math.min(size, from + 10_000), (i, leaf) -> {
                if (EntryKind.of(leaf) == EntryKind.INTERACTION) {
                    indexes.add(i);
                    leaves.add(leaf);
                }
            });
            for (long i : indexes) {
                vault.openPart(ledger, i).ifPresent(part -> {
                    var profile = PersonProfile.of(part.identifiers());
                    if (profile.matchable()) records.add(profile);
                });
            }
            progress.update("reading records", Math.min(size, from + 10_000), size);
        }
        if (records.size() < 100) throw new IllegalStateException("only " + records.size()
                + " records carry a name with a date of birth, postcode or address: too few to fit a model (keep the defaults)");
        return PersonMatchModel.fit(records, progress);
    }

    /** What {@link #resolveAll} did. */
    public record ResolveReport(long rulesEntry, String rulesVersion, long superseded, long recorded, long customers,
                                List<CacheStats> caches) {}

    /**
     * {@code touchline identity resolve --all} (docs/identity.md): records the rules now in force as a ledger entry,
     * re-resolves the whole history under them (the same replay as a rebuild), and records each decision the new rules
     * take that no entry recorded yet. Decisions recorded under the old rules that no longer hold stay in the ledger as
     * history and show as superseded.
     */
    public ResolveReport resolveAll(Progress progress) {
        long rulesEntry = appender.command("touchline", (index, graph, changes) -> List.of(CommandEntry.of(new IdentityDecision(
                IdentityDecision.RULES, -1, Instant.now(), null, null, null, null, null,
                resolution.describe(), null, "touchline", "identity resolve --all", null))));
        Rebuild.Result replay = replay().run(progress);
        if (!replay.unrecorded().isEmpty()) appender.command("touchline", (index, graph, changes) -> CommandEntry.of(replay.unrecorded()));
        RulesInForce.write(identity.dataDir(), resolution.describe());
        long[] customers = {0};
        projections.loadCustomers(c -> customers[0]++);
        projections.loadMerges(m -> customers[0]--);
        return new ResolveReport(rulesEntry, RulesInForce.version(resolution.describe()), replay.superseded(),
                replay.unrecorded().size(), customers[0], replay.caches());
    }

    /**
     * {@link #resolveAll} under the rules file and the match model file as they are now, read again first: what a node
     * that serves runs when its owner changed identity-rules.yaml or fitted identity-model.json beside it. A file that
     * cannot be read, or is wrong, changes nothing.
     */
    public ResolveReport resolveAllUnderFiles(Progress progress) {
        IdentifierRules rules = IdentityRulesFile.loadFrom(identity.dataDir());
        PersonMatchModel model = MatchModelFile.loadFrom(identity.dataDir());
        resolution.replace(rules, model);
        return resolveAll(progress);
    }

    /**
     * How each bounded cache of store state did (hits, misses, entries held, capacity): the identifiers, merges,
     * customers and identifier counts the resolver reads, the match profiles, the contracts' facts.
     */
    public List<CacheStats> stateCaches() { return appender.cacheStats(); }

    /** Tells {@code observer} of every durable record, refused record, written group and identity decision from now on. */
    public void observe(WriteObserver observer) { appender.observe(observer); }

    /** Stops telling {@code observer}, if it is the one told (another may have taken its place since). */
    public void unobserve(WriteObserver observer) { appender.unobserve(observer); }

    /** What waits for the single writer: submissions not yet in a group, and groups not yet written. */
    public record WriteBacklog(int submissions, int records, int groups) {}

    public WriteBacklog writeBacklog() {
        return new WriteBacklog(appender.submissionsWaiting(), appender.recordsWaiting(), appender.groupsUnwritten());
    }

    /** When this process last stored a signed checkpoint (its start, until it has). */
    public Instant checkpointStoredAt() { return Instant.ofEpochMilli(appender.checkpointStoredMillis()); }

    @Override
    public void close() { appender.close(); }
}
