package org.touchline.store.sqlite;

import java.nio.file.Path;

/** The embedded default store: one SQLite file, {@code touchline.db}, in the node's data directory. */
public final class SqliteStore implements AutoCloseable {
    public static final String FILE = "touchline.db";
    private final SqliteDatabase db;
    private final SqliteProjections projections;
    private final SqliteLedger ledger;
    private final SqliteDeadLetters deadLetters;

    public SqliteStore(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new org.touchline.domain.store.StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        this.db = new SqliteDatabase(dataDir.resolve(FILE));
        this.projections = new SqliteProjections(db);
        this.ledger = new SqliteLedger(db, projections);
        this.deadLetters = new SqliteDeadLetters(db);
    }

    public SqliteLedger ledger() { return ledger; }

    public SqliteProjections projections() { return projections; }

    public SqliteDeadLetters deadLetters() { return deadLetters; }

    /** Direct access for tests that must damage the store on purpose. */
    public SqliteDatabase database() { return db; }

    @Override
    public void close() { db.close(); }
}
