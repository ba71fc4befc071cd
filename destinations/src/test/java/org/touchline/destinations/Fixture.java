package org.touchline.destinations;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.node.Candidate;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Outcome;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A real node on a real SQLite file, with its destinations: what every test here starts from. */
final class Fixture implements AutoCloseable {
    /** Retries that fit a test: a few attempts, milliseconds apart; two seconds to answer (the machine may be busy). */
    static final Destinations.Settings QUICK = Destinations.Settings.DEFAULT
            .retrying(Duration.ofMillis(20), Duration.ofMillis(200), 8, Duration.ofMinutes(5)).answeringWithin(Duration.ofSeconds(2));
    final Path dir;
    final SqliteStore store;
    final Node node;
    final Destinations destinations;

    Fixture(Path dir) throws IOException { this(dir, QUICK); }

    Fixture(Path dir, Destinations.Settings settings) throws IOException {
        this.dir = dir;
        this.store = new SqliteStore(dir);
        this.node = new Node(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters());
        this.destinations = new Destinations(node, store.destinations(), settings, Clock.systemUTC());
    }

    /** One interaction of the customer holding {@code email}; its ledger index. */
    long interaction(String email) {
        Interaction i = new Interaction(null, "crm", UUID.randomUUID().toString(), Instant.parse("2026-01-01T10:00:00Z"), "email", "enquiry",
                List.of(new Identifier("email", email)), List.of(), "agent-1", List.of("BB-100"), "asked about broadband", null, Map.of());
        List<Outcome> o = node.submitAndWait("test", List.of(new Candidate("t", i)));
        return o.get(0).index();
    }

    String customer(String email) { return node.customers().findByIdentifier(new Identifier("email", email)).orElseThrow(); }

    long consent(String email, String purpose, String state) {
        return node.customerEvents().consent(customer(email), purpose, state, "web", null);
    }

    static void await(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        await(what, within, done, () -> "");
    }

    /** Waits until {@code done}; a failure says what was awaited and what {@code state} says then. */
    static void await(String what, Duration within, BooleanSupplier done, Supplier<String> state) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + within + ": " + what + " " + state.get());
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        destinations.close();
        node.close();
        store.close();
    }
}
