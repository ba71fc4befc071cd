package org.touchline.store.sqlite;

import org.touchline.domain.store.DeadLetterStore;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.StoreUnderTest;

import java.nio.file.Path;

/** SQLite stores for the contract tests: each new one in a directory of its own under {@code root}. */
final class SqliteStores {
    private final Path root;
    private int made;

    SqliteStores(Path root) { this.root = root; }

    StoreUnderTest create() { return open(root.resolve("store-" + ++made)); }

    StoreUnderTest reopen() { return open(last()); }

    /** The directory of the store last created. */
    Path last() { return root.resolve("store-" + made); }

    private static StoreUnderTest open(Path dir) {
        SqliteStore store = new SqliteStore(dir);
        return new StoreUnderTest() {
            @Override public LedgerStore ledger() { return store.ledger(); }
            @Override public ProjectionStore projections() { return store.projections(); }
            @Override public DeadLetterStore deadLetters() { return store.deadLetters(); }
            @Override public DestinationStore destinations() { return store.destinations(); }

            @Override public AudienceStore audiences() { return store.audiences(); }
            @Override public void close() { store.close(); }
        };
    }
}
