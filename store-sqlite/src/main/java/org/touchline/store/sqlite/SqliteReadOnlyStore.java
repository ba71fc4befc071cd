package org.touchline.store.sqlite;

import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcAudiences;
import org.touchline.store.jdbc.JdbcDestinations;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;
import org.touchline.store.jdbc.ReadOnlyDatabase;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The store of a data directory another process serves from, opened to read only: one read-only connection, no
 * directory lock, no schema changes, no WAL checkpoints. SQLite's WAL mode lets it read committed transactions beside
 * the serving node's writer (https://sqlite.org/wal.html, "Concurrency"), so the command line can show a customer,
 * a checkpoint or the dead letters while the node runs. Every write is refused.
 */
public final class SqliteReadOnlyStore implements AutoCloseable {
    private final ReadOnlyDatabase db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDestinations destinations;
    private final JdbcAudiences audiences;

    public SqliteReadOnlyStore(Path dataDir) {
        Path file = dataDir.resolve(SqliteStore.FILE);
        if (!Files.exists(file)) throw new StoreException("the data directory " + dataDir + " holds no store (" + SqliteStore.FILE + ")");
        this.db = open(file);
        this.projections = new JdbcProjections(db);
        this.ledger = new JdbcLedger(db, projections);
        this.deadLetters = new JdbcDeadLetters(db);
        this.destinations = new JdbcDestinations(db);
        this.audiences = new JdbcAudiences(db);
    }

    public JdbcLedger ledger() { return ledger; }

    public JdbcProjections projections() { return projections; }

    public JdbcDeadLetters deadLetters() { return deadLetters; }

    public JdbcDestinations destinations() { return destinations; }


    public JdbcAudiences audiences() { return audiences; }

    @Override
    public void close() { db.close(); }

    /** One connection opened read-only: SQLite itself refuses a change. */
    private static ReadOnlyDatabase open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        try {
            return new ReadOnlyDatabase(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties()),
                    file.toString(), new SqliteDialect(), false);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + " to read: " + e.getMessage(), e);
        }
    }
}
