package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.Progress;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;
import static org.touchline.node.NodeFixture.phone;

/**
 * Rows changed behind the node's back, directly in the store, are found by rebuilding the projections from the ledger
 * and comparing: a timeline row moved to another customer, an identity link moved, a consent given to someone else.
 */
class ProjectionCheckTest {
    @TempDir Path dir;
    @TempDir Path scratchDir;

    /** Ann (two records, one by phone that merges), Bob, and Ann's consent to marketing. */
    static String[] twoCustomers(NodeFixture f) {
        f.node.submitAndWait("test", List.of(new Candidate("1", interaction("crm", "1", "2026-01-01T10:00:00Z", "email", email("ann@example.com"))),
                new Candidate("2", interaction("calls", "2", "2026-01-02T10:00:00Z", "call_centre", phone("07700900111"))),
                new Candidate("3", interaction("crm", "3", "2026-01-03T10:00:00Z", "email", email("ann@example.com"), phone("07700900111"))),
                new Candidate("4", interaction("web", "4", "2026-01-04T10:00:00Z", "web", email("bob@example.com")))));
        String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
        String bob = f.node.customers().findByIdentifier(email("bob@example.com")).orElseThrow();
        f.node.customerEvents().consent(ann, "marketing", "granted", "web", "sign-up");
        return new String[]{ann, bob};
    }

    ProjectionCheck.Result check(NodeFixture f) { return check(f, f.node.projectionCheck()); }

    ProjectionCheck.Result check(NodeFixture f, ProjectionCheck check) {
        SqliteStore scratch = new SqliteStore(scratchDir);
        return check.run(new ProjectionCheck.Scratch() {
            @Override public ProjectionStore projections() { return scratch.projections(); }

            @Override public void close() { scratch.close(); }
        }, Progress.NONE).orElseThrow();
    }

    /** What someone with the store file and an SQLite shell would do. */
    void tamper(String sql, String... args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
             PreparedStatement ps = c.prepareStatement(sql)) {
            c.createStatement().execute("PRAGMA busy_timeout=10000");
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            assertThat(ps.executeUpdate()).as(sql).isPositive();
        }
    }

    /** One value the store holds, read as someone with an SQLite shell would. */
    String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void projections_left_alone_agree_with_the_ledger() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            twoCustomers(f);
            ProjectionCheck.Result r = check(f);
            assertThat(r.firstDifference()).isEmpty();
            assertThat(r.ledgerSize()).isEqualTo(f.node.ledger().size());
        }
    }

    @Test
    void a_timeline_row_moved_to_another_customer_is_found() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] c = twoCustomers(f);
            tamper("UPDATE timeline SET customer = ? WHERE idx = (SELECT MIN(idx) FROM timeline WHERE customer = ?)", c[1], c[0]);
            assertThat(check(f).firstDifference()).hasValueSatisfying(d -> assertThat(d).startsWith("projection timeline, row").contains(c[0]));
        }
    }

    @Test
    void an_erased_identifier_deleted_from_the_store_so_the_person_could_come_back_is_found() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] c = twoCustomers(f);
            f.node.customerEvents().erase(c[1], "dpo");
            tamper("DELETE FROM erased_identifiers WHERE key = ?", f.node.identifierKeys().keyOf(email("bob@example.com")));
            assertThat(check(f).firstDifference()).hasValueSatisfying(d -> assertThat(d).startsWith("projection erased_identifiers, row")
                    .contains(f.node.identifierKeys().keyOf(email("bob@example.com"))));
        }
    }

    @Test
    void an_identity_link_moved_to_another_customer_is_found() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] c = twoCustomers(f);
            tamper("UPDATE identifiers SET customer = ? WHERE key = (SELECT MIN(key) FROM identifiers WHERE customer = ?)", c[1], c[0]);
            assertThat(check(f).firstDifference()).hasValueSatisfying(d -> assertThat(d).startsWith("projection identifiers, row"));
        }
    }

    @Test
    void a_consent_given_to_someone_else_is_found() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] c = twoCustomers(f);
            tamper("UPDATE events SET customer = ? WHERE kind = 'consent' AND customer = ?", c[1], c[0]);
            assertThat(check(f).firstDifference()).hasValueSatisfying(d -> assertThat(d).startsWith("projection events, row").contains(c[1]));
        }
    }

    @Test
    void the_integrity_watch_stops_writes_when_a_projection_was_tampered_with() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] c = twoCustomers(f);
            tamper("UPDATE timeline SET customer = ? WHERE idx = (SELECT MIN(idx) FROM timeline WHERE customer = ?)", c[1], c[0]);
            SqliteStore[] scratch = new SqliteStore[1];
            f.node.integrity().checkingProjections(() -> {
                scratch[0] = new SqliteStore(scratchDir);
                return new ProjectionCheck.Scratch() {
                    @Override public ProjectionStore projections() { return scratch[0].projections(); }

                    @Override public void close() { scratch[0].close(); }
                };
            }, Duration.ofMinutes(30));
            assertThat(f.node.integrity().run().state()).isEqualTo("intact");
            IntegrityWatch.Status s = f.node.integrity().checkProjections();
            assertThat(s.state()).isEqualTo("damaged");
            assertThat(s.problem()).startsWith("projection timeline");
            assertThat(f.node.writesStopped()).hasValueSatisfying(why -> assertThat(why).contains("touchline rebuild"));
        }
    }

    /**
     * A row the store lacks shifts the rows after it into the next block: whichever block the missing row falls in,
     * the check names that row and no other (a merge decision's timeline line, as a rebuild that disagreed with the
     * live writer left it).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 4096})
    void a_timeline_row_missing_from_the_store_is_named_alone(int block) throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            twoCustomers(f);
            String survivor = query("SELECT survivor FROM merges"), entry = query("SELECT entry FROM identity_decisions WHERE kind = 'merged'");
            tamper("DELETE FROM timeline WHERE customer = ? AND idx = ? AND role = 'identity'", survivor, entry);
            assertThat(check(f, new ProjectionCheck(f.node.ledger(), f.node.projections(), f.node.vault(), f.node.identifierKeys(), f.node.resolution(), block)).firstDifference()).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("projection timeline, row").contains("the store has a row missing; the ledger gives (customer=" + survivor)
                    .contains("idx=" + entry + " role=identity), which the store lacks"));
        }
    }

    /** A row the store has and the ledger does not give is named alone too, wherever it falls among the blocks. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 4096})
    void a_timeline_row_added_to_the_store_is_named_alone(int block) throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            twoCustomers(f);
            String absorbed = query("SELECT absorbed FROM merges"), entry = query("SELECT entry FROM identity_decisions WHERE kind = 'merged'");
            tamper("INSERT INTO timeline (customer, at, idx, role) SELECT ?, at, idx, role FROM timeline WHERE idx = ? AND role = 'identity'", absorbed, entry);
            assertThat(check(f, new ProjectionCheck(f.node.ledger(), f.node.projections(), f.node.vault(), f.node.identifierKeys(), f.node.resolution(), block)).firstDifference()).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("projection timeline, row").contains("the store has (customer=" + absorbed)
                    .contains("idx=" + entry + " role=identity), which the ledger does not give; the ledger gives no other row"));
        }
    }
}
