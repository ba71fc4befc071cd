package org.touchline.node;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.WritesStoppedException;
import org.touchline.store.sqlite.SqliteStore;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.*;

/** The whole log verified while the node serves: damage the start cannot see stops writes, and reads go on. */
class IntegrityWatchTest {
    @TempDir Path dir;

    @BeforeEach
    void fill() throws Exception {
        NodeFixture.fiveBatchesOfTwenty(dir);
    }

    @Test
    void an_intact_log_is_reported_intact_and_the_node_keeps_accepting() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            IntegrityWatch.Status s = f.node.integrity().run();
            assertThat(s.state()).isEqualTo("intact");
            assertThat(s.checked()).isEqualTo(100);
            assertThat(f.append(interaction("crm", "later", "2026-01-02T10:00:00Z", "email", email("c1@example.com")))).hasSize(1);
        }
    }

    @Test
    void a_value_changed_in_the_middle_of_the_log_stops_writes_naming_the_entry_and_reads_go_on() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.store.database().write(s -> {
                s.execute("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'enquiry', 'complaint') AS BLOB) WHERE idx = 42");
                return null;
            });
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            // The start's head check passes: the damage is deep in the log.
            assertThat(LedgerHead.problems(f.node.ledger(), f.node.identity().verifier())).isEmpty();
            IntegrityWatch.Status s = f.node.integrity().run();
            assertThat(s.state()).isEqualTo("damaged");
            assertThat(s.problem()).startsWith("entry 42:");
            assertThatThrownBy(() -> f.append(interaction("crm", "later", "2026-01-02T10:00:00Z", "email", email("c1@example.com"))))
                    .isInstanceOf(WritesStoppedException.class).hasMessageContaining("entry 42").hasMessageContaining("touchline restore");
            assertThat(f.node.ledger().size()).isEqualTo(100);
            String customer = f.node.customers().findByIdentifier(email("c1@example.com")).orElseThrow();
            assertThat(f.node.customers().timeline(customer, null, 10).items()).isNotEmpty();
        }
    }

    @Test
    void a_damaged_page_is_found_by_the_watch_not_the_start_and_stops_writes_naming_sqlites_words() throws Exception {
        long root;
        try (SqliteStore store = new SqliteStore(dir)) {
            root = store.database().read(s -> {
                try (ResultSet rs = s.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'dead_letters'").executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
        // Seeded noise over the b-tree header of a page the start does not read (refused records' table).
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(SqliteStore.FILE).toFile(), "rw")) {
            f.seek(16);
            int pageSize = f.readUnsignedShort();
            byte[] noise = new byte[64];
            new Random(5).nextBytes(noise);
            f.seek((root - 1) * pageSize);
            f.write(noise);
        }
        try (NodeFixture f = new NodeFixture(dir)) { // opens at once: every page is checked in the background
            IntegrityWatch.Status s = f.node.integrity().run();
            assertThat(s.state()).isEqualTo("damaged");
            assertThat(s.problem()).startsWith("the store's structural check reports: ").contains("page " + root);
            assertThatThrownBy(() -> f.append(interaction("crm", "later", "2026-01-02T10:00:00Z", "email", email("c1@example.com"))))
                    .isInstanceOf(WritesStoppedException.class).hasMessageContaining("the store is damaged").hasMessageContaining("touchline restore");
            assertThat(f.node.ledger().size()).isEqualTo(100);
        }
    }

    @Test
    void entries_appended_while_the_log_is_being_verified_are_not_taken_for_damage() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            Thread watch = f.node.integrity().start();
            for (int k = 0; k < 30; k++) f.append(interaction("crm", "during-" + k, "2026-01-02T10:00:00Z", "email", email("d" + k + "@example.com")));
            watch.join(30_000);
            assertThat(f.node.integrity().status().state()).isEqualTo("intact");
            assertThat(f.node.writesStopped()).isEmpty();
        }
    }
}
