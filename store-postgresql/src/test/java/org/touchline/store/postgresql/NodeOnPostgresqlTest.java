package org.touchline.store.postgresql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Progress;
import org.touchline.domain.store.DeadLetter;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.VerifyReport;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole node on PostgreSQL: the demo company's source files go through the real ingest path into a node on SQLite
 * and into one on PostgreSQL with the same keys; both logs verify, and the projections come out identical, so a
 * company can move from one store to the other and a rebuild on either compares with the other.
 */
class NodeOnPostgresqlTest {
    @TempDir Path dir;

    record Result(long size, String digest, long deadLetters) {}

    private static Result ingest(Node node, List<SourceFile> files) throws Exception {
        for (SourceFile f : files) node.ingestion().file(f.mapping(), f.data(), Progress.NONE);
        VerifyReport report = node.verify(Progress.NONE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        return new Result(node.ledger().size(), node.projections().digest(), node.deadLetters().count(DeadLetter.OPEN));
    }

    @Test
    void theDemoCompanyOnPostgresqlVerifiesAndEndsInTheSameProjectionsAsOnSqlite() throws Exception {
        List<SourceFile> files = new DemoCompany(new DemoSize(60, 3_000, 3), 20261122).generate(dir.resolve("sources"), Progress.NONE);
        Path sqliteDir = dir.resolve("sqlite"), postgresqlDir = dir.resolve("postgresql");
        NodeIdentity.openOrCreate(sqliteDir, "test.touchline/log");
        Files.createDirectories(postgresqlDir);
        for (String keyFile : List.of("node.key", "node.secrets")) Files.copy(sqliteDir.resolve(keyFile), postgresqlDir.resolve(keyFile));

        Result onSqlite;
        try (SqliteStore store = new SqliteStore(sqliteDir);
             Node node = new Node(NodeIdentity.openOrCreate(sqliteDir, null), store.ledger(), store.projections(), store.deadLetters())) {
            onSqlite = ingest(node, files);
        }
        try (PostgresqlStore store = new PostgresqlStore(PostgresqlStores.newDatabase());
             Node node = new Node(NodeIdentity.openOrCreate(postgresqlDir, null), store.ledger(), store.projections(), store.deadLetters())) {
            Result onPostgresql = ingest(node, files);
            assertThat(onPostgresql.size()).isEqualTo(onSqlite.size()).isGreaterThan(3_000);
            assertThat(onPostgresql.deadLetters()).isEqualTo(onSqlite.deadLetters()).isPositive();
            assertThat(onPostgresql.digest()).isEqualTo(onSqlite.digest());
            node.rebuild(Progress.NONE);
            assertThat(node.projections().digest()).as("rebuilt on PostgreSQL").isEqualTo(onSqlite.digest());
        }
    }
}
