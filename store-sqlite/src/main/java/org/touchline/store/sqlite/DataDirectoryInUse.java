package org.touchline.store.sqlite;

import org.touchline.domain.store.StoreException;

import java.nio.file.Path;

/** Another process (a serving node) holds the data directory: it alone appends; others may read (SqliteReadOnlyStore). */
public final class DataDirectoryInUse extends StoreException {
    private final Path dataDir;

    public DataDirectoryInUse(Path dataDir) {
        this(dataDir, "the data directory " + dataDir + " is in use by another touchline process: stop it first, or send the records to its API");
    }

    public DataDirectoryInUse(Path dataDir, String message) {
        super(message);
        this.dataDir = dataDir;
    }

    public Path dataDir() { return dataDir; }
}
