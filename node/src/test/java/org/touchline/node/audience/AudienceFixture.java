package org.touchline.node.audience;

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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A real node on a real SQLite file with its audiences, on a clock the test moves: what every test here starts from. */
final class AudienceFixture implements AutoCloseable {
    /** Small rounds, so a test sees several of them. */
    static final AudienceEvaluator.Settings SMALL = new AudienceEvaluator.Settings(Duration.ofMillis(10), 50, 7, 5);
    final SqliteStore store;
    final Node node;
    final TestClock clock = new TestClock(Instant.parse("2026-06-01T12:00:00Z"));
    final Audiences audiences;

    AudienceFixture(Path dir) throws IOException { this(dir, SMALL); }

    AudienceFixture(Path dir, AudienceEvaluator.Settings settings) throws IOException {
        this.store = new SqliteStore(dir);
        this.node = new Node(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters());
        this.audiences = node.audiences(store.audiences(), clock, settings);
    }

    /** One interaction of the customer holding {@code email}, {@code daysAgo} before the clock; its ledger index. */
    long interaction(String email, String channel, String type, double daysAgo, Identifier... more) {
        List<Identifier> ids = new ArrayList<>(List.of(new Identifier("email", email)));
        ids.addAll(List.of(more));
        Instant at = clock.instant().minusSeconds((long) (daysAgo * 86_400));
        Interaction i = new Interaction(null, "crm", "r" + (++records), at, channel, type, ids, List.of(), "agent-1", List.of(), null, null, Map.of());
        List<Outcome> o = node.submitAndWait("test", List.of(new Candidate("t", i)));
        return o.get(0).index();
    }

    private long records;

    String customer(String email) { return node.customers().findByIdentifier(new Identifier("email", email)).orElseThrow(); }

    /** The members of {@code audience} as the store holds them. */
    Set<String> members(String audience) {
        Set<String> out = new TreeSet<>();
        audiences.members(audience, null, 100_000).forEach(m -> out.add(m.customer()));
        return out;
    }

    @Override
    public void close() {
        audiences.close();
        node.close();
        store.close();
    }

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
