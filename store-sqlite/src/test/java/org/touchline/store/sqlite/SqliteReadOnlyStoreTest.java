package org.touchline.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.StoreException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store a serving node holds, opened beside it to read: readable, and every change refused. */
class SqliteReadOnlyStoreTest {
    @TempDir Path dir;

    @Test
    void a_directory_in_use_is_refused_to_a_second_writer_as_in_use() {
        try (SqliteStore serving = new SqliteStore(dir)) {
            assertThatThrownBy(() -> new SqliteStore(dir)).isInstanceOf(DataDirectoryInUse.class);
        }
    }

    @Test
    void it_opens_beside_the_writer_and_reads() {
        try (SqliteStore serving = new SqliteStore(dir); SqliteReadOnlyStore reader = new SqliteReadOnlyStore(dir)) {
            assertThat(reader.ledger().size()).isEqualTo(serving.ledger().size());
            assertThat(reader.deadLetters().count("open")).isZero();
        }
    }

    @Test
    void it_changes_nothing() {
        try (SqliteStore serving = new SqliteStore(dir); SqliteReadOnlyStore reader = new SqliteReadOnlyStore(dir)) {
            assertThatThrownBy(() -> reader.projections().reset()).isInstanceOf(StoreException.class).hasMessageContaining("read only");
        }
    }

    @Test
    void a_directory_without_a_store_is_refused_with_the_reason() {
        assertThatThrownBy(() -> new SqliteReadOnlyStore(dir)).isInstanceOf(StoreException.class).hasMessageContaining("holds no store");
    }
}
