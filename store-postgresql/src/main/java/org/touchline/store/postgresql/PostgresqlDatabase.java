package org.touchline.store.postgresql;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.StoreException;
import org.touchline.domain.store.StoreFullException;
import org.touchline.store.jdbc.Database;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;
import org.touchline.store.jdbc.Work;
import org.touchline.store.jdbc.Writer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL database: the schema brought up to date by Flyway, a single writer connection used under this
 * object's lock (it holds an advisory lock, so a second node on the same database is refused), and a small pool of
 * read connections (a server has far more threads than PostgreSQL has connections to give). A read on a thread that
 * already holds one (a visitor reading inside a scan) reuses it. The writer commits with {@code synchronous_commit=on}
 * whatever the server's default, so an append that returned is on disk.
 */
public final class PostgresqlDatabase implements Database, AutoCloseable {
    private static final SqlDialect DIALECT = new PostgresqlDialect();
    /** Migrations, in Flyway's naming: V1__ledger.sql, V2__projections.sql... */
    static final String MIGRATIONS = "classpath:db/migration/postgresql";
    /**
     * The advisory lock a writer holds: one node per store, that is per schema of a database. Keyed by a constant
     * (any 32-bit value; this one spells "tlin") and the schema's name.
     */
    private static final String WRITER_LOCK = "pg_try_advisory_lock(" + 0x746c696e + ", hashtext(current_schema()))";
    private static final int READERS = 8;
    private final PostgresqlLocation location;
    private final Properties properties;
    private final Writer writer;
    private final BlockingQueue<Session> idle = new ArrayBlockingQueue<>(READERS);
    private final AtomicInteger opened = new AtomicInteger();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Session> held = new ThreadLocal<>();
    private volatile boolean closed;

    public PostgresqlDatabase(PostgresqlLocation location) {
        this.location = location;
        this.properties = new Properties();
        if (location.user() != null) properties.setProperty("user", location.user());
        if (location.password() != null) properties.setProperty("password", location.password());
        // Batches of single-row INSERTs go to the server as multi-row INSERTs: the append path's main cost otherwise.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "touchline");
        migrate();
        try {
            Connection c = open();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + WRITER_LOCK)) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    c.close();
                    throw new StoreException("the PostgreSQL database " + location + " is in use by another touchline process: "
                            + "stop it first, or send the records to its API");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = on");
            }
            c.setAutoCommit(false);
            writer = new Writer(c, this::reopenWriter, Writer.Restart.WHEN_ROLLBACK_FAILS, e -> "53100".equals(e.getSQLState())
                    ? new StoreFullException("the disk of the PostgreSQL server is full (" + location + "): nothing of this write was stored; "
                    + "free some space and submit again", e) : null);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + location + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(location.jdbcUrl(), location.user(), location.password())
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot prepare the schema of " + location + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "unknown error";
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private Connection open() throws SQLException {
        try {
            return DriverManager.getConnection(location.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + location + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Runs {@code work} in one write transaction: committed (durably) if it returns, rolled back whole if it throws. */
    @Override
    public synchronized <T> T write(Work<T> work) {
        ensureOpen();
        return writer.write(work);
    }

    /** After a write whose rollback failed (the connection broke), the writer starts again on a new connection. */
    private Connection reopenWriter() throws SQLException {
        Connection c = open();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + WRITER_LOCK)) {
            if (!rs.next() || !rs.getBoolean(1)) {
                c.close();
                return null; // someone else took the database meanwhile: every later write fails on the broken connection
            }
            s.execute("SET synchronous_commit = on");
        }
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Runs {@code work} on a read connection, which sees the last committed state. A read on a connection the server
     * dropped (a restart, a network cut) is tried once more on a new one: reads change nothing, so that is safe.
     */
    @Override
    public <T> T read(Work<T> work) {
        ensureOpen();
        Session mine = held.get();
        if (mine != null) return run(mine, work);
        try {
            return readOnce(work);
        } catch (BrokenConnection e) {
            return readOnce(work);
        }
    }

    /** A read failed because its connection is gone, not because of what it asked. */
    private static final class BrokenConnection extends StoreException {
        BrokenConnection(StoreException cause) { super(cause.getMessage(), cause); }
    }

    private <T> T readOnce(Work<T> work) {
        Session s = borrow();
        held.set(s);
        boolean broken = false;
        try {
            return run(s, work);
        } catch (StoreException e) {
            broken = !s.isValid();
            throw broken ? new BrokenConnection(e) : e;
        } finally {
            held.remove();
            if (broken) {
                sessions.remove(s);
                s.close();
                opened.decrementAndGet();
            } else if (!idle.offer(s)) {
                s.close();
            }
        }
    }

    private static <T> T run(Session s, Work<T> work) {
        try {
            return work.run(s);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in a read-only, repeatable-read transaction, so a query with a fetch size streams through a
     * cursor instead of loading every row into memory (the driver only streams inside a transaction): verify and
     * rebuild scan the log so.
     */
    @Override
    public <T> T stream(Work<T> work) {
        return read(s -> {
            boolean outer = s.connection().getAutoCommit();
            if (!outer) return work.run(s); // already streaming on this connection (a scan inside a scan)
            // One snapshot for the whole scan, as a SQLite read transaction has: reads made inside it see the same state.
            s.connection().setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            s.connection().setAutoCommit(false);
            try {
                return work.run(s);
            } finally {
                try {
                    s.connection().rollback();
                } finally {
                    s.connection().setAutoCommit(true);
                    s.connection().setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            }
        });
    }

    private Session borrow() {
        Session s = idle.poll();
        if (s != null) return s;
        if (opened.incrementAndGet() <= READERS) {
            try {
                s = new Session(open());
                sessions.add(s);
                return s;
            } catch (SQLException e) {
                opened.decrementAndGet();
                throw new StoreException("cannot open a read connection: " + e.getMessage(), e);
            }
        }
        opened.decrementAndGet();
        try {
            s = idle.poll(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection");
        }
        if (s == null) throw new StoreException("no read connection to " + location + " came free within 60 s");
        return s;
    }

    /**
     * Runs {@code sql} outside any transaction (VACUUM cannot run in one), on a connection of its own. Waits at most
     * ten seconds for readers that hold the table (a long scan), then leaves it to autovacuum with a warning.
     */
    void maintenance(String sql) {
        ensureOpen();
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '10s'");
            s.execute(sql);
        } catch (SQLException e) {
            System.getLogger(PostgresqlDatabase.class.getName()).log(System.Logger.Level.WARNING, sql + " failed: " + e.getMessage());
        }
    }

    /**
     * A deleted row stays in the table's pages until a vacuum: rewrite the (small) key table so the erased keys are
     * gone from its files. The vault's ciphertext left in free space is unreadable without them.
     */
    @Override
    public void afterErasure(Append.Erasure erasure) {
        if (!erasure.keyIds().isEmpty()) maintenance("VACUUM FULL data_keys");
    }

    @Override
    public SqlDialect dialect() { return DIALECT; }

    private void ensureOpen() {
        if (closed) throw new StoreException("the store is closed");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // Closing the writer's connection also releases its advisory lock.
        writer.close();
        for (Session s : sessions) s.close();
    }
}
