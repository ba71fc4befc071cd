package org.touchline.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.touchline.destinations.Destinations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each destination's deliveries and lag as meters, tagged with its id (never a customer): counts of events delivered,
 * attempts failed and entries skipped, and gauges of dead deliveries, entries behind the head, deliveries pending and
 * the age of the oldest undelivered one. Subscriptions come and go while the node serves, so the meters follow them at
 * each scrape: read from the store then, nothing on the delivery path.
 */
final class DestinationMeters {
    private final MeterRegistry registry;
    private final Destinations destinations;
    private final Map<String, Destinations.Status> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    DestinationMeters(MeterRegistry registry, Destinations destinations) {
        this.registry = registry;
        this.destinations = destinations;
    }

    /** Reads every destination's status, adds meters for new ones and removes those of deleted ones. */
    synchronized void refresh() {
        Map<String, Destinations.Status> now = new ConcurrentHashMap<>();
        for (Destinations.Status s : destinations.list()) now.put(s.id(), s);
        latest.clear();
        latest.putAll(now);
        for (String gone : List.copyOf(meters.keySet())) if (!now.containsKey(gone)) meters.remove(gone).forEach(registry::remove);
        for (String id : now.keySet()) meters.computeIfAbsent(id, this::register);
    }

    private List<Meter> register(String id) {
        List<Meter> m = new ArrayList<>();
        m.add(counter(id, "touchline.destination.delivered", "Events the destination's receiver took", Destinations.Status::delivered));
        m.add(counter(id, "touchline.destination.failed", "Delivery attempts that failed (each is retried, until dead)", Destinations.Status::failed));
        m.add(counter(id, "touchline.destination.skipped", "Entries not sent: the customer's consent for the destination's purpose is not a grant, or they were erased", Destinations.Status::skipped));
        m.add(gauge(id, "touchline.destination.dead", "Deliveries dead after their last attempt, waiting for a replay", Destinations.Status::dead, null));
        m.add(gauge(id, "touchline.destination.lag.entries", "Entries of the log the destination's cursor has not passed yet", Destinations.Status::behind, "entries"));
        m.add(gauge(id, "touchline.destination.lag.pending", "Deliveries owed and not yet taken (pending, retrying)", Destinations.Status::pending, null));
        m.add(gauge(id, "touchline.destination.oldest.undelivered", "Age of the oldest delivery still owed", s -> s.oldestUndelivered().toMillis() / 1000.0, "seconds"));
        return m;
    }

    private double read(String id, ToDoubleFunction<Destinations.Status> f) {
        Destinations.Status s = latest.get(id);
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    private Meter counter(String id, String name, String description, ToDoubleFunction<Destinations.Status> f) {
        return FunctionCounter.builder(name, this, x -> x.read(id, f)).tag("destination", id).description(description).register(registry);
    }

    private Meter gauge(String id, String name, String description, ToDoubleFunction<Destinations.Status> f, String unit) {
        return Gauge.builder(name, this, x -> x.read(id, f)).tag("destination", id).description(description).baseUnit(unit).register(registry);
    }
}
