package org.touchline.destinations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.domain.store.DestinationStore;
import org.touchline.domain.store.DestinationStore.Delivery;
import org.touchline.domain.store.DestinationStore.Settled;
import org.touchline.domain.store.DestinationStore.Subscription;
import org.touchline.domain.store.LedgerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One subscription's delivery, on a thread of its own, reading the ledger after commit (never inside the write path):
 * the cursor passes new entries, recording those of the subscribed kinds as owed in the same transaction that moves it;
 * then the owed entries that are due are checked (erasure, consent for the purpose, at this moment) and sent, and what
 * became of each is recorded. A crash between sending and recording sends again with the same id: at least once.
 */
final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private final String id;
    private final DestinationStore store;
    private final LedgerStore ledger;
    private final LedgerEvents events;
    private final Sink sink;
    private final Destinations.Settings settings;
    private final Clock clock;
    private final Random random = new Random();
    private volatile boolean running = true;
    private final Thread thread;

    Dispatcher(Subscription s, DestinationStore store, LedgerStore ledger, LedgerEvents events, Sink sink, Destinations.Settings settings, Clock clock) {
        this.id = s.id();
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.thread = new Thread(this, "touchline-destination-" + s.id());
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    @Override
    public void run() {
        while (running) {
            boolean busy;
            try {
                Optional<Subscription> s = store.subscription(id);
                if (s.isEmpty()) break; // deleted
                busy = s.get().state().equals(Subscription.ACTIVE) && (advance(s.get()) | deliver(s.get()));
            } catch (RuntimeException e) {
                // The store or the ledger failed (a full disk, a restarted database): nothing was recorded, try again.
                LOG.warn("destination {}: {}", id, e.getMessage());
                busy = false;
            }
            if (!busy) pause();
        }
        sink.close();
    }

    /** Moves the cursor over the next entries, recording those the subscription takes; true when it moved. */
    private boolean advance(Subscription s) {
        long from = store.progress(id).orElseThrow().cursor(), head = ledger.size();
        if (from >= head) return false;
        long to = Math.min(head, from + settings.batch());
        Set<String> kinds = Set.copyOf(s.kinds());
        Instant now = clock.instant();
        List<Delivery> owed = new ArrayList<>();
        ledger.scanLeaves(from, to, (index, leaf) -> {
            String kind = EntryKinds.of(leaf);
            if (kind != null && kinds.contains(kind)) owed.add(Delivery.owed(index, now));
        });
        store.advance(id, from, to, owed);
        return true;
    }

    /** Sends what is due; true when there was any. */
    private boolean deliver(Subscription s) {
        Instant now = clock.instant();
        List<Delivery> due = store.due(id, now, settings.batch());
        if (due.isEmpty()) return false;
        List<Settled> settled = new ArrayList<>(due.size());
        List<Delivery> sending = new ArrayList<>();
        List<OutboundEvent> outbound = new ArrayList<>();
        for (Delivery d : due) {
            try {
                OutboundEvent e = events.event(d.index());
                // Checked now, not when the subscription was made nor when the entry was passed: a consent withdrawn
                // while the entry waited for a retry stops it too.
                if (events.check(e, s.purpose()).isPresent()) {
                    settled.add(new Settled(d.index(), Settled.Outcome.SKIPPED, now, null));
                    continue;
                }
                sending.add(d);
                outbound.add(e);
            } catch (RuntimeException x) {
                settled.add(failed(d, "cannot read entry " + d.index() + ": " + x.getMessage(), now));
            }
        }
        List<String> answers = outbound.isEmpty() ? List.of() : sink.send(outbound);
        Instant after = clock.instant();
        for (int k = 0; k < sending.size(); k++) {
            Delivery d = sending.get(k);
            String failure = answers.get(k);
            settled.add(failure == null ? new Settled(d.index(), Settled.Outcome.DELIVERED, after, null) : failed(d, failure, after));
        }
        store.settle(id, settled);
        return true;
    }

    private Settled failed(Delivery d, String why, Instant now) {
        Instant next = settings.backoff().next(d.attempts() + 1, d.enqueuedAt(), now, random);
        return next == null ? new Settled(d.index(), Settled.Outcome.DEAD, now, why) : new Settled(d.index(), Settled.Outcome.RETRY, next, why);
    }

    private void pause() {
        try {
            Thread.sleep(settings.poll().toMillis());
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops after the round in progress (a batch being sent is recorded first). */
    void stop() { running = false; }

    void join() throws InterruptedException { thread.join(settings.timeout().toMillis() * 2 + 5000); }
}
