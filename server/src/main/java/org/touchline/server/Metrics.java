package org.touchline.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.store.DeadLetter;
import org.touchline.destinations.Destinations;
import org.touchline.node.Node;
import org.touchline.node.audience.Audiences;
import org.touchline.node.spi.ClusterRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What a node tells its monitoring at {@code GET /metrics}, in Prometheus' text format through Micrometer (each
 * metric and what to alert on: docs/operations.md). Counters on the write path come from {@link WriteMeters}; the rest
 * are gauges read when Prometheus scrapes, so the write path pays nothing for them. No tag ever names a customer: HTTP
 * requests are counted by route template, records by source and channel.
 */
public final class Metrics implements AutoCloseable {
    /** The SQLite store's file and its write-ahead log, in the data directory. */
    private static final List<String> SQLITE_FILES = List.of("touchline.db", "touchline.db-wal");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Node node;
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final WriteMeters writes;

    Metrics(Node node, ClusterRole cluster, Readiness readiness) {
        this.node = node;
        for (var binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(), new JvmInfoMetrics(),
                new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics(), new DiskSpaceMetrics(node.identity().dataDir().toFile())))
            binder.bindTo(registry);
        this.writes = new WriteMeters(registry);
        node.observe(writes);
        ledger(readiness);
        identityAndCaches();
        store(node.identity().dataDir());
        if (cluster != null) cluster(cluster);
    }

    /** A single node's metrics, as {@code serve} keeps them, without the HTTP server: what {@code touchline bench} ingests under. */
    public static Metrics of(Node node) { return new Metrics(node, null, new Readiness(node, null)); }

    private void ledger(Readiness readiness) {
        gauge("touchline.ledger.size", "Entries in the log (its tree size)", n -> n.ledger().size());
        gauge("touchline.ledger.checkpoint.age", "Seconds since this node last stored a signed checkpoint (counted from its start)",
                n -> Duration.between(n.checkpointStoredAt(), Instant.now()).toMillis() / 1000.0, "seconds");
        Gauge.builder("touchline.write.queue", node, n -> n.writeBacklog().submissions()).description("Submissions waiting for the writer")
                .tag("stage", "submissions").register(registry);
        Gauge.builder("touchline.write.queue", node, n -> n.writeBacklog().records())
                .description("Records those submissions hold (at most 20,000; submitters then wait)")
                .tag("stage", "records").register(registry);
        Gauge.builder("touchline.write.queue", node, n -> n.writeBacklog().groups()).description("Groups sequenced and not yet written")
                .tag("stage", "groups").register(registry);
        gauge("touchline.writes.stopped", "1 while writes are stopped (the integrity watch found damage, or a cluster's split view)",
                n -> readiness.writesStopped().isPresent() ? 1 : 0);
        gauge("touchline.ready", "1 while the node is ready (GET /v1/health/ready answers 200)", n -> readiness.reason().isEmpty() ? 1 : 0);
        gauge("touchline.dead.letters.open", "Refused records waiting for a correction", n -> n.deadLetters().count(DeadLetter.OPEN));
        gauge("touchline.integrity.checked", "Entries the background verification has checked in its current pass",
                n -> n.integrity().status().checked(), "entries");
        gauge("touchline.integrity.target", "Entries the current pass of the background verification checks", n -> n.integrity().status().of(), "entries");
        gauge("touchline.integrity.damaged", "1 once the background verification found damage", n -> n.integrity().status().state().equals("damaged") ? 1 : 0);
    }

    private void identityAndCaches() {
        gauge("touchline.identity.reviews.open", "Identity reviews waiting for a person's decision", n -> n.projections().reviewCount("open"));
        for (CacheStats c : node.stateCaches()) {
            String name = c.name();
            FunctionCounter.builder("touchline.cache.requests", node, n -> cache(n, name).hits()).tags("cache", name, "result", "hit")
                    .description("Lookups of store state, answered from the cache (hit) or from the store (miss), since the last reload").register(registry);
            FunctionCounter.builder("touchline.cache.requests", node, n -> cache(n, name).misses()).tags("cache", name, "result", "miss")
                    .description("Lookups of store state, answered from the cache (hit) or from the store (miss), since the last reload").register(registry);
            Gauge.builder("touchline.cache.size", node, n -> cache(n, name).size()).tag("cache", name).description("Entries held by the cache")
                    .register(registry);
        }
    }

    private static CacheStats cache(Node node, String name) {
        return node.stateCaches().stream().filter(c -> c.name().equals(name)).reduce(CacheStats::plus).orElse(new CacheStats(name, 0, 0, 0, 0));
    }

    /** The SQLite store's size on disk (a PostgreSQL store's is the database's to report). */
    private void store(Path dataDir) {
        if (!Files.exists(dataDir.resolve(SQLITE_FILES.get(0)))) return;
        for (String file : SQLITE_FILES)
            Gauge.builder("touchline.store.file.size", dataDir.resolve(file), Metrics::bytes).tag("file", file).baseUnit("bytes")
                    .description("Size of the SQLite store's files: the database and its write-ahead log").register(registry);
    }

    private static double bytes(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private void cluster(ClusterRole cluster) {
        Gauge.builder("touchline.cluster.split.view", cluster, c -> c.vitals().splitView() ? 1 : 0)
                .description("1 once a peer signed another root for a size this log has: writes stop").register(registry);
        Gauge.builder("touchline.cluster.cosigned.size", cluster, c -> c.vitals().cosignedByAll())
                .description("The largest tree size every peer cosigned after this node checked it (-1 before any)").register(registry);
        Gauge.builder("touchline.cluster.next.offset", cluster, c -> c.vitals().nextOffset())
                .description("Offset of the next ordering-topic message this node applies").register(registry);
        for (String peer : cluster.vitals().peerSizes().keySet())
            Gauge.builder("touchline.cluster.peer.checkpoint.size", cluster, c -> c.vitals().peerSizes().getOrDefault(peer, -1L))
                    .tag("peer", peer).description("The largest checkpoint this peer published with a valid cosignature (-1 before any)")
                    .register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<Node> f) { gauge(name, description, f, null); }

    private void gauge(String name, String description, ToDoubleFunction<Node> f, String unit) {
        Gauge.builder(name, node, f).description(description).baseUnit(unit).register(registry);
    }

    /** One answered request, by method, route template (never the path: it may hold a customer's id) and status. */
    void request(String method, String route, int status, long nanos) {
        String key = method + ' ' + status + ' ' + route;
        Timer t = requests.get(key);
        if (t == null)
            t = requests.computeIfAbsent(key, k -> Timer.builder("http.server.requests").description("HTTP requests answered")
                    .tags("method", method, "route", route, "status", Integer.toString(status)).register(registry));
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    MeterRegistry registry() { return registry; }

    /** The Prometheus text exposition format (version 0.0.4). */
    String scrape() {
        if (destinations != null) destinations.refresh();
        return registry.scrape();
    }

    private DestinationMeters destinations;

    /** Meters each subscribed destination (docs/destinations.md): read from the store at each scrape. */
    void destinations(Destinations d) { this.destinations = new DestinationMeters(registry, d); }

    /**
     * How far the audience evaluator is behind the log (docs/audiences.md): entries appended that it has not read yet.
     * Read from the store at each scrape; an alert on it catches an evaluator that stopped keeping up.
     */
    void audiences(Audiences a) {
        Gauge.builder("touchline.audiences.lag.entries", a, x -> x.evaluator().behind())
                .description("Ledger entries the audience evaluator has not read yet").baseUnit("entries").register(registry);
    }

    /** Webhooks acknowledged on intake that the ledger has not appended yet (docs/events.md, "Acknowledgement"). */
    void webhookIntake(WebhookIntake intake) {
        Gauge.builder("touchline.webhooks.intake.waiting", intake, x -> x.counts().waiting())
                .description("Webhooks queued on intake and not yet in the ledger").baseUnit("events").register(registry);
    }

    @Override
    public void close() {
        node.unobserve(writes);
        gc.close();
        registry.close();
    }
}
