package org.touchline.store.postgresql;

import org.touchline.domain.store.DeadLetterStoreContract;
import org.touchline.domain.store.StoreUnderTest;

/** The shared DeadLetterStore contract, on a real PostgreSQL. */
class PostgresqlDeadLetterStoreTest extends DeadLetterStoreContract {
    private final PostgresqlStores stores = new PostgresqlStores();

    @Override
    protected StoreUnderTest create() { return stores.create(); }

    @Override
    protected StoreUnderTest reopen() { return stores.reopen(); }
}
