package org.touchline.store.postgresql;

/**
 * The PostgreSQL store: the log, the personal-data vault and every projection in one PostgreSQL database, for a
 * company that outgrows one machine's SQLite file (DESIGN.md principle 5). The schema is Flyway's migrations under
 * {@code db/migration/postgresql}; opening a store brings an older schema up to date. The node's keys stay in its
 * data directory: the database never holds a key that could open the vault.
 */
public final class PostgresqlStore implements AutoCloseable {
    private final PostgresqlDatabase db;
    private final PostgresqlProjections projections;
    private final PostgresqlLedger ledger;
    private final PostgresqlDeadLetters deadLetters;

    public PostgresqlStore(PostgresqlLocation location) {
        this.db = new PostgresqlDatabase(location);
        try {
            this.projections = new PostgresqlProjections(db);
            this.ledger = new PostgresqlLedger(db, projections);
            this.deadLetters = new PostgresqlDeadLetters(db);
        } catch (RuntimeException e) {
            db.close(); // a store that cannot open must not keep the database locked
            throw e;
        }
    }

    public PostgresqlLedger ledger() { return ledger; }

    public PostgresqlProjections projections() { return projections; }

    public PostgresqlDeadLetters deadLetters() { return deadLetters; }

    @Override
    public void close() { db.close(); }
}
