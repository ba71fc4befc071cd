package org.touchline.destinations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.DestinationStore;
import org.touchline.domain.store.DestinationStore.Delivery;
import org.touchline.domain.store.DestinationStore.Progress;
import org.touchline.domain.store.DestinationStore.Subscription;
import org.touchline.node.Consents;
import org.touchline.node.Node;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destinations out (docs/destinations.md): subscriptions of HTTP webhooks and Kafka topics to kinds of ledger entry,
 * each delivered from its own durable cursor over the log, at least once, with an id per event; made, listed, paused,
 * resumed, deleted and replayed here, whichever way the request came (API, command line). Deliveries run once
 * {@link #start} is called (by the node that serves), one thread per active subscription.
 */
public final class Destinations implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Node node;
    private final DestinationStore store;
    private final Settings settings;
    private final Clock clock;
    private final LedgerEvents events;
    private final Map<String, Dispatcher> running = new ConcurrentHashMap<>();
    private volatile boolean started;

    /** How deliveries are made: retries, the time a receiver has to answer, how often an idle subscription looks for new entries, and the batch. */
    public record Settings(Backoff backoff, Duration timeout, Duration poll, int batch) {
        public static final Settings DEFAULT = new Settings(Backoff.DEFAULT, Duration.ofSeconds(10), Duration.ofMillis(100), 200);

        /** The same with another retry schedule: {@code maxAttempts} over delays from {@code first} up to {@code longest}, dead after {@code maxAge}. */
        public Settings retrying(Duration first, Duration longest, int maxAttempts, Duration maxAge) {
            return new Settings(new Backoff(first, longest, maxAttempts, maxAge), timeout, poll, batch);
        }

        public Settings answeringWithin(Duration timeout) { return new Settings(backoff, timeout, poll, batch); }
    }

    public Destinations(Node node, DestinationStore store) { this(node, store, Settings.DEFAULT, Clock.systemUTC()); }

    public Destinations(Node node, DestinationStore store, Settings settings, Clock clock) {
        this.node = node;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.events = new LedgerEvents(node);
    }

    /** The kinds of entry a destination may subscribe to. */
    public static List<String> kinds() { return EntryKinds.ALL; }

    /**
     * A subscription to make: a webhook {@code url} or a Kafka {@code topic} ({@code TOPIC@HOST:PORT}), the entry kinds
     * it takes, the purpose its receiver uses them for, and where its cursor starts ({@code from}: an entry index; null
     * for the head, so it gets what is appended from now on).
     */
    public record NewSubscription(String name, String url, String kafka, List<String> kinds, String purpose, Long from) {}

    /** A subscription made: its secret is shown this once (webhooks), the receiver keeps it to check signatures. */
    public record Created(Status status, String secret) {}

    /** A subscription as the API and the command line show it: never its secret. */
    public record Status(String id, String name, String sink, String target, List<String> kinds, String purpose, String state,
                         Instant createdAt, long cursor, long head, long behind, long delivered, long failed, long dead,
                         long skipped, long pending, Duration oldestUndelivered) {
        /** As the API answers it and the command line prints it. */
        public ObjectNode json() {
            ObjectNode n = InteractionJson.MAPPER.createObjectNode().put("id", id).put("name", name).put("sink", sink).put("target", target);
            ArrayNode k = n.putArray("kinds");
            kinds.forEach(k::add);
            n.put("purpose", purpose).put("state", state).put("createdAt", createdAt.toString());
            n.putObject("counts").put("delivered", delivered).put("failed", failed).put("dead", dead).put("skipped", skipped);
            n.putObject("lag").put("cursor", cursor).put("head", head).put("entriesBehind", behind).put("pending", pending)
                    .put("oldestUndeliveredSeconds", oldestUndelivered.toMillis() / 1000.0);
            return n;
        }
    }

    public Created create(NewSubscription n) {
        if (n.name() == null || n.name().isBlank()) throw new IllegalArgumentException("name: required (what the destination is, for people)");
        if ((n.url() == null) == (n.kafka() == null)) throw new IllegalArgumentException("url or kafka: exactly one (a webhook's URL, or TOPIC@HOST:PORT)");
        if (n.kinds() == null || n.kinds().isEmpty()) throw new IllegalArgumentException("kinds: at least one of " + EntryKinds.ALL);
        for (String k : n.kinds()) if (!EntryKinds.ALL.contains(k)) throw new IllegalArgumentException("kinds: '" + k + "' is not one of " + EntryKinds.ALL);
        if (n.purpose() == null || !Consents.PURPOSES.contains(n.purpose()))
            throw new IllegalArgumentException("purpose: '" + n.purpose() + "' is not one of " + Consents.PURPOSES + " (what the receiver uses the events for)");
        long head = node.ledger().size();
        long from = n.from() == null ? head : n.from();
        if (from < 0 || from > head) throw new IllegalArgumentException("from: an entry index between 0 and the head " + head + ", got " + from);
        String sink, target, secret = null;
        if (n.url() != null) {
            URI url = webhookUrl(n.url());
            sink = Subscription.WEBHOOK;
            target = url.toString();
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        } else {
            KafkaSink.Target.parse(n.kafka());
            sink = Subscription.KAFKA;
            target = n.kafka();
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Subscription s = new Subscription("dst_" + HexFormat.of().formatHex(id), n.name().strip(), sink, target,
                List.copyOf(new LinkedHashSet<>(n.kinds())), n.purpose(), secret, Subscription.ACTIVE, clock.instant());
        store.create(s, from);
        if (started) dispatch(s);
        return new Created(status(s.id()), secret);
    }

    private static URI webhookUrl(String text) {
        URI url;
        try {
            url = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: '" + text + "' is not a URL: " + e.getMessage());
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null)
            throw new IllegalArgumentException("url: '" + text + "' is not an http(s) URL with a host");
        return url;
    }

    public List<Status> list() {
        List<Status> out = new ArrayList<>();
        for (Subscription s : store.subscriptions()) out.add(status(s, node.ledger().size()));
        return out;
    }

    public Status status(String id) { return status(subscription(id), node.ledger().size()); }

    private Status status(Subscription s, long head) {
        Progress p = store.progress(s.id()).orElseThrow(() -> new NoSuchElementException("no destination " + s.id()));
        Duration oldest = p.oldestPendingAt() == null ? Duration.ZERO : Duration.between(p.oldestPendingAt(), clock.instant());
        return new Status(s.id(), s.name(), s.sink(), s.target(), s.kinds(), s.purpose(), s.state(), s.createdAt(), p.cursor(), head,
                Math.max(0, head - p.cursor()), p.delivered(), p.failed(), p.dead(), p.skipped(), p.pending(), oldest.isNegative() ? Duration.ZERO : oldest);
    }

    private Subscription subscription(String id) {
        return store.subscription(id).orElseThrow(() -> new NoSuchElementException("no destination " + id));
    }

    public Status pause(String id) {
        subscription(id);
        store.setState(id, Subscription.PAUSED);
        return status(id);
    }

    public Status resume(String id) {
        subscription(id);
        store.setState(id, Subscription.ACTIVE);
        return status(id);
    }

    public void delete(String id) {
        subscription(id);
        store.delete(id);
        Dispatcher d = running.remove(id);
        if (d != null) d.stop();
    }

    /** The dead deliveries of {@code id} after entry {@code after}, in entry order. */
    public List<Delivery> dead(String id, long after, int limit) {
        subscription(id);
        return store.dead(id, after, limit);
    }

    /** Sends every dead delivery of {@code id} again, from its first attempt; answers how many. */
    public int replayDead(String id) {
        subscription(id);
        return store.replayDead(id, clock.instant());
    }

    /** Moves the cursor of {@code id} to entry {@code from}: every entry from there is examined and delivered again, with the same ids. */
    public Status replayFrom(String id, long from) {
        subscription(id);
        long head = node.ledger().size();
        if (from < 0 || from > head) throw new IllegalArgumentException("from: an entry index between 0 and the head " + head + ", got " + from);
        store.rewind(id, from);
        return status(id);
    }

    /** Starts delivering every subscription (paused ones wait for their resume), and those made from now on. */
    public synchronized Destinations start() {
        started = true;
        for (Subscription s : store.subscriptions()) dispatch(s);
        return this;
    }

    private synchronized void dispatch(Subscription s) {
        running.computeIfAbsent(s.id(), k -> {
            Sink sink = s.sink().equals(Subscription.KAFKA) ? new KafkaSink(s.target(), settings.timeout())
                    : new WebhookSink(URI.create(s.target()), s.secret(), settings.timeout(), clock);
            Dispatcher d = new Dispatcher(s, store, node.ledger(), events, sink, settings, clock);
            d.start();
            return d;
        });
    }

    /** Stops every delivery after the batch in progress; what was sent and not yet recorded is sent again at the next start. */
    @Override
    public synchronized void close() {
        started = false;
        for (Dispatcher d : running.values()) d.stop();
        for (Dispatcher d : running.values()) {
            try {
                d.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
