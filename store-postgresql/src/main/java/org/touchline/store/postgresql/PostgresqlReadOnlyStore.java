package org.touchline.store.postgresql;

import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcAudiences;
import org.touchline.store.jdbc.JdbcDestinations;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;
import org.touchline.store.jdbc.ReadOnlyDatabase;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL store of a node that serves it, opened to read only beside it: one connection whose every transaction
 * is read-only ({@code default_transaction_read_only}, so the server itself refuses a change, SQLSTATE 25006), no
 * writer's advisory lock, no migrations. PostgreSQL's MVCC lets it read committed state beside the node's writer,
 * so the command line can show a customer, a checkpoint or the dead letters while the node runs.
 */
public final class PostgresqlReadOnlyStore implements AutoCloseable {
    private final ReadOnlyDatabase db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDestinations destinations;
    private final JdbcAudiences audiences;

    public PostgresqlReadOnlyStore(PostgresqlLocation location) {
        this.db = open(location);
        try {
            this.projections = new JdbcProjections(db);
            this.ledger = new JdbcLedger(db, projections);
            this.deadLetters = new JdbcDeadLetters(db);
            this.destinations = new JdbcDestinations(db);
            this.audiences = new JdbcAudiences(db);
        } catch (RuntimeException e) {
            db.close();
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

    /** One connection whose every transaction is read-only: PostgreSQL itself refuses a change (SQLSTATE 25006). */
    private static ReadOnlyDatabase open(PostgresqlLocation location) {
        Properties p = new Properties();
        if (location.user() != null) p.setProperty("user", location.user());
        if (location.password() != null) p.setProperty("password", location.password());
        p.setProperty("ApplicationName", "touchline (read-only)");
        p.setProperty("options", "-c default_transaction_read_only=on");
        try {
            return new ReadOnlyDatabase(DriverManager.getConnection(location.jdbcUrl(), p), location.toString(), new PostgresqlDialect(), true);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + location + " to read: " + e.getMessage(), e);
        }
    }
}
