package org.touchline.store.postgresql;

import org.touchline.domain.store.AudienceStoreContract;
import org.touchline.domain.store.StoreUnderTest;

/** The shared AudienceStore contract, on a real PostgreSQL. */
class PostgresqlAudienceStoreTest extends AudienceStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
