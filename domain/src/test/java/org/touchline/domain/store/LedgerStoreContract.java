package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.HashReader;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.InMemoryHashStore;
import org.touchline.ledger.InclusionProof;
import org.touchline.ledger.MerkleTree;
import org.touchline.ledger.ProofVerifier;
import org.touchline.ledger.StoredNode;
import org.touchline.ledger.Subtree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LedgerStore} as every store must keep it: appends atomic and durable, reads exact and in order. */
public abstract class LedgerStoreContract extends StoreContract {

    /** A plain JDBC connection to the store last {@link #create}d (closed), to write it as an older version did. */
    protected abstract Connection connectToLast() throws SQLException;

    /** {@code count} entries from {@code first} with real tree hashes: the nodes {@code tree} emits as it grows. */
    static Append treeEntries(long first, int count, Frontier tree, InMemoryHashStore all) {
        Append plain = entries(first, count, "web");
        List<StoredNode> nodes = new ArrayList<>();
        for (Append.Leaf l : plain.leaves()) tree.append(Hashes.leafHash(l.data()), n -> {
            nodes.add(n);
            all.accept(n);
        });
        return new Append(first, plain.leaves(), nodes, plain.parts(), plain.newKeys(), plain.projections(), plain.batch(), plain.checkpoint());
    }

    /** Every complete subtree hash of the tree, at every level, as the store reads it back. */
    static void assertEveryTreeHashReadsBack(LedgerStore ledger, InMemoryHashStore expected, long size) throws IOException {
        HashReader stored = ledger.hashes();
        for (int level = 0; (size >>> level) > 0; level++)
            for (long i = 0; i < size >>> level; i++)
                assertThat(stored.hash(level, i)).as("level %d index %d", level, i).isEqualTo(expected.hash(level, i));
        assertThatThrownBy(() -> stored.hash(0, size)).isInstanceOf(IOException.class);
    }

    @Test
    void treeHashesAreReadBackAtEveryLevelWhateverTheGroupsAcrossTiles() throws IOException {
        LedgerStore ledger = fresh().ledger();
        Frontier tree = Frontier.empty();
        InMemoryHashStore all = new InMemoryHashStore();
        Random random = new Random(17);
        long size = 0;
        while (size < 1_500) { // past a full tile at tile level 1 (256 leaves make one level-8 hash)
            int count = 1 + random.nextInt(random.nextBoolean() ? 5 : 400);
            ledger.append(treeEntries(size, count, tree, all));
            size += count;
        }
        assertEveryTreeHashReadsBack(ledger, all, size);
        assertThat(MerkleTree.rootHash(size, ledger.hashes())).isEqualTo(tree.root());
    }

    @Test
    void aStoreWithOneRowPerTreeNodeIsConvertedToTilesWhenItOpens() throws Exception {
        StoreUnderTest first = fresh();
        Frontier tree = Frontier.empty();
        InMemoryHashStore all = new InMemoryHashStore();
        List<StoredNode> nodes = new ArrayList<>();
        for (long at = 0; at < 600; at += 150) {
            Append a = treeEntries(at, 150, tree, all);
            nodes.addAll(a.nodes());
            first.ledger().append(a);
        }
        first.close();
        // As the store was before tiles: a hashes table with a row per complete subtree, id = level << 48 | index.
        try (Connection c = connectToLast(); Statement st = c.createStatement()) {
            boolean postgresql = c.getMetaData().getDatabaseProductName().contains("PostgreSQL");
            st.execute("DELETE FROM tiles");
            st.execute("CREATE TABLE hashes (id BIGINT PRIMARY KEY, hash " + (postgresql ? "BYTEA" : "BLOB") + " NOT NULL)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hashes (id, hash) VALUES (?, ?)")) {
                for (StoredNode n : nodes) {
                    ps.setLong(1, (long) n.level() << 48 | n.index());
                    ps.setBytes(2, n.hash());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!c.getAutoCommit()) c.commit();
        }
        LedgerStore ledger = again().ledger();
        assertEveryTreeHashReadsBack(ledger, all, 600);
        ledger.append(treeEntries(600, 100, tree, all));
        assertEveryTreeHashReadsBack(ledger, all, 700);
        try (Connection c = connectToLast()) {
            assertThat(c.getMetaData().getTables(null, c.getSchema(), "hashes", null).next()).as("old table dropped").isFalse();
        }
    }

    @Test
    void inclusionAndConsistencyProofsFromTheStoredTilesVerify() throws IOException {
        LedgerStore ledger = fresh().ledger();
        Frontier tree = Frontier.empty();
        InMemoryHashStore all = new InMemoryHashStore();
        ledger.append(treeEntries(0, 300, tree, all));
        byte[] oldRoot = tree.root();
        ledger.append(treeEntries(300, 700, tree, all));
        InclusionProof proof = MerkleTree.inclusionProof(700, 1_000, ledger.hashes());
        ProofVerifier.verifyInclusion(Hashes.leafHash(ledger.leaf(700)), 700, 1_000, proof.hashes(), tree.root());
        ProofVerifier.verifyConsistency(300, 1_000, oldRoot, tree.root(), MerkleTree.consistencyProof(300, 1_000, ledger.hashes()).hashes());
    }

    @Test
    void proofsFromTheStoredTilesAreTheTreesAcrossThreeTileLevels() throws IOException {
        Random random = new Random(20);
        LedgerStore ledger = fresh().ledger();
        Frontier tree = Frontier.empty();
        InMemoryHashStore all = new InMemoryHashStore();
        int size = 65_536 + 1 + random.nextInt(2_000); // past 2^16 leaves: tiles at tile levels 0, 1 and 2
        ledger.append(treeEntries(0, size, tree, all));
        for (int k = 0; k < 40; k++) {
            long n = 2 + random.nextInt(size - 1), leaf = random.nextInt((int) n), old = 1 + random.nextInt((int) n);
            assertThat(hex(MerkleTree.inclusionProof(leaf, n, ledger.hashes()).hashes())).as("inclusion of %d in %d", leaf, n)
                    .isEqualTo(hex(MerkleTree.inclusionProof(leaf, n, all).hashes()));
            assertThat(hex(MerkleTree.consistencyProof(old, n, ledger.hashes()).hashes())).as("consistency of %d with %d", old, n)
                    .isEqualTo(hex(MerkleTree.consistencyProof(old, n, all).hashes()));
        }
        List<Subtree> asked = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            int level = random.nextInt(17);
            long index = random.nextInt((int) (size >>> level));
            asked.add(new Subtree(level, index));
            expected.add(all.hash(level, index));
        }
        assertThat(hex(ledger.hashes().hashes(asked))).isEqualTo(hex(expected));
        assertThatThrownBy(() -> ledger.hashes().hashes(List.of(new Subtree(0, 1), new Subtree(8, size >>> 8))))
                .isInstanceOf(IOException.class).hasMessageContaining("level 8 index " + (size >>> 8));
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** {@code count} entries from {@code first}: leaves, one tree hash each, a sealed part each, one new key, a batch and a checkpoint. */
    static Append entries(long first, int count, String source) {
        List<Append.Leaf> leaves = new ArrayList<>();
        List<StoredNode> nodes = new ArrayList<>();
        List<SealedPart> parts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long i = first + k;
            leaves.add(new Append.Leaf(i, source, "r" + i, ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            nodes.add(new StoredNode(0, i, hash(i)));
            parts.add(new SealedPart(i, "key-" + first, new byte[]{(byte) i, 1, 2}, ("sealed " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new Append(first, leaves, nodes, parts, List.of(new Append.DataKey("key-" + first, new byte[]{9, (byte) first})),
                new ProjectionChanges(), new StoredBatch(first, count, "channel.test", "batch note " + first),
                new StoredCheckpoint(first + count, "checkpoint " + (first + count)));
    }

    static byte[] hash(long i) {
        byte[] h = new byte[32];
        for (int b = 0; b < 32; b++) h[b] = (byte) (i * 31 + b);
        return h;
    }

    @Test
    void anEmptyStoreHasNoEntriesAndNoCheckpoint() {
        LedgerStore ledger = fresh().ledger();
        assertThat(ledger.size()).isZero();
        assertThat(ledger.latestCheckpoint()).isEmpty();
        assertThat(ledger.checkpoints()).isEmpty();
        assertThat(ledger.batches()).isEmpty();
        assertThat(ledger.indexOf("web", "r0")).isEmpty();
    }

    @Test
    void anAppendIsReadBackWhole() throws IOException {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 3, "web"));
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.leaf(1)).asString(StandardCharsets.UTF_8).isEqualTo("{\"entry\":1}");
        assertThat(ledger.hashes().hash(0, 2)).isEqualTo(hash(2));
        assertThat(ledger.latestCheckpoint()).contains(new StoredCheckpoint(3, "checkpoint 3"));
        assertThat(ledger.batches()).containsExactly(new StoredBatch(0, 3, "channel.test", "batch note 0"));
        assertThat(ledger.indexOf("web", "r2")).isEqualTo(OptionalLong.of(2));
        SealedPart part = ledger.sealedPart(2).orElseThrow();
        assertThat(part.keyId()).isEqualTo("key-0");
        assertThat(part.nonce()).containsExactly(2, 1, 2);
        assertThat(part.ciphertext()).asString(StandardCharsets.UTF_8).isEqualTo("sealed 2");
        assertThat(ledger.wrappedKey("key-0")).hasValueSatisfying(k -> assertThat(k).containsExactly(9, 0));
    }

    @Test
    void aLeafOrHashThatIsNotThereIsAnErrorNotNull() {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 1, "web"));
        assertThatThrownBy(() -> ledger.leaf(5)).isInstanceOf(StoreException.class).hasMessageContaining("index 5");
        assertThatThrownBy(() -> ledger.hashes().hash(3, 0)).isInstanceOf(IOException.class).hasMessageContaining("level 3");
        assertThat(ledger.sealedPart(5)).isEmpty();
        assertThat(ledger.wrappedKey("no-such-key")).isEmpty();
    }

    @Test
    void leavesAreScannedInIndexOrderWithinTheRange() {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 4, "web"));
        ledger.append(entries(4, 4, "web"));
        List<Long> seen = new ArrayList<>();
        ledger.scanLeaves(2, 7, (index, data) -> {
            assertThat(data).asString(StandardCharsets.UTF_8).isEqualTo("{\"entry\":" + index + "}");
            seen.add(index);
        });
        assertThat(seen).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aScanCanReadTheStoreFromInsideItsVisitorAsPointReadsWould() {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 3, "web"));
        Append next = entries(3, 2, "web");
        ledger.append(new Append(3, next.leaves(), next.nodes(), next.parts(), next.newKeys(), next.projections(), next.batch(),
                next.checkpoint(), new Append.Erasure(List.of(1L), List.of())));
        List<String> seen = new ArrayList<>();
        ledger.scanLeaves(0, 5, (index, data) -> {
            try {
                assertThat(ledger.hashes().hash(0, index)).isEqualTo(hash(index));
                assertThatThrownBy(() -> ledger.hashes().hash(3, 0)).isInstanceOf(IOException.class);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            seen.add(ledger.sealedPart(index).map(SealedPart::keyId).orElse("erased") + "@" + ledger.leaf(index).length);
        });
        assertThat(seen).containsExactly("key-0@11", "erased@11", "key-0@11", "key-3@11", "key-3@11");
    }

    @Test
    void checkpointsAndBatchesComeOutInLogOrder() {
        LedgerStore ledger = fresh().ledger();
        for (int b = 0; b < 5; b++) ledger.append(entries(b * 2L, 2, "web"));
        assertThat(ledger.checkpoints()).extracting(StoredCheckpoint::size).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(ledger.batches()).extracting(StoredBatch::first).containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(ledger.latestCheckpoint()).contains(new StoredCheckpoint(10, "checkpoint 10"));
    }

    @Test
    void indexesOfFindsExactlyTheRecordsOfThatSourceAlreadyInTheLog() {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 700, "web"));
        ledger.append(entries(700, 5, "store"));
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1200; i += 2) asked.add("r" + i); // more than one statement's worth on SQLite
        Map<String, Long> found = ledger.indexesOf("web", asked);
        assertThat(found).hasSize(350).containsEntry("r0", 0L).containsEntry("r698", 698L).doesNotContainKey("r700");
        assertThat(ledger.indexesOf("store", List.of("r700", "r799", "r0"))).containsOnlyKeys("r700");
        assertThat(ledger.indexesOf("web", List.of())).isEmpty();
    }

    @Test
    void anAppendAtAnyIndexButTheNextIsRefused() {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 2, "web"));
        assertThatThrownBy(() -> ledger.append(entries(3, 1, "web"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("append at 3 but the log has 2 entries");
        assertThat(ledger.size()).isEqualTo(2);
    }

    @Test
    void anAppendThatFailsPartWayLeavesNothingOfItBehind() {
        StoreUnderTest store = fresh();
        LedgerStore ledger = store.ledger();
        ledger.append(entries(0, 2, "web"));
        String projectionsBefore = store.projections().digest();
        // Its second leaf repeats a record already in the log: the records table refuses it after entries took theirs.
        Append bad = entries(2, 2, "web");
        List<Append.Leaf> leaves = new ArrayList<>(bad.leaves());
        leaves.set(1, new Append.Leaf(3, "web", "r0", leaves.get(1).data()));
        ProjectionChanges changes = new ProjectionChanges();
        changes.customers.add(new ProjectionChanges.Customer("c-new", 2));
        Append failing = new Append(2, leaves, bad.nodes(), bad.parts(), bad.newKeys(), changes, bad.batch(), bad.checkpoint());
        assertThatThrownBy(() -> ledger.append(failing)).isInstanceOf(StoreException.class);
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.latestCheckpoint()).contains(new StoredCheckpoint(2, "checkpoint 2"));
        assertThat(ledger.indexOf("web", "r2")).isEmpty();
        assertThat(ledger.sealedPart(2)).isEmpty();
        assertThat(ledger.wrappedKey("key-2")).isEmpty();
        assertThat(store.projections().customerExists("c-new")).isFalse();
        assertThat(store.projections().digest()).isEqualTo(projectionsBefore);
        // and the store takes the next good append at the same index
        ledger.append(entries(2, 2, "web"));
        assertThat(ledger.size()).isEqualTo(4);
    }

    @Test
    void whatWasAppendedIsThereAfterTheStoreIsClosedAndOpenedAgain() {
        StoreUnderTest first = fresh();
        first.ledger().append(entries(0, 3, "web"));
        first.close();
        LedgerStore ledger = again().ledger();
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.latestCheckpoint()).contains(new StoredCheckpoint(3, "checkpoint 3"));
        assertThat(ledger.indexOf("web", "r1")).isEqualTo(OptionalLong.of(1));
        ledger.append(entries(3, 1, "web"));
        assertThat(ledger.size()).isEqualTo(4);
    }

    @Test
    void erasureDeletesThePartsAndTheKeyButLeavesTheLog() throws IOException {
        LedgerStore ledger = fresh().ledger();
        ledger.append(entries(0, 3, "web"));
        Append next = entries(3, 1, "web");
        ledger.append(new Append(3, next.leaves(), next.nodes(), next.parts(), next.newKeys(), next.projections(), next.batch(),
                next.checkpoint(), new Append.Erasure(List.of(0L, 2L), List.of("key-0"))));
        assertThat(ledger.sealedPart(0)).isEmpty();
        assertThat(ledger.sealedPart(1)).isPresent();
        assertThat(ledger.sealedPart(2)).isEmpty();
        assertThat(ledger.wrappedKey("key-0")).isEmpty();
        assertThat(ledger.wrappedKey("key-3")).isPresent();
        assertThat(ledger.leaf(0)).asString(StandardCharsets.UTF_8).isEqualTo("{\"entry\":0}");
        assertThat(ledger.hashes().hash(0, 0)).isEqualTo(hash(0));
        assertThat(ledger.size()).isEqualTo(4);
    }

    @Test
    void readersOnOtherThreadsSeeEveryAppendThatReturned() throws Exception {
        LedgerStore ledger = fresh().ledger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            for (int b = 0; b < 20; b++) {
                ledger.append(entries(b * 5L, 5, "web"));
                long size = ledger.size();
                List<Future<Boolean>> seen = new ArrayList<>();
                for (int r = 0; r < 4; r++)
                    seen.add(readers.submit(() -> ledger.latestCheckpoint().orElseThrow().size() == size
                            && ledger.indexOf("web", "r" + (size - 1)).isPresent()));
                for (Future<Boolean> f : seen) assertThat(f.get()).isTrue();
            }
        } finally {
            readers.shutdownNow();
        }
    }
}
