package org.touchline.store.postgresql;

import org.touchline.domain.store.DeadLetterStore;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.StoreUnderTest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL stores for the tests: one real server for the whole test JVM (starting one takes seconds), and a new
 * database for every store a test asks for, copied from one the migrations built once (running them for every test
 * would take most of the suite's time).
 */
final class PostgresqlStores {
    private static EmbeddedPostgresql server;
    private static PostgresqlLocation template;
    private static final AtomicInteger made = new AtomicInteger();
    private PostgresqlLocation last;

    static synchronized EmbeddedPostgresql server() {
        if (server == null) {
            server = EmbeddedPostgresql.startForTests();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** A new database with the store's schema and nothing in it. */
    static synchronized PostgresqlLocation newDatabase() {
        if (template == null) {
            template = server().createDatabase("touchline_template");
            new PostgresqlStore(template).close();
        }
        String name = "store_" + made.incrementAndGet();
        try (Connection c = DriverManager.getConnection(template.jdbcUrl(), template.user(), template.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE touchline_template");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new PostgresqlLocation(template.jdbcUrl().replace("/touchline_template", "/" + name), template.user(), null);
    }

    StoreUnderTest create() {
        last = newDatabase();
        return open(last);
    }

    StoreUnderTest reopen() { return open(last); }

    /** Where the store last created is. */
    PostgresqlLocation last() { return last; }

    static StoreUnderTest open(PostgresqlLocation location) {
        PostgresqlStore store = new PostgresqlStore(location);
        return new StoreUnderTest() {
            @Override public LedgerStore ledger() { return store.ledger(); }
            @Override public ProjectionStore projections() { return store.projections(); }
            @Override public DeadLetterStore deadLetters() { return store.deadLetters(); }
            @Override public DestinationStore destinations() { return store.destinations(); }

            @Override public AudienceStore audiences() { return store.audiences(); }
            @Override public void close() { store.close(); }
        };
    }
}
