package org.touchline.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.StoreException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest {
    @TempDir Path dir;

    @Test
    void aDataDirectoryOpenedTwiceAtOnceIsRefusedWithTheReason() {
        try (SqliteStore first = new SqliteStore(dir)) {
            assertThatThrownBy(() -> new SqliteStore(dir)).isInstanceOf(StoreException.class).hasMessageContaining("in use by another touchline process");
        }
        new SqliteStore(dir).close(); // and free again once closed
    }
}
