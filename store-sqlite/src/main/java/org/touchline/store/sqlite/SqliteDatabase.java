package org.touchline.store.sqlite;

import org.touchline.domain.store.Append;
import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.Database;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;
import org.touchline.store.jdbc.Work;
import org.touchline.store.jdbc.Writer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SQLite file in WAL mode: a single writer connection, used under this object's lock, and one reader connection
 * per thread (WAL lets readers run beside the writer and see only committed transactions). Commits use
 * {@code synchronous=FULL}, so a commit that returned survives a power cut, not just a process crash.
 */
public final class SqliteDatabase implements Database, AutoCloseable {
    private static final SqlDialect DIALECT = new SqliteDialect();
    private final String url;
    private final Path file;
    /** Used under this object's lock. */
    private final Writer writer;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Session> readers;
    private volatile boolean closed;
    private final AtomicLong commits = new AtomicLong();
    private final Thread checkpointer;

    public SqliteDatabase(Path file) {
        this(file, Long.getLong("touchline.walLimitMiB", 1024) << 20);
    }

    /** A store whose writer resets the WAL once it is past {@code walLimit} bytes. */
    SqliteDatabase(Path file, long walLimit) {
        this.walLimit = walLimit;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.file = file;
        this.wal = file.resolveSibling(file.getFileName() + "-wal");
        // A damaged file is refused before anything (schema, WAL mode) is written on top of the damage; the check of
        // every page runs in the background once the node serves (docs/reliability.md).
        SqliteIntegrity.requireWhole(file);
        try {
            Connection c = open();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                String schema;
                try (InputStream in = SqliteDatabase.class.getResourceAsStream("schema.sql")) {
                    schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String stmt : schema.split(";\\s*\n")) if (!stmt.isBlank()) s.execute(stmt);
                upgrade(s);
            }
            // No checkpoint inside a commit: the writer bounds the WAL between commits (boundWal), and a thread
            // of its own checkpoints once commits pause.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
                s.execute("PRAGMA journal_size_limit=" + walLimit);
            }
            c.setAutoCommit(false);
            this.writer = new Writer(c, this::openWriter, Writer.Restart.ALWAYS, e -> DiskFull.is(e, file) ? DiskFull.exception(file, e) : null);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        this.checkpointer = new Thread(this::checkpointLoop, "touchline-wal-checkpoint");
        checkpointer.setDaemon(true);
        checkpointer.start();
        this.readers = ThreadLocal.withInitial(() -> {
            try {
                Session s = new Session(open());
                sessions.add(s);
                return s;
            } catch (SQLException e) {
                throw new StoreException("cannot open a read connection: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Stores made before identity could be unmerged lack the columns saying where an identifier or a merged customer
     * first went; the best the old rows can say is where they are now (a later rebuild writes the exact values).
     */
    private static void upgrade(Statement s) throws SQLException {
        for (String[] t : new String[][]{{"identifiers", "origin", "customer"}, {"merges", "merged_into", "survivor"}}) {
            boolean has = false;
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + t[0] + ")")) {
                while (rs.next()) has |= t[1].equals(rs.getString("name"));
            }
            if (!has) {
                s.execute("ALTER TABLE " + t[0] + " ADD COLUMN " + t[1] + " TEXT NOT NULL DEFAULT ''");
                s.execute("UPDATE " + t[0] + " SET " + t[1] + " = " + t[2]);
            }
        }
    }

    /**
     * Copies the WAL back into the database file once commits have paused for a second, from a connection of its own,
     * and empties it when an erasure still owes that. While commits follow each other, the writer bounds the WAL
     * itself ({@link #boundWal}): a checkpoint from another connection then never catches up, because the writer
     * appends frames while it copies, so the WAL was never reset and grew to 5.6 GB at 2,000,000 entries.
     */
    private void checkpointLoop() {
        try (Connection c = open(); Statement s = c.createStatement()) {
            // Wait at most a second for the writer's transaction or for readers on an old snapshot (a long verify,
            // another process), then give up until the next round: ingest never stalls long behind a reader.
            s.execute("PRAGMA busy_timeout=1000");
            long seen = 0, checkpointed = 0;
            while (!closed) {
                Thread.sleep(1000);
                long now = commits.get();
                if (truncatePending) {
                    if (checkpoint(c, "TRUNCATE")) truncatePending = false;
                } else if (now == seen && now != checkpointed) {
                    if (checkpoint(c, "RESTART")) checkpointed = now;
                }
                seen = now;
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            if (!closed) System.getLogger(SqliteDatabase.class.getName()).log(System.Logger.Level.WARNING, "WAL checkpoint failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Run by the writer after a commit: once the WAL file is past {@link #walLimit}, copies it into the database and
     * resets it (SQLite "Write-Ahead Logging" §4, checkpoint RESTART), so the next commit writes from its start and
     * SQLite cuts the file back to the limit ({@code journal_size_limit}). The writer owns the write lock, so no other
     * writer can starve the checkpoint; it waits only for readers still on older frames, briefly, and otherwise tries
     * again a few commits later.
     */
    private void boundWal() {
        if (--commitsUntilWalCheck > 0) return;
        commitsUntilWalCheck = 1;
        try {
            if (Files.size(wal) <= walLimit) return;
        } catch (IOException e) {
            return; // no WAL file: nothing to bound
        }
        Connection c = writer.session().connection();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + WAL_READER_WAIT_MS);
            try {
                if (!checkpoint(c, "RESTART")) commitsUntilWalCheck = 8; // a reader held on: not after every commit
            } finally {
                s.execute("PRAGMA busy_timeout=30000");
            }
        } catch (SQLException e) {
            commitsUntilWalCheck = 8; // the next commits go on; the WAL is bounded a little later
        }
    }

    /**
     * The WAL size past which the writer resets it, and what SQLite cuts the file back to then
     * ({@code -Dtouchline.walLimitMiB}, default 1,024). A page written many times between two checkpoints is copied
     * into the database once, so a larger limit copies less: at 1,000,000 interactions, 64 MiB cost a fifth of the
     * ingest rate and 256 MiB a tenth; 1 GiB costs nothing measurable (docs/benchmarks.md).
     */
    private final long walLimit;
    /** How long the writer's checkpoint waits for readers on older frames. */
    private static final int WAL_READER_WAIT_MS = 200;
    private final Path wal;
    /** Used under this object's lock (by the writer). */
    private int commitsUntilWalCheck = 1;

    /**
     * SQLite's page cache per connection ({@code -Dtouchline.sqliteCacheMiB}, default 64): the writer's holds the
     * pages of the identifier, customer and facts indexes it reads for every record (docs/scale.md).
     */
    private static final long PAGE_CACHE_MIB = pageCacheMiB();

    private static long pageCacheMiB() {
        String v = System.getProperty("touchline.sqliteCacheMiB", "64");
        try {
            long mib = Long.parseLong(v.strip());
            if (mib >= 1) return mib;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("touchline.sqliteCacheMiB must be a positive number of MiB, not '" + v + "'");
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=30000");
            s.execute("PRAGMA cache_size=-" + (PAGE_CACHE_MIB << 10));
            s.execute("PRAGMA temp_store=MEMORY");
            // Deleted content is overwritten with zeros, so an erased data key or personal part is not left behind
            // in a free page of the file (erasure, docs/security.md).
            s.execute("PRAGMA secure_delete=ON");
        }
        return c;
    }

    /**
     * Copies the whole WAL into the database and empties it: after an erasure, the WAL's older frames still hold the
     * erased rows as they were first written. Waits for readers (up to the busy timeout).
     */
    public synchronized void truncateWal() {
        ensureOpen();
        // The background checkpointer may be mid-way through its own checkpoint (SQLite then answers busy): retry for a
        // few seconds, then leave it to the checkpointer, which truncates instead of restarting until it succeeds.
        for (int attempt = 0; attempt < 50; attempt++) {
            if (checkpoint(writer.session().connection(), "TRUNCATE")) {
                truncatePending = false;
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        truncatePending = true;
        System.getLogger(SqliteDatabase.class.getName()).log(System.Logger.Level.WARNING,
                "the WAL could not be emptied right after an erasure; the background checkpoint will do it");
    }

    /** Whether an emptied WAL is still owed to an erasure. */
    private volatile boolean truncatePending;

    /** A checkpoint in {@code mode} from outside any transaction; whether it copied and reset the whole WAL. */
    private static boolean checkpoint(Connection c, String mode) {
        try (Statement st = c.createStatement()) {
            boolean tx = !c.getAutoCommit();
            if (tx) {
                c.commit();
                c.setAutoCommit(true);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
                return rs.next() && rs.getInt(1) == 0;
            } finally {
                if (tx) c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs {@code work} in one write transaction: committed (durably) if it returns, rolled back if it throws. */
    @Override
    public synchronized <T> T write(Work<T> work) {
        ensureOpen();
        T result = writer.write(work);
        commits.incrementAndGet();
        boundWal();
        return result;
    }

    /**
     * A new writer connection, after a failed write: the writer starts again after every failure. On SQLITE_FULL (and
     * some I/O errors) SQLite may roll the transaction back by itself, and the driver, which begins its next
     * transaction only after its own rollback succeeds, can be left in autocommit: the next append's statements then
     * each commit alone. On a full disk that tore an append in two (entries stored, their tree hashes and checkpoint
     * not; DiskFullTest found it).
     */
    private Connection openWriter() throws SQLException {
        Connection c = open();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("PRAGMA journal_size_limit=" + walLimit);
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Runs {@code work} on this thread's read connection, which sees the last committed state. */
    @Override
    public <T> T read(Work<T> work) {
        ensureOpen();
        try {
            Session s = readers.get();
            s.connection().setAutoCommit(true);
            return work.run(s);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    /**
     * A statement being stepped holds its read snapshot, and SQLite returns rows as it steps: a plain read already
     * streams, and reads made inside it on the same connection see the same state.
     */
    @Override
    public <T> T stream(Work<T> work) { return read(work); }

    /** The WAL's older frames still hold the erased rows as first written: copy it back and empty it. */
    @Override
    public void afterErasure(Append.Erasure erasure) { truncateWal(); }

    @Override
    public SqlDialect dialect() { return DIALECT; }

    /** SQLite's quick check of every page (about a second per 750 MB), on a connection of its own beside the writer. */
    @Override
    public List<String> structuralProblems() { return SqliteIntegrity.problems(file, SqliteIntegrity.Depth.QUICK); }

    private void ensureOpen() {
        if (closed) throw new StoreException("the store is closed");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        checkpointer.interrupt();
        try {
            checkpointer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            writer.close();
            for (Session s : sessions) s.close();
            // A last full checkpoint leaves one self-contained database file behind.
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // the WAL stays and is replayed on next open: nothing is lost
            }
        }
    }
}
