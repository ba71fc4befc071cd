package org.touchline.node;

import org.touchline.domain.Progress;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole log verified while the node serves (issue 7 item 5). At start a node checks only the head of its log
 * ({@link LedgerHead}, O(log n)) and SQLite's page structure: a byte changed inside a stored value (SQLite keeps no
 * checksum of values) is found only by reading every entry, which takes minutes at millions of entries. So the node
 * starts, serves reads, and verifies everything in the background; damage found stops writes (reads go on, so people
 * can still see and export what they need) and {@code /v1/health} names it, until the store is restored.
 */
public final class IntegrityWatch {
    /** Where the background verification stands: {@code state} is checking, intact or damaged. */
    public record Status(String state, long checked, long of, String problem) {}

    private final Node node;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("not started", 0, 0, null));

    IntegrityWatch(Node node) { this.node = node; }

    public Status status() { return status.get(); }

    /** Verifies on a low-priority daemon thread; returns at once. */
    public Thread start() {
        Thread t = new Thread(this::run, "touchline-integrity");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Verifies every entry up to the log's size now; stops writes and says why if anything is wrong. */
    public Status run() {
        long size = node.ledger().size();
        status.set(new Status("checking", 0, size, null));
        VerifyReport report;
        try {
            report = new LedgerVerifier(node, true).verify((stage, done, total) -> status.set(new Status("checking", done, total, null)));
        } catch (RuntimeException e) {
            report = new VerifyReport(size, 0, 0, 0, 0, 0, -1, java.util.List.of("the log cannot be read: " + e.getMessage()));
        }
        if (report.ok()) {
            status.set(new Status("intact", report.entries(), report.entries(), null));
        } else {
            String problem = (report.firstBadIndex() >= 0 ? "entry " + report.firstBadIndex() + ": " : "") + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more problems)" : "");
            node.stopWrites("the ledger is damaged (" + problem + "); writes are stopped so nothing is signed on top of it. "
                    + "Run `touchline verify` for the whole report and restore the data directory from a backup (`touchline restore`).");
            status.set(new Status("damaged", report.entries(), report.entries(), problem));
        }
        return status.get();
    }
}
