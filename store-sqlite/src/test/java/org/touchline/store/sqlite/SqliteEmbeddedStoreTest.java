package org.touchline.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.EmbeddedStore;
import org.touchline.domain.store.NodeStore;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A module that needs the data directory's store without naming its engine (the cluster) finds SQLite's on the class path. */
class SqliteEmbeddedStoreTest {
    @TempDir Path dir;

    @Test
    void theEmbeddedStoreOnTheClassPathIsSqlitesFile() {
        EmbeddedStore embedded = EmbeddedStore.find();
        assertThat(embedded).isInstanceOf(SqliteEmbeddedStore.class);
        assertThat(embedded.fileName()).isEqualTo(SqliteStore.FILE);
    }

    @Test
    void itOpensTheDataDirectorysStoreWhichOneProcessHoldsAtATime() {
        try (NodeStore store = EmbeddedStore.find().open(dir)) {
            assertThat(store.ledger().size()).isZero();
            assertThat(dir.resolve(SqliteStore.FILE)).exists();
            assertThatThrownBy(() -> EmbeddedStore.find().open(dir)).isInstanceOf(DataDirectoryInUse.class);
        }
    }

    @Test
    void aCopyOfAnEmptyStoreHoldsNoCheckpoint() {
        try (NodeStore store = EmbeddedStore.find().open(dir)) {
            Path copy = dir.resolve("copy.db");
            assertThat(EmbeddedStore.find().copy(dir, copy)).isEmpty();
            assertThat(EmbeddedStore.find().latestCheckpoint(copy)).isEmpty();
        }
    }
}
