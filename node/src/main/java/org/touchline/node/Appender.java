package org.touchline.node;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.identity.Attribution;
import org.touchline.identity.IdentityResolver;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.StoredNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The single writer of the log. Submissions queue up (a bounded queue: a fast reader waits instead of filling the
 * heap); the writer takes everything waiting, up to {@link #MAX_GROUP} records, and makes it one group commit:
 * deduplicate, resolve identity, seal personal parts, extend the tree, sign the batch note and the new checkpoint, and
 * write it all in one durable transaction. Only then are the submitters' futures completed, so an acknowledged
 * record is on disk. One signature pair per group keeps Ed25519 (~1,000 signatures/s) off the per-record path.
 */
final class Appender implements AutoCloseable {
    static final int MAX_GROUP = 10_000;
    private final LedgerStore store;
    private final NodeIdentity identity;
    private final Vault vault;
    private final Supplier<IdentityResolver> loadResolver;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Frontier frontier;
    private volatile IdentityResolver resolver;
    private volatile Runnable afterCommit = () -> {};

    private record Pending(String submitter, List<Prepared> records, CompletableFuture<List<Outcome>> done) {}

    Appender(LedgerStore store, NodeIdentity identity, Vault vault, Supplier<IdentityResolver> loadResolver) {
        this.store = store;
        this.identity = identity;
        this.vault = vault;
        this.loadResolver = loadResolver;
        reload();
        this.thread = new Thread(this::run, "touchline-appender");
        thread.setDaemon(true);
        thread.start();
    }

    IdentityResolver resolver() { return resolver; }

    void afterCommit(Runnable r) { this.afterCommit = r; }

    /** Queues a submission; blocks while the queue is full. */
    CompletableFuture<List<Outcome>> submit(String submitter, List<Prepared> records) {
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the node is shutting down"));
            return done;
        }
        try {
            queue.put(new Pending(submitter, records, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                int n = first.records().size();
                for (Pending next; n < MAX_GROUP && (next = queue.poll()) != null; n += next.records().size()) group.add(next);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                for (Pending p : group) p.done().completeExceptionally(e);
                synchronized (this) {
                    reload();
                }
            } finally {
                group.clear();
            }
        }
    }

    /** Back to exactly what the store holds: after a failed commit, in-memory state may be ahead of it. */
    private void reload() {
        try {
            frontier = Frontier.load(store.size(), store.hashes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree's right edge: " + e.getMessage(), e);
        }
        resolver = loadResolver.get();
    }

    /** Runs {@code work} with no commit in flight, then reloads state from the store (a rebuild rewrites projections). */
    synchronized void exclusive(Runnable work) {
        try {
            work.run();
        } finally {
            reload();
        }
    }

    private synchronized void commit(List<Pending> group) {
        long first = frontier.size();
        Frontier tree = frontier.copy();
        ProjectionChanges changes = new ProjectionChanges();
        List<Append.Leaf> leaves = new ArrayList<>();
        List<StoredNode> nodes = new ArrayList<>();
        List<SealedPart> parts = new ArrayList<>();
        List<Append.DataKey> newKeys = new ArrayList<>();
        List<byte[]> leafHashes = new ArrayList<>();
        Map<String, Long> inThisGroup = new HashMap<>();
        Set<String> submitters = new LinkedHashSet<>();
        List<List<Outcome>> outcomes = new ArrayList<>();
        Map<String, Map<String, Long>> stored = alreadyStored(group);
        for (Pending p : group) {
            List<Outcome> out = new ArrayList<>(p.records().size());
            for (Prepared r : p.records()) {
                var i = r.interaction();
                String key = i.source() + "\u0000" + i.sourceRecordId();
                Long seen = inThisGroup.get(key);
                if (seen == null) seen = stored.get(i.source()).get(i.sourceRecordId());
                if (seen != null) {
                    out.add(Outcome.duplicate(r.recordRef(), seen, i.id()));
                    continue;
                }
                long index = tree.size();
                Attribution who = resolver.attribute(index, i, changes);
                parts.add(vault.seal(index, who.subject(), r.salt(), r.personal(), newKeys));
                tree.append(r.leafHash(), nodes::add);
                leaves.add(new Append.Leaf(index, i.source(), i.sourceRecordId(), r.leaf()));
                leafHashes.add(r.leafHash());
                inThisGroup.put(key, index);
                submitters.add(p.submitter());
                out.add(Outcome.accepted(r.recordRef(), index, i.id()));
            }
            outcomes.add(out);
        }
        if (!leaves.isEmpty()) {
            String submitter = String.join(",", submitters);
            String batchNote = identity.signer().sign(BatchNote.of(identity.origin(), first, leafHashes, submitter).text()).encode();
            Checkpoint cp = new Checkpoint(identity.origin(), tree.size(), tree.root(), List.of());
            String checkpointNote = identity.signer().sign(cp.body()).encode();
            try {
                store.append(new Append(first, leaves, nodes, parts, newKeys, changes,
                        new StoredBatch(first, leaves.size(), submitter, batchNote), new StoredCheckpoint(tree.size(), checkpointNote)));
            } catch (RuntimeException e) {
                vault.forgetUnstored(newKeys);
                throw e;
            }
            frontier = tree;
        }
        for (int k = 0; k < group.size(); k++) group.get(k).done().complete(outcomes.get(k));
        if (!leaves.isEmpty()) afterCommit.run();
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
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
