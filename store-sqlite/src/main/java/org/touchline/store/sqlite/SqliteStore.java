package org.touchline.store.sqlite;

import org.touchline.domain.store.NodeStore;
import org.touchline.domain.store.StoreException;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcAudiences;
import org.touchline.store.jdbc.JdbcDestinations;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The embedded default store: one SQLite file, {@code touchline.db}, in the node's data directory. */
public final class SqliteStore implements NodeStore {
    public static final String FILE = "touchline.db";
    private final SqliteDatabase db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final JdbcDestinations destinations;
    private final JdbcAudiences audiences;
    private final FileChannel lockFile;
    private final FileLock lock;

    public SqliteStore(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        // One process per data directory: a second writer would append from a stale view of the log.
        try {
            this.lockFile = FileChannel.open(dataDir.resolve("touchline.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockFile.close();
                throw new DataDirectoryInUse(dataDir);
            }
            this.lock = l;
        } catch (IOException e) {
            throw new StoreException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            this.db = new SqliteDatabase(dataDir.resolve(FILE));
        } catch (RuntimeException e) {
            // A store that cannot open (damaged, unreadable) must not keep the directory locked: restore needs it.
            try {
                lock.release();
                lockFile.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.projections = new JdbcProjections(db);
        this.ledger = new JdbcLedger(db, projections);
        this.deadLetters = new JdbcDeadLetters(db);
        this.destinations = new JdbcDestinations(db);
        this.audiences = new JdbcAudiences(db);
    }

    @Override
    public JdbcLedger ledger() { return ledger; }

    @Override
    public JdbcProjections projections() { return projections; }

    @Override
    public JdbcDeadLetters deadLetters() { return deadLetters; }

    @Override
    public JdbcDestinations destinations() { return destinations; }

    public JdbcAudiences audiences() { return audiences; }

    /** Direct access for tests that must damage the store on purpose. */
    public SqliteDatabase database() { return db; }

    @Override
    public void close() {
        db.close();
        try {
            lock.release();
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
