package org.touchline.store.sqlite;

import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.DestinationStoreContract;
import org.touchline.domain.store.StoreUnderTest;

import java.nio.file.Path;

/** The shared DestinationStore contract, on SQLite files. */
class SqliteDestinationStoreTest extends DestinationStoreContract {
    @TempDir Path dir;
    private SqliteStores stores;

    @Override
    protected StoreUnderTest create() {
        if (stores == null) stores = new SqliteStores(dir);
        return stores.create();
    }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
