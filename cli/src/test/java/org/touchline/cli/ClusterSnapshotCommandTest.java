package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.cluster.ClusterMember;
import org.touchline.cluster.LocalBroker;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.SignedBatches;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code touchline cluster snapshot} on a serving node and {@code cluster join} on a directory {@code cluster init}
 * prepared, as docs/cluster.md shows them, around a real Kafka broker.
 */
class ClusterSnapshotCommandTest {
    @TempDir Path tmp;

    /** Runs `cluster init` on tmp/NAME; returns the cosigner key it prints. */
    private String init(Path secret, String name) {
        CommandRun run = CommandRun.of("cluster", "init", "-d", tmp.resolve(name).toString(), "--origin", "shop.example/ledger", "--secret", secret.toString(),
                "--name", name + ".shop.example");
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().strip();
    }

    @Test
    void aNodePreparedByInitJoinsFromAServingNodesSnapshotAndAWrongPassphraseIsOneLine() throws Exception {
        try (LocalBroker broker = LocalBroker.start(tmp.resolve("kafka"), 0)) {
            Path secret = tmp.resolve("cluster.secret"), pass = Files.writeString(tmp.resolve("pass.txt"), "correct horse\n");
            assertThat(CommandRun.of("cluster", "secret", "--out", secret.toString()).exit()).isZero();
            String key1 = init(secret, "node1");
            init(secret, "node4");
            Path node1 = tmp.resolve("node1"), node4 = tmp.resolve("node4");
            assertThat(CommandRun.of("cluster", "trust", "-d", node4.toString(), key1).exit()).isZero();
            NoteSigner channel = NoteSigner.parse(NoteKeys.generate("web-channel").signerKey());
            Files.writeString(node1.resolve(SignedBatches.KEYS_FILE), channel.verifierKey() + "\n");

            try (ClusterMember member = ClusterMember.open(new ClusterMember.Settings(node1, null, null, null, broker.bootstrap(), "cli-"))) {
                String records = "{\"source\":\"web\",\"sourceRecordId\":\"r1\",\"occurredAt\":\"2026-02-01T10:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\","
                        + "\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}],\"text\":\"where is my order\"}";
                assertThat(member.cluster().submit(SignedBatches.sign(channel, "b1", records), records).outcomes()).hasSize(1);

                Path snapshot = tmp.resolve("node1.snapshot");
                CommandRun taken = CommandRun.of("cluster", "snapshot", "-d", node1.toString(), "--out", snapshot.toString(), "--passphrase-file", pass.toString());
                assertThat(taken.exit()).as(taken.err()).isZero();
                assertThat(taken.out()).contains("continuing from topic offset 1");

                Path wrong = Files.writeString(tmp.resolve("wrong.txt"), "battery staple\n");
                CommandRun refused = CommandRun.of("cluster", "join", "-d", node4.toString(), "--snapshot", snapshot.toString(), "--passphrase-file",
                        wrong.toString(), "--kafka", broker.bootstrap(), "--topic-prefix", "cli-");
                assertThat(refused.exit()).isEqualTo(ExitCode.USAGE);
                assertThat(refused.err().strip()).doesNotContain("\n").contains("does not open with this passphrase");

                byte[] ownKeys = Files.readAllBytes(node4.resolve("node.secrets"));
                CommandRun joined = CommandRun.of("cluster", "join", "-d", node4.toString(), "--snapshot", snapshot.toString(), "--passphrase-file",
                        pass.toString(), "--kafka", broker.bootstrap(), "--topic-prefix", "cli-");
                assertThat(joined.exit()).as(joined.err()).isZero();
                assertThat(joined.out()).contains("caught up to size 1; the root at size 1 cosigned by node1.shop.example").contains("reads on from topic offset 1");
                assertThat(Files.readAllBytes(node4.resolve("node.secrets"))).as("node4 keeps its own master key").isEqualTo(ownKeys);
                assertThat(Files.readString(node4.resolve("cluster.offset")).strip()).startsWith("1 ");
            }
        }
    }
}
