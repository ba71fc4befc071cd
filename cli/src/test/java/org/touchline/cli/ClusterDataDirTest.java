package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.WritesStoppedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A cluster node's log takes appends from the ordering topic only (docs/cluster.md): on its data
 * directory the command line's appending commands refuse to run, naming what to use instead, and append nothing.
 */
class ClusterDataDirTest {
    @TempDir Path tmp;

    private Path clusterNode() {
        Path secret = tmp.resolve("cluster.secret"), dir = tmp.resolve("node1");
        assertThat(CommandRun.of("cluster", "secret", "--out", secret.toString()).exit()).isZero();
        CommandRun init = CommandRun.of("cluster", "init", "-d", dir.toString(), "--origin", "shop.example/ledger", "--secret", secret.toString(),
                "--name", "node1.shop.example");
        assertThat(init.exit()).as(init.err()).isZero();
        return dir;
    }

    @Test
    void appendingCommandsRefuseAClusterNodesDataDirectoryWithOneLineNamingTheApiToUse() throws Exception {
        Path dir = clusterNode(), records = Files.writeString(tmp.resolve("r.ndjson"), "{}\n");
        String d = dir.toString();
        List<List<String>> refused = List.of(
                List.of("POST /v1/customers/{id}/consents", "consent", "-d", d, "cu_1", "marketing", "granted", "--channel", "web"),
                List.of("POST /v1/customers/{id}/erasure", "erase", "-d", d, "cu_1", "--actor", "dpo", "--yes"),
                List.of("POST /v1/identity/reviews/{entry}/accept", "identity", "accept", "-d", d, "5", "--actor", "agent-1"),
                List.of("POST /v1/relationships", "identity", "relate", "-d", d, "household", "cu_1", "cu_2", "--actor", "crm"),
                List.of("POST /v1/customers/{id}/redemptions", "tokens", "redeem", "-d", d, "cu_1", "gift"),
                List.of("POST /v1/batches", "ingest", "-d", d, "--ndjson", records.toString()),
                List.of("not ordered through the topic yet", "identity", "resolve", "-d", d, "--all"));
        for (List<String> c : refused) {
            CommandRun run = CommandRun.of(c.subList(1, c.size()).toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", c)).isEqualTo(1);
            assertThat(run.err().strip()).as(String.join(" ", c)).doesNotContain("\n")
                    .startsWith("touchline: " + dir + " is a cluster node's data directory, whose log takes writes through the ordering topic only: ")
                    .contains(c.get(0));
        }
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        try (var open = data.open()) {
            assertThat(open.node().ledger().size()).as("nothing appended").isZero();
        }
    }

    @Test
    void servingAClusterNodesDataDirectoryAloneIsRefused() {
        Path dir = clusterNode();
        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CommandRun.of("serve", "-d", dir.toString(), "--port", "0"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("serve it with --cluster --kafka HOST:PORT");
    }

    @Test
    void aNodeOpenedOnAClusterNodesDataDirectoryReadsButAppendsNothing() throws Exception {
        DataDirOption data = new DataDirOption();
        data.dataDir = clusterNode();
        try (var open = data.open()) {
            assertThatThrownBy(() -> open.node().ingestion().one("{\"source\":\"crm\",\"sourceRecordId\":\"1\",\"occurredAt\":\"2026-01-01T10:00:00Z\","
                    + "\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}", "test"))
                    .isInstanceOf(WritesStoppedException.class).hasMessageContaining("ordering topic only");
            assertThat(open.node().ledger().size()).isZero();
        }
    }
}
