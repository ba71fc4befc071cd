package org.touchline.node;

import org.touchline.domain.Progress;
import org.touchline.domain.store.LedgerStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The whole log verified while the node serves (docs/reliability.md, "Faults"). At start a node checks only the head of its log
 * ({@link LedgerHead}, O(log n)) and SQLite's page structure: a byte changed inside a stored value (SQLite keeps no
 * checksum of values) is found only by reading every entry, which takes minutes at millions of entries. So the node
 * starts, serves reads, and verifies everything in the background; damage found stops writes (reads go on, so people
 * can still see and export what they need) and {@code /v1/health} names it, until the store is restored.
 */
public final class IntegrityWatch {
    /** Where the background verification stands: {@code state} is checking, intact or damaged. */
    public record Status(String state, long checked, long of, String problem) {}

    private final NodeIdentity identity;
    private final LedgerStore ledger;
    private final Vault vault;
    private final ProjectionCheck projectionCheck;
    private final Appender appender;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("not started", 0, 0, null));
    /** Where projections are rebuilt to be checked against the live ones; null: the projections are not checked. */
    private volatile Supplier<ProjectionCheck.Scratch> scratch;
    private volatile Duration every = Duration.ofMinutes(30);

    /** {@code appender}: the single writer, whose writes stop when damage is found. */
    IntegrityWatch(NodeIdentity identity, LedgerStore ledger, Vault vault, ProjectionCheck projectionCheck, Appender appender) {
        this.identity = identity;
        this.ledger = ledger;
        this.vault = vault;
        this.projectionCheck = projectionCheck;
        this.appender = appender;
    }

    public Status status() { return status.get(); }

    /**
     * Also checks the projections against the ledger, rebuilding them into {@code scratch} (a store of their own),
     * after the log verifies and then again {@code every} while the node runs: a row changed, moved or removed in the
     * store stops writes and is named, as damage to the log is.
     */
    public IntegrityWatch checkingProjections(Supplier<ProjectionCheck.Scratch> scratch, Duration every) {
        this.scratch = scratch;
        this.every = every;
        return this;
    }

    /** Verifies on a low-priority daemon thread; returns at once. */
    public Thread start() {
        Thread t = new Thread(() -> {
            if (!run().state().equals("intact") || scratch == null) return;
            try {
                while (checkProjections().state().equals("intact")) Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "touchline-integrity");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * Checks the store's structure (for SQLite, the quick check of every page that a start no longer waits for), then
     * verifies every entry up to the log's size now; stops writes and says why if anything is wrong.
     */
    public Status run() {
        long size = ledger.size();
        status.set(new Status("checking", 0, size, null));
        List<String> damage = ledger.structuralProblems();
        if (!damage.isEmpty()) {
            String problem = "the store's structural check reports: " + String.join("; ", damage.subList(0, Math.min(5, damage.size())))
                    + (damage.size() > 5 ? " (and " + (damage.size() - 5) + " more)" : "");
            appender.stopWrites("the store is damaged (" + problem + "); writes are stopped so nothing is written on top of the damage. "
                    + "Run `touchline verify` for the whole report and restore the data directory from a backup (`touchline restore`).");
            status.set(new Status("damaged", 0, size, problem));
            return status.get();
        }
        VerifyReport report;
        try {
            report = new LedgerVerifier(identity, ledger, vault, true).verify((stage, done, total) -> status.set(new Status("checking", done, total, null)));
        } catch (RuntimeException e) {
            report = new VerifyReport(size, 0, 0, 0, 0, 0, -1, List.of("the log cannot be read: " + e.getMessage()));
        }
        if (report.ok()) {
            status.set(new Status("intact", report.entries(), report.entries(), null));
        } else {
            String problem = (report.firstBadIndex() >= 0 ? "entry " + report.firstBadIndex() + ": " : "") + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more problems)" : "");
            appender.stopWrites("the ledger is damaged (" + problem + "); writes are stopped so nothing is signed on top of it. "
                    + "Run `touchline verify` for the whole report and restore the data directory from a backup (`touchline restore`).");
            status.set(new Status("damaged", report.entries(), report.entries(), problem));
        }
        return status.get();
    }

    /** One check of the projections against the ledger (skipped, and tried at the next round, if the log grew meanwhile). */
    public Status checkProjections() {
        Status before = status.get();
        Optional<ProjectionCheck.Result> r;
        try (ProjectionCheck.Scratch s = scratch.get()) {
            r = projectionCheck.run(s, Progress.NONE);
        } catch (RuntimeException e) {
            return before;   // a scratch store that cannot be made is no evidence of damage: try again at the next round
        }
        if (r.isEmpty() || r.get().ok()) {
            status.set(new Status("intact", before.checked(), before.of(), null));
            return status.get();
        }
        String problem = r.get().firstDifference().get();
        appender.stopWrites("a projection differs from what the ledger gives (" + problem + "); writes are stopped. "
                + "Run `touchline verify` for the report and `touchline rebuild` to recompute the projections from the ledger.");
        status.set(new Status("damaged", before.checked(), before.of(), problem));
        return status.get();
    }
}
