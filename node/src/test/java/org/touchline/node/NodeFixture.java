package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real node on a real SQLite file in a temporary directory. */
final class NodeFixture implements AutoCloseable {
    final Path dir;
    final SqliteStore store;
    final Node node;

    NodeFixture(Path dir) throws IOException {
        this.dir = dir;
        this.store = new SqliteStore(dir);
        this.node = new Node(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters());
    }

    static Interaction interaction(String source, String id, String at, String channel, Identifier... ids) {
        return new Interaction(null, source, id, Instant.parse(at), channel, "enquiry", List.of(ids), List.of(), "agent-1",
                List.of("BB-100"), "Customer asked about " + id, null, Map.of("note", "n" + id));
    }

    static Interaction proxyPurchase(String id, String at, Identifier actor, Identifier beneficiary) {
        return new Interaction(null, "pos", id, Instant.parse(at), "store", "purchase", List.of(),
                List.of(new PartyRole("actor", List.of(actor)), new PartyRole("beneficiary", List.of(beneficiary))),
                "staff-9", List.of("TV-55"), null, 5, Map.of());
    }

    static Identifier email(String v) { return new Identifier("email", v); }

    static Identifier phone(String v) { return new Identifier("phone", v); }

    static Identifier account(String v) { return new Identifier("account", v); }

    /** A log of 100 interactions (20 customers) in five batches, so five checkpoints: what the verify tests damage. */
    static void fiveBatchesOfTwenty(Path dir) throws IOException {
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int batch = 0; batch < 5; batch++) {
                Interaction[] records = new Interaction[20];
                for (int k = 0; k < 20; k++)
                    records[k] = interaction("crm", "r" + batch + "-" + k, "2026-01-01T10:00:00Z", "email", email("c" + k + "@example.com"));
                f.append(records);
            }
        }
    }

    List<Outcome> append(Interaction... interactions) {
        List<Candidate> c = new ArrayList<>();
        for (int k = 0; k < interactions.length; k++) c.add(new Candidate("test " + k, interactions[k]));
        return node.submitAndWait("test", c);
    }

    @Override
    public void close() {
        node.close();
        store.close();
    }
}
