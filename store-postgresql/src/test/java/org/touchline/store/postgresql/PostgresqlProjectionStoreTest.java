package org.touchline.store.postgresql;

import org.touchline.domain.store.ProjectionStoreContract;
import org.touchline.domain.store.StoreUnderTest;

/** The shared ProjectionStore contract, on a real PostgreSQL. */
class PostgresqlProjectionStoreTest extends ProjectionStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
