package org.touchline.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.touchline.domain.Channel;
import org.touchline.node.WriteObserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The node's write path as Micrometer meters: records by outcome, source and channel, each group's size and write
 * time, identity decisions by kind. Called for every record on the writer's thread, so a counter is looked up in two
 * maps and incremented: no tags are built per record. Tags stay bounded: channels are the fixed vocabulary (anything
 * else counts as "unknown"), and past {@link #MAX_SOURCES} distinct sources the rest count as "other" (a source is
 * named by whoever submits records, never by a customer).
 */
final class WriteMeters implements WriteObserver {
    static final int MAX_SOURCES = 100;
    static final String RECORDS = "touchline.ingest.records";
    private final MeterRegistry registry;
    /** outcome → source → channel → counter. */
    private final Map<String, Map<String, Map<String, Counter>>> records = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Timer append;
    private final DistributionSummary group;

    WriteMeters(MeterRegistry registry) {
        this.registry = registry;
        this.append = Timer.builder("touchline.ledger.append").description("Time to write one group of entries in one durable transaction")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.group = DistributionSummary.builder("touchline.ledger.group.entries").description("Entries written per group (one transaction)")
                .baseUnit("entries").publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(20_000.0).register(registry);
    }

    @Override
    public void recorded(String source, String channel, boolean duplicate) { count(duplicate ? "duplicate" : "accepted", source, channel); }

    @Override
    public void refused(String source, String channel) { count("refused", source, channel); }

    @Override
    public void groupWritten(int entries, long nanos) {
        append.record(nanos, TimeUnit.NANOSECONDS);
        group.record(entries);
    }

    @Override
    public void decided(String kind) {
        decisions.computeIfAbsent(kind, k -> Counter.builder("touchline.identity.decisions")
                .description("Identity decisions written to the log, by kind").tag("kind", k).register(registry)).increment();
    }

    private void count(String outcome, String source, String channel) {
        var bySource = records.computeIfAbsent(outcome, k -> new ConcurrentHashMap<>());
        String s = source == null || source.isBlank() ? "unknown" : source;
        var byChannel = bySource.get(s);
        if (byChannel == null) byChannel = bySource.computeIfAbsent(bySource.size() >= MAX_SOURCES ? "other" : s, k -> new ConcurrentHashMap<>());
        String c = channel != null && Channel.isKnown(channel) ? channel : "unknown";
        Counter counter = byChannel.get(c);
        if (counter == null) {
            String tagSource = bySource.get(s) == byChannel ? s : "other";
            counter = byChannel.computeIfAbsent(c, k -> Counter.builder(RECORDS)
                    .description("Records that reached the node, by outcome (accepted, duplicate, refused), source and channel")
                    .tags("outcome", outcome, "source", tagSource, "channel", k).register(registry));
        }
        counter.increment();
    }
}
