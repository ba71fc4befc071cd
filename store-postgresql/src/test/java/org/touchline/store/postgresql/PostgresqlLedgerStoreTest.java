package org.touchline.store.postgresql;

import org.touchline.domain.store.LedgerStoreContract;
import org.touchline.domain.store.StoreUnderTest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The shared LedgerStore contract, on a real PostgreSQL. */
class PostgresqlLedgerStoreTest extends LedgerStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }

    @Override
    protected Connection connectToLast() throws SQLException {
        PostgresqlLocation last = stores.last();
        return DriverManager.getConnection(last.jdbcUrl(), last.user(), last.password());
    }
}
