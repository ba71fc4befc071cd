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
    void aServerThatIsNotThereIsNamedInTheError() {
        PostgresqlLocation nowhere = new PostgresqlLocation("jdbc:postgresql://127.0.0.1:1/touchline?connectTimeout=2", "postgres", null);
        assertThatThrownBy(() -> new PostgresqlStore(nowhere)).isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1/touchline");
    }
}
