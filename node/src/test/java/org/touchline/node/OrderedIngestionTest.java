package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.ledger.Frontier;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cluster ordering: appending an ordered batch is a function of the log and the batch alone. Two nodes with their own keys and
 * master keys, sharing only the identifier secret, append the same batches with the same salts and acceptance time and
 * reach the same root; the wall clock and the vault's randomness play no part.
 */
class OrderedIngestionTest {
    @TempDir Path dir;
    static final byte[] SECRET = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    static String batch(int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int n = from; n < from + count; n++)
            sb.append("{\"source\":\"web\",\"sourceRecordId\":\"r").append(n).append("\",\"occurredAt\":\"2026-02-01T10:00:00Z\",\"channel\":\"web\",")
                    .append("\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"u").append(n % 7).append("@example.com\"}")
                    .append(n % 3 == 0 ? ",{\"type\":\"phone\",\"value\":\"+44207009" + (n % 11) + "\"}" : "").append("]}\n");
        return sb.toString();
    }

    /** Seeded salts, as an envelope would carry them: one per line. */
    static byte[] salt(long seed, String recordRef) {
        byte[] s = new byte[Vault.SALT_BYTES];
        new Random(seed * 31 + recordRef.hashCode()).nextBytes(s);
        return s;
    }

    private static byte[] rootAfterOrderedBatches(Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir);
             Node node = new Node(NodeIdentity.openOrCreate(dir, "test.touchline/cluster", SECRET), store.ledger(), store.projections(), store.deadLetters())) {
            Instant accepted = Instant.parse("2026-02-02T00:00:00Z");
            for (int b = 0; b < 3; b++) {
                long seed = b;
                List<Outcome> out = node.ingestion().ordered(batch(b * 30, 30), "channel:web", accepted, ref -> salt(seed, ref));
                assertThat(out).hasSize(30);
            }
            return Frontier.load(node.ledger().size(), node.ledger().hashes()).root();
        }
    }

    @Test
    void twoNodesAppendingTheSameOrderedBatchesReachTheSameRoot() throws Exception {
        assertThat(rootAfterOrderedBatches(dir.resolve("a"))).isEqualTo(rootAfterOrderedBatches(dir.resolve("b")));
    }

    @Test
    void theAcceptanceTimeNotTheClockDecidesWhetherARecordIsInTheFuture() throws Exception {
        try (SqliteStore store = new SqliteStore(dir);
             Node node = new Node(NodeIdentity.openOrCreate(dir, "test.touchline/cluster", SECRET), store.ledger(), store.projections(), store.deadLetters())) {
            // Accepted in 2026-01: a record of 2026-02-01 lies more than a day ahead, whatever today is.
            List<Outcome> out = node.ingestion().ordered(batch(0, 1), "channel:web", Instant.parse("2026-01-01T00:00:00Z"), ref -> salt(1, ref));
            assertThat(out.get(0).status()).isEqualTo(Outcome.Status.REJECTED);
        }
    }

    @Test
    void aDataDirectoryMadeWithAnotherIdentifierSecretCannotJoin() throws Exception {
        NodeIdentity.openOrCreate(dir, "test.touchline/cluster", SECRET);
        byte[] other = SECRET.clone();
        other[0] = 9;
        assertThatThrownBy(() -> NodeIdentity.openOrCreate(dir, "test.touchline/cluster", other))
                .hasMessageContaining("was made with another identifier secret than the cluster's");
    }
}
