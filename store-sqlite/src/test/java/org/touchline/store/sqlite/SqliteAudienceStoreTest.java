package org.touchline.store.sqlite;

import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.AudienceStoreContract;
import org.touchline.domain.store.StoreUnderTest;

import java.nio.file.Path;

/** The shared AudienceStore contract, on SQLite files. */
class SqliteAudienceStoreTest extends AudienceStoreContract {
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
