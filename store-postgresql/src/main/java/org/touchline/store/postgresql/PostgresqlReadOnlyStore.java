package org.touchline.store.postgresql;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.Database;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;
import org.touchline.store.jdbc.Work;

import java.sql.Connection;
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
    private final ReadOnly db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;

    public PostgresqlReadOnlyStore(PostgresqlLocation location) {
        this.db = new ReadOnly(location);
        try {
            this.projections = new JdbcProjections(db);
            this.ledger = new JdbcLedger(db, projections);
            this.deadLetters = new JdbcDeadLetters(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public JdbcLedger ledger() { return ledger; }

    public JdbcProjections projections() { return projections; }

    public JdbcDeadLetters deadLetters() { return deadLetters; }

    @Override
    public void close() { db.close(); }

    /** One read-only connection, used under its lock: a command line reads from one thread at a time. */
    private static final class ReadOnly implements Database {
        private static final SqlDialect DIALECT = new PostgresqlDialect();
        private final PostgresqlLocation location;
        private final Session session;

        ReadOnly(PostgresqlLocation location) {
            this.location = location;
            Properties p = new Properties();
            if (location.user() != null) p.setProperty("user", location.user());
            if (location.password() != null) p.setProperty("password", location.password());
            p.setProperty("ApplicationName", "touchline (read-only)");
            p.setProperty("options", "-c default_transaction_read_only=on");
            try {
                Connection c = DriverManager.getConnection(location.jdbcUrl(), p);
                c.setAutoCommit(true);
                this.session = new Session(c);
            } catch (SQLException e) {
                throw new StoreException("cannot open the store " + location + " to read: " + e.getMessage(), e);
            }
        }

        /**
         * Work that may write runs on the read-only connection: what only looks (the ledger's checks at open) runs,
         * and PostgreSQL refuses any change.
         */
        @Override
        public synchronized <T> T write(Work<T> work) {
            try {
                return work.run(session);
            } catch (SQLException e) {
                throw new StoreException("the store " + location + " is open to read only: the node serving it makes every change (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public synchronized <T> T read(Work<T> work) {
            try {
                return work.run(session);
            } catch (SQLException e) {
                throw new StoreException("read failed: " + e.getMessage(), e);
            }
        }

        /** A long scan in one repeatable-read transaction, so the driver streams it through a cursor from one snapshot. */
        @Override
        public synchronized <T> T stream(Work<T> work) {
            return read(s -> {
                Connection c = s.connection();
                if (!c.getAutoCommit()) return work.run(s); // a scan inside a scan: already in the transaction
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
                try {
                    return work.run(s);
                } finally {
                    try {
                        c.rollback();
                    } finally {
                        c.setAutoCommit(true);
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    }
                }
            });
        }

        @Override
        public void afterErasure(Append.Erasure erasure) {}

        @Override
        public SqlDialect dialect() { return DIALECT; }

        synchronized void close() { session.close(); }
    }
}
