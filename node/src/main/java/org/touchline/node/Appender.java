package org.touchline.node;
import org.touchline.domain.Interaction;
import org.touchline.domain.Problem;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.domain.store.WritesStoppedException;
import org.touchline.identity.Attribution;
import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
import org.touchline.identity.IdentityGraph;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.StoredNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The single writer of the log, in three stages on three threads so that the CPU work of one group overlaps the
 * disk work of the previous one:
 * <ol>
 *   <li><b>sequence</b> takes everything waiting (up to {@link #MAX_GROUP} records) and makes it one group: drop
 *   records the log already has, resolve identity, choose each personal part's data key, extend the tree, sign the
 *   batch note and the new checkpoint: everything that depends on ledger order;</li>
 *   <li><b>seal</b> encrypts the group's personal parts (AES-GCM under the keys chosen), which depends on nothing
 *   else, while the sequencer goes on with the next group;</li>
 *   <li><b>store</b> writes the group in one durable transaction and only then completes the submitters' futures, in
 *   group order, so an acknowledged record is on disk.</li>
 * </ol>
 * The per-record work that needs no ledger state (canonical JSON, commitments, leaf hashes) is done before, in the
 * submitter's thread ({@link Prepared}).
 * The submission queue is bounded by the records waiting, not by the submissions: a fast reader waits instead of
 * filling the heap, and many one-record submissions (webhooks, one event a request) still make large groups, each
 * of whose commits costs the store much less per record than a small group's. One signature pair per group
 * keeps Ed25519 (~1,000 signatures/s) off the per-record path. If a write fails, that group and every group sequenced
 * on top of it fail, and sequencing starts again from what the store holds.
 */
final class Appender implements AutoCloseable {
    static final int MAX_GROUP = 10_000;
    private final LedgerStore store;
    private final NodeIdentity identity;
    private final Vault vault;
    /** Build the resolver and the contracts over the store, their uncommitted changes layered per group on {@link #groups}. */
    private final Function<GroupCommits, IdentityGraph> loadResolver;
    /** Records that may wait to be sequenced: two full groups, so the sequencer always has the next one at hand. */
    static final int MAX_WAITING = 2 * MAX_GROUP;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** One permit a waiting record (a submission larger than the bound takes them all); fair, so a large one gets in. */
    private final Semaphore waiting = new Semaphore(MAX_WAITING, true);
    /** One group may wait while another is written: enough to overlap, little enough to bound memory. */
    private final BlockingQueue<Sequenced> sequenced = new ArrayBlockingQueue<>(1);
    /** Signalled each time the writer takes a group, so that the sequencer takes the next one only then. */
    private final Object handedOver = new Object();
    /** Records sequenced but not yet committed, so a record submitted twice in quick succession is still one entry. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final Thread sequencer, writer;
    private volatile boolean running = true;
    private volatile RuntimeException writeFailure;
    /** Why writes are refused, once damage was found in the log (null while it is intact). */
    private volatile String stopped;
    /** Groups handed to the writer and not yet finished. Not guarded by this: the writer must never wait for the sequencer. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Object written = new Object();
    private Frontier frontier;
    private IdentityGraph resolver;
    private ContractRunner contracts;
    private final Function<GroupCommits, ContractRunner> loadContracts;
    /** Which of a group's strong identifier keys an erasure recorded: the {@code erased_identifiers} projection. */
    private final ProjectionStore projections;
    /**
     * The erased keys, held in memory while there are at most {@link #erasedHeldInMemory} (about 100 bytes each), so a
     * group is checked without a query; null beyond, and then each group asks the projection once. Read at each reload
     * and extended by each erasure, so it is always the projection's content: the same on every node.
     */
    private Set<String> erasedKeys;
    /** Which strong identifiers a record carries (keyed hashes): computed only once someone was erased. */
    private final ErasedIdentifiers erasedIdentifiers;

    /** {@code -Dtouchline.erasedInMemory=N}, default 100,000 keys (about 10 MB). */
    static int erasedHeldInMemory() { return Integer.getInteger("touchline.erasedInMemory", 100_000); }
    /** The group being sequenced and the last one committed: what the resolver's state may take as stored. */
    private GroupCommits groups;
    /** Who is told of each durable record, refusal and group (the server's metrics); nobody by default. */
    private final AtomicReference<WriteObserver> observer = new AtomicReference<>(WriteObserver.NONE);
    /** When this process last stored a checkpoint (its start until it has): how stale the served checkpoint is. */
    private volatile long checkpointStoredMillis = System.currentTimeMillis();

    private record Pending(String submitter, List<Prepared> records, CompletableFuture<List<Outcome>> done) {
        /** What it holds of {@link #waiting} while queued. */
        int permits() { return Math.max(1, Math.min(records.size(), MAX_WAITING)); }
    }

    /** A sequenced group: its append lacks the sealed parts until {@code parts} (the seal stage) has them. */
    private record Sequenced(Append unsealed, CompletableFuture<List<SealedPart>> parts, List<Pending> group,
                             List<List<Outcome>> outcomes, List<String> keys, List<Append.DataKey> newKeys,
                             GroupCommits groups, long number) {}

    /** The seal stage: one thread, so groups are sealed in the order they were sequenced. */
    private final ExecutorService sealer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "touchline-sealer");
        t.setDaemon(true);
        return t;
    });

    Appender(LedgerStore store, NodeIdentity identity, Vault vault, Function<GroupCommits, IdentityGraph> loadResolver,
             Function<GroupCommits, ContractRunner> loadContracts, ProjectionStore projections,
             ErasedIdentifiers erasedIdentifiers) {
        this.store = store;
        this.projections = projections;
        this.erasedIdentifiers = erasedIdentifiers;
        this.identity = identity;
        this.vault = vault;
        this.loadResolver = loadResolver;
        this.loadContracts = loadContracts;
        reload();
        this.sequencer = new Thread(this::sequenceLoop, "touchline-sequencer");
        this.writer = new Thread(this::writeLoop, "touchline-writer");
        sequencer.setDaemon(true);
        writer.setDaemon(true);
        sequencer.start();
        writer.start();
    }

    /** Queues a submission; blocks while the queue is full. */
    CompletableFuture<List<Outcome>> submit(String submitter, List<Prepared> records) {
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        if (stopped != null) {
            done.completeExceptionally(new WritesStoppedException(stopped));
            return done;
        }
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the node is shutting down"));
            return done;
        }
        try {
            Pending p = new Pending(submitter, records, done);
            while (!waiting.tryAcquire(p.permits(), 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    done.completeExceptionally(new IllegalStateException("the node is shutting down"));
                    return done;
                }
            }
            queue.add(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void sequenceLoop() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                // While a sequenced group still waits for the writer, another could only wait behind it: what arrives
                // meanwhile is better taken into the next group, fewer and larger commits when the store sets the pace.
                // With the sequencer setting it, the waiting group is always taken at once and this never waits.
                synchronized (handedOver) {
                    while (running && !sequenced.isEmpty()) handedOver.wait(100);
                }
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                int n = first.records().size();
                for (Pending next; n < MAX_GROUP && (next = queue.poll()) != null; n += next.records().size()) group.add(next);
                for (Pending p : group) waiting.release(p.permits());
                // Handed over outside the lock: the writer takes the lock to count a group done.
                sequenced.put(sequence(group));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                for (Pending p : group) p.done().completeExceptionally(e);
                synchronized (this) {
                    awaitWritten();
                    reload();
                }
            } finally {
                group.clear();
            }
        }
    }

    /** Back to exactly what the store holds: after a failed write, in-memory state may be ahead of it. */
    private void reload() {
        try {
            frontier = Frontier.load(store.size(), store.hashes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree's right edge: " + e.getMessage(), e);
        }
        // New state over the store: whatever an unwritten group had changed is gone with the old one.
        groups = new GroupCommits();
        resolver = loadResolver.apply(groups);
        contracts = loadContracts.apply(groups);
        erasedKeys = erasedInMemory();
        writeFailure = null;
    }

    /** Runs {@code work} with nothing being sequenced or written, then reloads state (a rebuild rewrites projections). */
    /** How the caches of store state did since the last reload (a start, a failed write, a rebuild). */
    synchronized List<CacheStats> cacheStats() {
        List<CacheStats> out = new ArrayList<>(resolver.cacheStats());
        out.addAll(contracts.facts().cacheStats());
        return out;
    }

    void observe(WriteObserver o) { observer.set(o == null ? WriteObserver.NONE : o); }

    void unobserve(WriteObserver o) { observer.compareAndSet(o, WriteObserver.NONE); }

    WriteObserver observer() { return observer.get(); }

    /** Submissions queued and not yet taken into a group. */
    int submissionsWaiting() { return queue.size(); }

    /** Records those submissions hold, at most {@link #MAX_WAITING}: a submitter waits while it is full. */
    int recordsWaiting() { return MAX_WAITING - waiting.availablePermits(); }

    /** Groups sequenced and not yet written. */
    int groupsUnwritten() { return unwritten.get(); }

    long checkpointStoredMillis() { return checkpointStoredMillis; }

    /** From now on every submission and command is refused with {@code why}; what is already queued is still written. */
    void stopWrites(String why) { stopped = why; }

    Optional<String> writesStopped() { return Optional.ofNullable(stopped); }

    synchronized void exclusive(Runnable work) {
        awaitWritten();
        try {
            work.run();
        } finally {
            reload();
        }
    }

    private void awaitWritten() {
        synchronized (written) {
            while (unwritten.get() > 0) {
                try {
                    written.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for writes", e);
                }
            }
        }
    }

    private synchronized Sequenced sequence(List<Pending> group) {
        if (writeFailure != null) {
            awaitWritten();
            reload();
        }
        long first = frontier.size();
        Frontier tree = frontier.copy();
        ProjectionChanges changes = new ProjectionChanges();
        List<Append.Leaf> leaves = new ArrayList<>();
        List<StoredNode> nodes = new ArrayList<>();
        List<Vault.Sealing> sealings = new ArrayList<>();
        List<Append.DataKey> newKeys = new ArrayList<>();
        List<byte[]> leafHashes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Set<String> submitters = new LinkedHashSet<>();
        List<List<Outcome>> outcomes = new ArrayList<>();
        // Earlier groups' records still in flight, looked up BEFORE the store is asked: the writer drops a key from
        // inFlight only after its group committed, so a key absent here is new or visible to the query below. (Asked
        // the other way round, a group committed between the query and the lookup was in neither: its records were
        // sequenced again and the whole group failed on the records table's primary key.)
        Map<String, Long> earlier = new HashMap<>();
        for (Pending p : group)
            for (Prepared r : p.records()) {
                Long at = inFlight.get(r.recordKey());
                if (at != null) earlier.put(r.recordKey(), at);
            }
        Map<String, Map<String, Long>> stored = alreadyStored(group);
        // Erasures are commands, written before any group sequenced after them: the store holds every one before this group.
        boolean checksErased = erasedKeys == null || !erasedKeys.isEmpty();
        Set<String> erased = checksErased ? erasedIn(group) : Set.of();
        List<Interaction> interactions = new ArrayList<>();
        for (Pending p : group) for (Prepared r : p.records()) interactions.add(r.interaction());
        contracts.facts().prefetch(resolver.prefetch(interactions));
        for (Pending p : group) {
            List<Outcome> out = new ArrayList<>(p.records().size());
            for (Prepared r : p.records()) {
                var i = r.interaction();
                Problem refused = checksErased ? ErasedIdentifiers.refusal(r.recordRef(), erasedIdentifiers.carriedBy(i), erased) : null;
                if (refused != null) {
                    out.add(Outcome.rejected(r.recordRef(), List.of(refused)));
                    continue;
                }
                String key = r.recordKey();
                Long seen = earlier.get(key);
                if (seen == null) seen = inFlight.get(key); // earlier in this same group
                if (seen == null) seen = stored.get(i.source()).get(i.sourceRecordId());
                if (seen != null) {
                    out.add(Outcome.duplicate(r.recordRef(), seen, i.id()));
                    continue;
                }
                long index = tree.size();
                int customersBefore = changes.customers.size();
                int decisionsBefore = changes.decisions.size();
                int mergesBefore = changes.merges.size();
                boolean external = ExternalEvents.is(i);
                List<EventEntry> actions = null;
                Attribution who = null;
                if (external) actions = ExternalEvents.place(index, i, resolver, contracts, changes);
                else who = resolver.attribute(index, i, changes);
                for (var m : changes.merges.subList(mergesBefore, changes.merges.size())) contracts.facts().merge(m.absorbed(), m.survivor());
                boolean newSubject = who != null && changes.customers.size() > customersBefore
                        && changes.customers.get(customersBefore).id().equals(who.subject());
                sealings.add(vault.sealing(index, external ? ExternalEvents.KEY_ID : who.subject(), newSubject, r.salt(), r.personal(), newKeys));
                tree.append(r.leafHash(), nodes::add);
                leaves.add(new Append.Leaf(index, i.source(), i.sourceRecordId(), r.leaf()));
                leafHashes.add(r.leafHash());
                inFlight.put(key, index);
                keys.add(key);
                submitters.add(p.submitter());
                out.add(Outcome.accepted(r.recordRef(), index, i.id()));
                // The decisions taken on the way are entries of their own, right after the interaction they are about;
                // then what the contracts do about it, each action an entry of its own.
                for (IdentityDecision d : changes.decisions.subList(decisionsBefore, changes.decisions.size()))
                    leafHashes.add(appendDerived(CommandEntry.of(d), tree, nodes, leaves, changes));
                if (actions == null) actions = contracts.interaction(index, i, who.subject());
                for (EventEntry action : actions)
                    leafHashes.add(appendDerived(CommandEntry.recorded(action), tree, nodes, leaves, changes));
            }
            outcomes.add(out);
        }
        contracts.facts().drainInto(changes);
        Append append = null;
        CompletableFuture<List<SealedPart>> parts = CompletableFuture.completedFuture(List.of());
        if (!leaves.isEmpty()) {
            String submitter = String.join(",", submitters);
            String batchNote = identity.signer().sign(BatchNote.of(identity.origin(), first, leafHashes, submitter).text()).encode();
            Checkpoint cp = new Checkpoint(identity.origin(), tree.size(), tree.root(), List.of());
            String checkpointNote = identity.signer().sign(cp.body()).encode();
            append = new Append(first, leaves, nodes, List.of(), newKeys, changes,
                    new StoredBatch(first, leaves.size(), submitter, batchNote), new StoredCheckpoint(tree.size(), checkpointNote));
            frontier = tree;
            parts = CompletableFuture.supplyAsync(() -> seal(sealings), sealer);
        }
        // Even a group of duplicates goes through the writer: its answers point at entries that must be durable first.
        unwritten.incrementAndGet();
        return new Sequenced(append, parts, List.copyOf(group), outcomes, keys, newKeys, groups, groups.close());
    }

    /**
     * Appends one identity command (an accepted or rejected review, an unmerge, a relationship): with nothing else
     * in flight, so the command sees the projections exactly as the resolver does, and written before it returns.
     * {@code command} checks and applies itself to the resolver and the changes, or throws to refuse (then nothing
     * is appended and the resolver is reloaded from the store).
     */
    synchronized long command(String submitter, CommandWriter.Command command) {
        if (stopped != null) throw new WritesStoppedException(stopped);
        awaitWritten();
        if (writeFailure != null) reload();
        long first = frontier.size();
        Frontier tree = frontier.copy();
        ProjectionChanges changes = new ProjectionChanges();
        List<CommandEntry> entries;
        try {
            entries = new ArrayList<>(command.apply(first, resolver, changes));
            for (var m : changes.merges) contracts.facts().merge(m.absorbed(), m.survivor());
        } catch (RuntimeException e) {
            reload();
            throw e;
        }
        if (entries.isEmpty()) return first;
        List<StoredNode> nodes = new ArrayList<>();
        List<Append.Leaf> leaves = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<SealedPart> parts = new ArrayList<>();
        List<Append.DataKey> newKeys = new ArrayList<>();
        Append.Erasure erasure = null;
        for (int k = 0; k < entries.size(); k++) {
            CommandEntry e = entries.get(k);
            if (e.erasure() != null) erasure = e.erasure();
            SealedPart part = e.seal(tree.size(), newKeys);
            if (part != null) parts.add(part);
            long index = tree.size();
            hashes.add(appendDerived(e, tree, nodes, leaves, changes));
            // Contracts run on a consent, a rating, a redemption... and their actions follow it.
            if (e.event() != null) {
                List<EventEntry> actions = contracts.event(index, e.event());
                for (int j = 0; j < actions.size(); j++) entries.add(k + 1 + j, CommandEntry.recorded(actions.get(j)));
            }
        }
        contracts.facts().drainInto(changes);
        String batchNote = identity.signer().sign(BatchNote.of(identity.origin(), first, hashes, submitter).text()).encode();
        Checkpoint cp = new Checkpoint(identity.origin(), tree.size(), tree.root(), List.of());
        Append append = new Append(first, leaves, nodes, parts, newKeys, changes,
                new StoredBatch(first, leaves.size(), submitter, batchNote), new StoredCheckpoint(tree.size(), identity.signer().sign(cp.body()).encode()),
                erasure);
        long started = System.nanoTime();
        try {
            store.append(append);
        } catch (RuntimeException e) {
            vault.forgetUnstored(newKeys);
            reload();
            throw e;
        }
        written(append, System.nanoTime() - started);
        vault.stored(newKeys);
        frontier = tree;
        groups.committed(groups.close());
        if (erasedKeys != null && !changes.erasedIdentifiers.isEmpty()) {
            Set<String> more = new HashSet<>(erasedKeys);
            changes.erasedIdentifiers.forEach(e -> more.add(e.identifierKey()));
            erasedKeys = more.size() <= erasedHeldInMemory() ? more : null;
        }
        if (erasure != null) {
            // The erased keys must not outlive the erasure in memory, nor the customer in the resolver and matcher
            // (the contracts' facts forgot them when the entry was applied). The key ids are the customer's ids.
            vault.forget(erasure.keyIds());
            resolver.forget(erasure.keyIds());
        }
        return first;
    }

    /** Appends an entry that follows from another (a decision, a contract's action): leaf, tree, projections. */
    private static byte[] appendDerived(CommandEntry e, Frontier tree, List<StoredNode> nodes, List<Append.Leaf> leaves, ProjectionChanges changes) {
        long at = tree.size();
        byte[] leaf = e.leaf();
        byte[] hash = Hashes.leafHash(leaf);
        tree.append(hash, nodes::add);
        leaves.add(DecisionEntries.leaf(at, leaf));
        e.project(at, changes);
        return hash;
    }

    private List<SealedPart> seal(List<Vault.Sealing> sealings) {
        List<SealedPart> parts = new ArrayList<>(sealings.size());
        for (Vault.Sealing s : sealings) parts.add(vault.seal(s));
        return parts;
    }

    /** The sequenced append with the parts the seal stage made. */
    private static Append withParts(Append a, List<SealedPart> parts) {
        return new Append(a.first(), a.leaves(), a.nodes(), parts, a.newKeys(), a.projections(), a.batch(), a.checkpoint(), a.erasure());
    }

    private void writeLoop() {
        while (running || !sequenced.isEmpty() || sequencer.isAlive()) {
            Sequenced s;
            try {
                s = sequenced.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (s == null) continue;
            synchronized (handedOver) {
                handedOver.notifyAll();
            }
            try {
                if (writeFailure != null) throw writeFailure; // built on a group that never reached the disk
                if (s.unsealed() != null) {
                    Append a = withParts(s.unsealed(), s.parts().join());
                    long started = System.nanoTime();
                    store.append(a);
                    written(a, System.nanoTime() - started);
                }
                s.groups().committed(s.number());
                vault.stored(s.newKeys());
                recorded(s);
                for (int k = 0; k < s.group().size(); k++) s.group().get(k).done().complete(s.outcomes().get(k));
            } catch (RuntimeException | Error thrown) {
                // A failure of the seal stage reaches here wrapped by its future.
                Throwable e = thrown instanceof CompletionException c && c.getCause() != null ? c.getCause() : thrown;
                RuntimeException failure = e instanceof RuntimeException re ? re : new IllegalStateException("write failed: " + e, e);
                if (writeFailure == null) writeFailure = failure;
                vault.forgetUnstored(s.newKeys());
                for (Pending p : s.group()) p.done().completeExceptionally(failure);
            } finally {
                s.keys().forEach(inFlight::remove);
                if (unwritten.decrementAndGet() == 0) {
                    synchronized (written) {
                        written.notifyAll();
                    }
                }
            }
        }
    }

    /** A durable append: its group's size and time, and the identity decisions it holds. */
    private void written(Append a, long nanos) {
        checkpointStoredMillis = System.currentTimeMillis();
        WriteObserver o = observer.get();
        o.groupWritten(a.leaves().size(), nanos);
        for (var row : a.projections().decisionRows) o.decided(row.decision().kind());
    }

    /** Each record of a durable group, by its source and channel: one outcome per record, in submission order. */
    private void recorded(Sequenced s) {
        WriteObserver o = observer.get();
        if (o == WriteObserver.NONE) return;
        for (int k = 0; k < s.group().size(); k++) {
            List<Prepared> records = s.group().get(k).records();
            List<Outcome> outcomes = s.outcomes().get(k);
            for (int r = 0; r < records.size(); r++) {
                var i = records.get(r).interaction();
                // Refused when applied (an erased identifier): counted with the refusals, not as durable.
                Outcome.Status status = outcomes.get(r).status();
                if (status == Outcome.Status.REJECTED) o.refused(i.source(), i.channel());
                else o.recorded(i.source(), i.channel(), status == Outcome.Status.DUPLICATE);
            }
        }
    }

    /**
     * The erased keys to check the group against: all of them when held in memory, else those among the group's strong
     * identifiers, by one batched lookup for the whole group.
     */
    private Set<String> erasedIn(List<Pending> group) {
        if (erasedKeys != null) return erasedKeys;
        Set<String> carried = new HashSet<>();
        for (Pending p : group) for (Prepared r : p.records()) for (ErasedIdentifiers.Carried c : erasedIdentifiers.carriedBy(r.interaction())) carried.add(c.key());
        return carried.isEmpty() ? Set.of() : projections.erasedAmong(carried);
    }

    /** The projection's erased keys if there are few enough to hold, else null. */
    private Set<String> erasedInMemory() {
        if (!projections.anyErasedIdentifier()) return Set.of();
        if (erasedHeldInMemory() == 0) return null;
        Set<String> keys = new HashSet<>();
        projections.loadErasedIdentifiers(e -> keys.add(e.identifierKey()));
        return keys.size() <= erasedHeldInMemory() ? keys : null;
    }

    /** Which records of the group the log already holds, asked once per source rather than once per record. */
    private Map<String, Map<String, Long>> alreadyStored(List<Pending> group) {
        Map<String, List<String>> bySource = new HashMap<>();
        for (Pending p : group)
            for (Prepared r : p.records())
                bySource.computeIfAbsent(r.interaction().source(), k -> new ArrayList<>()).add(r.interaction().sourceRecordId());
        Map<String, Map<String, Long>> stored = new HashMap<>();
        bySource.forEach((source, ids) -> stored.put(source, store.indexesOf(source, ids)));
        return stored;
    }

    @Override
    public void close() {
        running = false;
        try {
            sequencer.join(TimeUnit.SECONDS.toMillis(30));
            writer.join(TimeUnit.SECONDS.toMillis(30));
            sealer.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A submission that raced the shutdown gets an answer instead of waiting for ever.
        for (Pending p; (p = queue.poll()) != null; )
            p.done().completeExceptionally(new IllegalStateException("the node shut down before this submission was appended"));
    }
}
