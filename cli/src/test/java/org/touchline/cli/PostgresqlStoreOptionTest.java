package org.touchline.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.store.postgresql.EmbeddedPostgresql;
import org.touchline.domain.store.StoreException;
import org.touchline.node.spi.HttpFront;
import org.touchline.store.postgresql.PostgresqlLocation;
import org.touchline.store.postgresql.PostgresqlReadOnlyStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --store postgresql://...}: the commands run on PostgreSQL, and the data directory remembers where its ledger is. */
class PostgresqlStoreOptionTest {
    private static EmbeddedPostgresql server;
    private static int databases;
    private String url, otherUrl;
    @TempDir Path dir;

    @BeforeAll
    static void startPostgresql() { server = EmbeddedPostgresql.startForTests(); }

    /** Each test's data directory gets databases of its own: a ledger is bound to the keys that signed it. */
    @BeforeEach
    void newDatabases() {
        databases++;
        url = asUrl(server.createDatabase("cli_store_" + databases)) + "&password=not-written-down";
        otherUrl = asUrl(server.createDatabase("cli_other_" + databases));
    }

    private static String asUrl(PostgresqlLocation l) {
        return l.jdbcUrl().replace("jdbc:postgresql:", "postgresql:") + "?user=" + l.user();
    }

    @AfterAll
    static void stopPostgresql() { server.close(); }

    @Test
    void theDemoRunsOnPostgresqlAndTheDataDirectoryThenNeedsThatStore() throws Exception {
        String d = dir.toString();
        CommandRun demo = CommandRun.of("demo", "-d", d, "--store", url, "--customers", "40", "--interactions", "1000", "--no-serve");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(Files.exists(dir.resolve("touchline.db"))).as("no SQLite store beside it").isFalse();
        assertThat(Files.readString(dir.resolve(DataDirOption.STORE_FILE))).contains("/cli_store_").doesNotContain("not-written-down");

        CommandRun verify = CommandRun.of("verify", "-d", d, "--store", url);
        assertThat(verify.out()).as(verify.err()).contains("OK: the ledger verifies.");
        assertThat(CommandRun.of("rebuild", "-d", d, "--store", url).out()).contains("(identical)");

        CommandRun forgotten = CommandRun.of("verify", "-d", d);
        assertThat(forgotten.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(forgotten.err()).startsWith("touchline: the data directory " + d + " keeps its ledger in PostgreSQL")
                .contains("add --store").doesNotContain("not-written-down", "\tat ");
        assertThat(Files.exists(dir.resolve("touchline.db"))).isFalse();
    }

    @Test
    void aDataDirectoryStaysWithItsOwnStore() {
        String d = dir.toString();
        assertThat(CommandRun.of("verify", "-d", d, "--store", url).exit()).isZero();
        CommandRun other = CommandRun.of("verify", "-d", d, "--store", otherUrl);
        assertThat(other.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(other.err()).contains("belongs to the store").contains("/cli_store_").contains("/cli_other_");
    }

    @Test
    void aSqliteDataDirectoryIsNotGivenAPostgresqlStore() {
        String d = dir.toString();
        assertThat(CommandRun.of("verify", "-d", d).exit()).isZero(); // makes the SQLite store
        CommandRun moved = CommandRun.of("verify", "-d", d, "--store", otherUrl);
        assertThat(moved.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(moved.err()).contains("already holds a SQLite store");
    }

    @Test
    void backupOfAPostgresqlStoreIsLeftToPostgresql() {
        String d = dir.toString();
        assertThat(CommandRun.of("verify", "-d", d, "--store", url).exit()).isZero();
        CommandRun backup = CommandRun.of("backup", "-d", d, "--store", url, "--to", dir.resolve("backup").toString());
        assertThat(backup.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(backup.err()).contains("backup works on the SQLite store").contains("pg_dump");
    }

    @Test
    void aStoreThatIsNotAPostgresqlUrlIsOneClearLine() {
        CommandRun bad = CommandRun.of("verify", "-d", dir.toString(), "--store", "mysql://localhost/x");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err().strip()).isEqualTo("touchline: 'mysql://localhost/x' is not a PostgreSQL URL: write postgresql://host:port/database?user=NAME");
    }

    @Test
    void readingCommandsRunBesideANodeServingAPostgresqlStoreInReadOnlyTransactions() throws Exception {
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        data.store = url;
        try (var open = data.open()) {
            for (int k = 0; k < 3; k++)
                open.node().ingestion().one("{\"source\":\"crm\",\"sourceRecordId\":\"" + k + "\",\"occurredAt\":\"2026-01-0" + (k + 1)
                        + "T10:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}", "test");
            String customer = open.node().customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
            try (HttpFront.Api server = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0)) {
                String d = dir.toString();
                for (String[] args : new String[][]{{"customer", "--identifier", "email:ann@example.com"}, {"checkpoint"}, {"verify"},
                        {"dead-letters", "list"}, {"identity", "reviews"}, {"consent", customer}, {"tokens", "balance", customer}}) {
                    String[] full = Stream.concat(Arrays.stream(args), Stream.of("-d", d, "--store", url)).toArray(String[]::new);
                    CommandRun run = CommandRun.of(full);
                    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
                }
                // A writing command goes through the node, which holds the writer's lock.
                CommandRun consent = CommandRun.of("consent", "-d", d, "--store", url, customer, "marketing", "granted", "--channel", "web");
                assertThat(consent.exit()).as(consent.err()).isZero();
                assertThat(open.node().consents().allows(customer, "marketing")).isTrue();
            }
        }
    }

    @Test
    void theReadOnlyStoreIsRefusedEveryChangeByPostgresqlItself() {
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        data.store = url;
        CommandRun.of("verify", "-d", dir.toString(), "--store", url); // makes the schema
        try (PostgresqlReadOnlyStore store = new PostgresqlReadOnlyStore(PostgresqlLocation.parse(url))) {
            assertThatThrownBy(() -> store.deadLetters().markResubmitted(1))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only transaction");
        }
    }
}
