package org.touchline.store.jdbc;

import org.touchline.domain.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database's single writer connection and its transactions. Not thread-safe: its database calls it under its own
 * lock. After a failed write it may start again on a new connection (see {@link Restart}).
 */
public final class Writer {
    /** Opens a new writer connection, set up and out of autocommit; null when the database no longer lets it write. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** When a failed write gets a new connection. */
    public enum Restart {
        /** After every failed write: the connection's transaction state cannot be trusted after a failure. */
        ALWAYS,
        /** Only when the rollback failed too: the connection itself is broken. */
        WHEN_ROLLBACK_FAILS
    }

    /** The database's own exception for a failed write (a full disk, say), or null for the general one. */
    @FunctionalInterface
    public interface Failure {
        StoreException of(SQLException e);
    }

    private final Opener opener;
    private final Restart restart;
    private final Failure failure;
    private Session session;

    public Writer(Connection first, Opener opener, Restart restart, Failure failure) {
        this.session = new Session(first);
        this.opener = opener;
        this.restart = restart;
        this.failure = failure;
    }

    /** The writer's session now; a later failed write may replace it. */
    public Session session() { return session; }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back whole if it throws. */
    public <T> T write(Work<T> work) {
        try {
            T result = work.run(session);
            session.connection().commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            boolean rolledBack = true;
            try {
                session.connection().rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
                rolledBack = false;
            }
            if (restart == Restart.ALWAYS || !rolledBack) restart(e);
            if (e instanceof StoreException se) throw se;
            StoreException specific = e instanceof SQLException sql ? failure.of(sql) : null;
            if (specific != null) throw specific;
            throw new StoreException("write failed: " + e.getMessage(), e);
        }
    }

    private void restart(Exception cause) {
        try {
            Connection c = opener.open();
            if (c == null) return; // the old connection stays; later writes fail or succeed on it as the database says
            Session old = session;
            session = new Session(c);
            old.close();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the old connection stays, as above
        }
    }

    public void close() { session.close(); }
}
