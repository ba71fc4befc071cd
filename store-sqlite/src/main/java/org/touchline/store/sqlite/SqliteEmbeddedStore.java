package org.touchline.store.sqlite;

import org.touchline.domain.store.EmbeddedStore;
import org.touchline.domain.store.NodeStore;
import org.touchline.domain.store.StoredCheckpoint;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/** The embedded store as SQLite keeps it ({@link SqliteStore}, copied and re-keyed by {@link SqliteBackup}), registered in META-INF/services. */
public final class SqliteEmbeddedStore implements EmbeddedStore {
    @Override
    public String fileName() { return SqliteStore.FILE; }

    @Override
    public NodeStore open(Path dataDir) { return new SqliteStore(dataDir); }

    @Override
    public Optional<StoredCheckpoint> copy(Path dataDir, Path target) { return SqliteBackup.copy(dataDir, target); }

    @Override
    public Optional<StoredCheckpoint> latestCheckpoint(Path storeFile) { return SqliteBackup.latestCheckpoint(storeFile); }

    @Override
    public void resignNotes(Path storeFile, UnaryOperator<String> resign) { SqliteBackup.resignNotes(storeFile, resign); }

    @Override
    public int rekey(Path storeFile, BiFunction<String, byte[], byte[]> dataKey, BiFunction<String, byte[], byte[]> profile) {
        return SqliteBackup.rekey(storeFile, dataKey, profile);
    }
}
