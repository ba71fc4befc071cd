package org.touchline.store.postgresql;

import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcAudiences;
import org.touchline.store.jdbc.JdbcDestinations;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;

/**
 * The PostgreSQL store: the log, the personal-data vault and every projection in one PostgreSQL database, for a
 * company that outgrows one machine's SQLite file (docs/architecture.md, principle 5). The schema is Flyway's migrations under
 * {@code db/migration/postgresql}; opening a store brings an older schema up to date. The node's keys stay in its
 * data directory: the database never holds a key that could open the vault.
 */
public final class PostgresqlStore implements AutoCloseable {
    private final PostgresqlDatabase db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDestinations destinations;
    private final JdbcAudiences audiences;

    public PostgresqlStore(PostgresqlLocation location) {
        this.db = new PostgresqlDatabase(location);
        try {
            this.projections = new JdbcProjections(db);
            this.ledger = new JdbcLedger(db, projections);
            this.deadLetters = new JdbcDeadLetters(db);
            this.destinations = new JdbcDestinations(db);
            this.audiences = new JdbcAudiences(db);
        } catch (RuntimeException e) {
            db.close(); // a store that cannot open must not keep the database locked
            throw e;
        }
    }

    public JdbcLedger ledger() { return ledger; }

    public JdbcProjections projections() { return projections; }

    public JdbcDeadLetters deadLetters() { return deadLetters; }

    public JdbcDestinations destinations() { return destinations; }


    public JdbcAudiences audiences() { return audiences; }

    @Override
    public void close() { db.close(); }
}
