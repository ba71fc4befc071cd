package org.touchline.store.postgresql;

import org.touchline.domain.store.LedgerStoreContract;
import org.touchline.domain.store.StoreUnderTest;

/** The shared LedgerStore contract, on a real PostgreSQL. */
class PostgresqlLedgerStoreTest extends LedgerStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
