package org.touchline.store.sqlite;

import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.LedgerStoreContract;
import org.touchline.domain.store.StoreUnderTest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The shared LedgerStore contract, on SQLite files. */
class SqliteLedgerStoreTest extends LedgerStoreContract {
    @TempDir Path dir;
    private SqliteStores stores;

    @Override
    protected StoreUnderTest create() {
        if (stores == null) stores = new SqliteStores(dir);
        return stores.create();
    }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }

    @Override
    protected Connection connectToLast() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + stores.last().resolve(SqliteStore.FILE));
    }
}
