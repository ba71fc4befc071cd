package org.touchline.store.postgresql;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.touchline.domain.store.DeadLetter;
import org.touchline.domain.store.StoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the PostgreSQL store has to say: one node per database, and the schema's versions. */
class PostgresqlStoreTest {

    @Test
    void aDatabaseOpenedByTwoStoresAtOnceIsRefusedWithTheReason() {
        PostgresqlLocation location = PostgresqlStores.newDatabase();
        try (PostgresqlStore first = new PostgresqlStore(location)) {
            assertThatThrownBy(() -> new PostgresqlStore(location)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another touchline process");
            assertThat(first.ledger().size()).isZero();
        }
        new PostgresqlStore(location).close(); // and free again once closed
    }

    @Test
    void aStoreMadeByAnOlderVersionIsMigratedWhenOpenedAndKeepsItsData() throws Exception {
        PostgresqlLocation location = PostgresqlStores.server().createDatabase("older_version");
        Flyway.configure().dataSource(location.jdbcUrl(), location.user(), location.password())
                .locations(PostgresqlDatabase.MIGRATIONS).target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO customers (id, created_at) VALUES ('c1', 0)");
        }
        try (PostgresqlStore store = new PostgresqlStore(location)) {
            assertThat(store.projections().customerExists("c1")).isTrue();
            store.deadLetters().add(List.of(new DeadLetter(0, Instant.EPOCH, "crm", "api", "1", "{}", "[]", DeadLetter.OPEN)));
            assertThat(store.deadLetters().count(DeadLetter.OPEN)).as("the table version 3 adds").isEqualTo(1);
        }
    }

    @Test
    void aDatabaseHoldingSomethingElseIsNotTakenOver() throws Exception {
        PostgresqlLocation location = PostgresqlStores.server().createDatabase("someone_elses");
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INT)");
        }
        assertThatThrownBy(() -> new PostgresqlStore(location)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot prepare the schema of " + location.withoutPassword());
    }

    @Test
    void aStoreCarriesOnAfterTheServerCutItsConnections() throws Exception {
        PostgresqlLocation location = PostgresqlStores.newDatabase();
        try (PostgresqlStore store = new PostgresqlStore(location)) {
            store.deadLetters().add(List.of(new DeadLetter(0, Instant.EPOCH, "crm", "api", "1", "{}", "[]", DeadLetter.OPEN)));
            try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
                 Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            }
            assertThat(store.deadLetters().count(DeadLetter.OPEN)).as("a read is tried again on a new connection").isEqualTo(1);
            // A write on the cut connection fails whole (the caller resubmits; records are idempotent), the next one works.
            List<DeadLetter> letter = List.of(new DeadLetter(0, Instant.EPOCH, "crm", "api", "2", "{}", "[]", DeadLetter.OPEN));
            assertThatThrownBy(() -> store.deadLetters().add(letter)).isInstanceOf(StoreException.class);
            store.deadLetters().add(letter);
            assertThat(store.deadLetters().count(DeadLetter.OPEN)).isEqualTo(2);
        }
    }

    @Test
    void aServerThatIsNotThereIsNamedInTheError() {
        PostgresqlLocation nowhere = new PostgresqlLocation("jdbc:postgresql://127.0.0.1:1/touchline?connectTimeout=2", "postgres", null);
        assertThatThrownBy(() -> new PostgresqlStore(nowhere)).isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1/touchline");
    }
}
