package org.touchline.store.postgresql;

import org.touchline.domain.store.DestinationStoreContract;
import org.touchline.domain.store.StoreUnderTest;

/** The shared DestinationStore contract, on a real PostgreSQL. */
class PostgresqlDestinationStoreTest extends DestinationStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
