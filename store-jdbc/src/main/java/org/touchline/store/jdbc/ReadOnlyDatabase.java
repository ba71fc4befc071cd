package org.touchline.store.jdbc;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection to a store another process serves, opened so that the database itself refuses every change (SQLite's
 * read-only open, PostgreSQL's {@code default_transaction_read_only}), used under its lock: a command line reads from
 * one thread at a time. Work that goes through {@link #write} runs on the same connection, so what only looks (the
 * ledger's checks at open) runs, and a change is refused by the database.
 */
public final class ReadOnlyDatabase implements Database {
    private final String name;
    private final SqlDialect dialect;
    private final boolean snapshotScans;
    private final Session session;

    /**
     * @param snapshotScans whether a long scan runs in one repeatable-read transaction, so the driver streams it through
     *                      a cursor from one snapshot (PostgreSQL); otherwise a scan is a plain read (SQLite)
     */
    public ReadOnlyDatabase(Connection connection, String name, SqlDialect dialect, boolean snapshotScans) throws SQLException {
        connection.setAutoCommit(true);
        this.session = new Session(connection);
        this.name = name;
        this.dialect = dialect;
        this.snapshotScans = snapshotScans;
    }

    @Override
    public synchronized <T> T write(Work<T> work) {
        try {
            return work.run(session);
        } catch (SQLException e) {
            throw new StoreException("the store " + name + " is open to read only: the node serving it makes every change (" + e.getMessage() + ")", e);
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

    @Override
    public synchronized <T> T stream(Work<T> work) {
        if (!snapshotScans) return read(work);
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
    public SqlDialect dialect() { return dialect; }

    public synchronized void close() { session.close(); }
}
