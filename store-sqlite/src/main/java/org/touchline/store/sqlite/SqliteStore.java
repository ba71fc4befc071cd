package org.touchline.store.sqlite;

import org.touchline.domain.store.NodeStore;
import org.touchline.store.jdbc.JdbcDeadLetters;
import org.touchline.store.jdbc.JdbcLedger;
import org.touchline.store.jdbc.JdbcProjections;

import java.nio.file.Path;

/** The embedded default store: one SQLite file, {@code touchline.db}, in the node's data directory. */
public final class SqliteStore implements NodeStore {
    public static final String FILE = "touchline.db";
    private final SqliteDatabase db;
    private final JdbcProjections projections;
    private final JdbcLedger ledger;
    private final JdbcDeadLetters deadLetters;
    private final java.nio.channels.FileChannel lockFile;
    private final java.nio.channels.FileLock lock;

    public SqliteStore(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new org.touchline.domain.store.StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        // One process per data directory: a second writer would append from a stale view of the log.
        try {
            this.lockFile = java.nio.channels.FileChannel.open(dataDir.resolve("touchline.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock l;
            try {
                l = lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockFile.close();
                throw new DataDirectoryInUse(dataDir);
            }
            this.lock = l;
        } catch (java.io.IOException e) {
            throw new org.touchline.domain.store.StoreException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        try {
            this.db = new SqliteDatabase(dataDir.resolve(FILE));
        } catch (RuntimeException e) {
            // A store that cannot open (damaged, unreadable) must not keep the directory locked: restore needs it.
            try {
                lock.release();
                lockFile.close();
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        this.projections = new JdbcProjections(db);
        this.ledger = new JdbcLedger(db, projections);
        this.deadLetters = new JdbcDeadLetters(db);
    }

    @Override
    public JdbcLedger ledger() { return ledger; }

    @Override
    public JdbcProjections projections() { return projections; }

    @Override
    public JdbcDeadLetters deadLetters() { return deadLetters; }

    /** Direct access for tests that must damage the store on purpose. */
    public SqliteDatabase database() { return db; }

    @Override
    public void close() {
        db.close();
        try {
            lock.release();
            lockFile.close();
        } catch (java.io.IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
