package org.touchline.store.sqlite;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.Database;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;
import org.touchline.store.jdbc.Work;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The store of a data directory another process serves from, opened to read only: one read-only connection, no
 * directory lock, no schema changes, no WAL checkpoints. SQLite's WAL mode lets it read committed transactions beside
 * the serving node's writer (https://sqlite.org/wal.html, "Concurrency"), so the command line can show a customer,
 * a checkpoint or the dead letters while the node runs. Every write is refused.
 */
public final class SqliteReadOnlyStore implements AutoCloseable {
    private final ReadOnly db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;

    public SqliteReadOnlyStore(Path dataDir) {
        Path file = dataDir.resolve(SqliteStore.FILE);
        if (!Files.exists(file)) throw new StoreException("the data directory " + dataDir + " holds no store (" + SqliteStore.FILE + ")");
        this.db = new ReadOnly(file);
        this.projections = new JdbcProjections(db);
        this.ledger = new JdbcLedger(db, projections);
        this.deadLetters = new JdbcDeadLetters(db);
    }

    public JdbcLedger ledger() { return ledger; }

    public JdbcProjections projections() { return projections; }

    public JdbcDeadLetters deadLetters() { return deadLetters; }

    @Override
    public void close() { db.close(); }

    /** One read-only connection, used under its lock: a command line reads from one thread at a time. */
    private static final class ReadOnly implements Database {
        private static final SqlDialect DIALECT = new SqliteDialect();
        private final Path file;
        private final Session session;

        ReadOnly(Path file) {
            this.file = file;
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(30_000);
            try {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
                c.setAutoCommit(true);
                this.session = new Session(c);
            } catch (SQLException e) {
                throw new StoreException("cannot open the store " + file + " to read: " + e.getMessage(), e);
            }
        }

        /**
         * Work that may write runs on the read-only connection: what only looks (the ledger's check for hashes in the
         * old layout at open) runs, and SQLite itself refuses any change.
         */
        @Override
        public synchronized <T> T write(Work<T> work) {
            try {
                return work.run(session);
            } catch (SQLException e) {
                throw new StoreException("the store " + file + " is open to read only: the node serving it makes every change (" + e.getMessage() + ")", e);
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
        public <T> T stream(Work<T> work) { return read(work); }

        @Override
        public void afterErasure(Append.Erasure erasure) {}

        @Override
        public SqlDialect dialect() { return DIALECT; }

        synchronized void close() { session.close(); }
    }
}
