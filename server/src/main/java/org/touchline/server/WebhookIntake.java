package org.touchline.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.ingest.events.ReceivedEvent;
import org.touchline.node.Node;
import org.touchline.node.Outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhooks acknowledged on intake (docs/events.md, "Acknowledgement"). A request's thread hands its mapped event over
 * and waits only for the spool's commit, which takes every event handed over meanwhile (group commit); a drain thread
 * appends the queued events to the ledger in batches, as an NDJSON batch is appended, and then forgets them. An event
 * appended but not yet forgotten when the node stopped is appended again at the next start, and the ledger answers it
 * as a duplicate: whatever was acknowledged reaches the ledger once.
 */
final class WebhookIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("touchline.webhooks");
    /** Events a spool commit takes at most, and a drain's batch (an NDJSON batch's order of size). */
    static final int GROUP = 1_000, BATCH = 2_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    /** What the drain did since the node started. */
    record Counts(long waiting, long appended, long duplicates, long refused, long failures) {}

    private record Handed(String webhook, ReceivedEvent event, CompletableFuture<Long> receipt) {}

    private final Node node;
    private final WebhookSpool spool;
    private final BlockingQueue<Handed> handed = new LinkedBlockingQueue<>();
    private final Thread writer = new Thread(this::writeLoop, "touchline-webhook-intake");
    private final Thread drain = new Thread(this::drainLoop, "touchline-webhook-drain");
    private final Object wake = new Object();
    private final AtomicLong appended = new AtomicLong(), duplicates = new AtomicLong(), refused = new AtomicLong(), failures = new AtomicLong();
    private volatile boolean closing;
    private boolean queuedSinceWake;

    WebhookIntake(Node node) {
        this.node = node;
        this.spool = new WebhookSpool(node.identity().dataDir());
    }

    /** Starts queueing and draining, the events an earlier run left in the spool first. */
    void start() {
        long left = counts().waiting();
        if (left > 0) LOG.info("webhook intake: {} events queued before the node stopped; appending them to the ledger", left);
        writer.setDaemon(true);
        drain.setDaemon(true);
        writer.start();
        drain.start();
    }

    /** Queues an accepted event come in by the webhook source {@code webhook} durably; returns its receipt (its place in the spool). */
    long queue(String webhook, ReceivedEvent event) throws InterruptedException {
        if (closing) throw new IllegalStateException("the node is stopping: the webhook was not queued; deliver it again");
        Handed h = new Handed(webhook, event, new CompletableFuture<>());
        handed.add(h);
        try {
            return h.receipt().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the webhook intake could not queue the event (" + e.getCause().getMessage() + "); deliver it again", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the webhook intake did not queue the event within a minute; deliver it again");
        }
    }

    Counts counts() {
        long waiting;
        try {
            waiting = spool.waiting();
        } catch (SQLException e) {
            waiting = -1;
        }
        return new Counts(waiting, appended.get(), duplicates.get(), refused.get(), failures.get());
    }

    /** Group commit: each spool transaction takes every event handed over while the last one committed. */
    private void writeLoop() {
        while (!closing || !handed.isEmpty()) {
            List<Handed> group = new ArrayList<>();
            try {
                Handed first = handed.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
            } catch (InterruptedException e) {
                return;
            }
            handed.drainTo(group, GROUP - 1);
            try {
                List<Long> ids = spool.queue(group.stream().map(Handed::webhook).toList(), group.stream().map(Handed::event).toList());
                for (int k = 0; k < group.size(); k++) group.get(k).receipt().complete(ids.get(k));
                synchronized (wake) {
                    queuedSinceWake = true;
                    wake.notifyAll();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.error("webhook intake: {} events not queued: {}", group.size(), e.getMessage());
                for (Handed h : group) h.receipt().completeExceptionally(e);
            }
        }
        for (Handed h; (h = handed.poll()) != null; ) h.receipt().completeExceptionally(new IllegalStateException("the node is stopping"));
    }

    /** Appends the oldest queued events, a batch at a time, until the node stops; retries a failed batch, waiting longer each time. */
    private void drainLoop() {
        long backoff = 0;
        while (!closing) {
            try {
                if (backoff > 0 && !pause(backoff)) return;
                List<WebhookSpool.Queued> batch = spool.oldest(BATCH);
                if (batch.isEmpty()) {
                    synchronized (wake) {
                        if (!queuedSinceWake) wake.wait(200);
                        queuedSinceWake = false;
                    }
                    continue;
                }
                append(batch);
                spool.appendedThrough(batch.get(batch.size() - 1).id());
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                backoff = Math.min(MAX_BACKOFF_MS, Math.max(500, backoff * 2));
                LOG.warn("webhook intake: the ledger did not take the queued events ({}); trying again in {} s", e.getMessage(), backoff / 1000.0);
            }
        }
    }

    /** Appends a batch in runs of one webhook source each, submitted as that source's webhooks are one at a time. */
    private void append(List<WebhookSpool.Queued> batch) {
        int from = 0;
        while (from < batch.size()) {
            String webhook = batch.get(from).webhook();
            int to = from;
            List<ReceivedEvent> run = new ArrayList<>();
            while (to < batch.size() && batch.get(to).webhook().equals(webhook)) run.add(batch.get(to++).event());
            for (Outcome o : node.standardEvents().ingest(run, "webhook:" + webhook)) {
                switch (o.status()) {
                    case ACCEPTED -> appended.incrementAndGet();
                    case DUPLICATE -> duplicates.incrementAndGet();
                    case REJECTED -> refused.incrementAndGet();
                }
            }
            from = to;
        }
    }

    /** Waits {@code ms} unless the node stops first; false when it does. */
    private boolean pause(long ms) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (wake) {
            for (long left; !closing && (left = until - System.nanoTime()) > 0; ) TimeUnit.NANOSECONDS.timedWait(wake, left);
        }
        return !closing;
    }

    /**
     * Stops taking events, answers those handed over, and lets the drain finish its batch; what is still queued stays in
     * the spool for the next start.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            drain.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            spool.close();
        } catch (SQLException e) {
            LOG.warn("webhook intake: closing the spool: {}", e.getMessage());
        }
    }
}
