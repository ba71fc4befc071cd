package org.touchline.ledger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tree hashes kept as tlog-tiles hash tiles read back exactly as one row per tree node did, one read per tile. */
class TileHashReaderTest {

    /** Tiles as a store keeps them: the slices of each append joined onto the partial tile they continue. */
    private static final class TileStore {
        final Map<Long, byte[]> tiles = new HashMap<>();
        int reads;

        void append(List<StoredNode> nodes) {
            for (Tiles.Slice s : Tiles.slices(nodes)) {
                long key = (long) s.level() << 48 | s.index();
                byte[] held = tiles.getOrDefault(key, new byte[0]);
                assertThat(held.length).as("slice continues the tile").isEqualTo(s.from() * Hashes.SIZE);
                byte[] joined = java.util.Arrays.copyOf(held, held.length + s.hashes().length);
                System.arraycopy(s.hashes(), 0, joined, held.length, s.hashes().length);
                tiles.put(key, joined);
            }
        }

        TileHashReader reader() {
            return new TileHashReader((level, index) -> {
                reads++;
                return tiles.get((long) level << 48 | index);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyCompleteSubtreeHashReadsBackWhateverTheGroups(long seed) throws IOException {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(70_000);
        Frontier tree = Frontier.empty();
        InMemoryHashStore expected = new InMemoryHashStore();
        TileStore store = new TileStore();
        for (int appended = 0; appended < size; ) {
            int group = Math.min(size - appended, 1 + random.nextInt(random.nextBoolean() ? 3 : 3_000));
            List<StoredNode> nodes = new ArrayList<>();
            for (int k = 0; k < group; k++) {
                byte[] leaf = Hashes.leafHash(("leaf " + (appended + k)).getBytes());
                tree.append(leaf, n -> {
                    nodes.add(n);
                    expected.accept(n);
                });
            }
            store.append(nodes);
            appended += group;
        }
        TileHashReader reader = store.reader();
        for (int level = 0; (size >>> level) > 0; level++)
            for (long i = 0; i < size >>> level; i += 1 + random.nextInt(7))
                assertThat(reader.hash(level, i)).as("level %d index %d of %d leaves", level, i, size).isEqualTo(expected.hash(level, i));
        assertThat(MerkleTree.rootHash(size, store.reader())).isEqualTo(tree.root());
        assertThatThrownBy(() -> reader.hash(0, size)).isInstanceOf(IOException.class).hasMessageContaining("level 0 index " + size);
    }

    @Test
    void anInclusionProofReadsEachTileOnce() throws IOException {
        TileStore store = new TileStore();
        List<StoredNode> nodes = new ArrayList<>();
        Frontier tree = Frontier.empty();
        for (int i = 0; i < 70_000; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i, (byte) (i >> 8)}), nodes::add);
        store.append(nodes);
        store.reads = 0;
        InclusionProof proof = MerkleTree.inclusionProof(12_345, 70_000, store.reader());
        ProofVerifier.verifyInclusion(Hashes.leafHash(new byte[]{(byte) 12_345, (byte) (12_345 >> 8)}), 12_345, 70_000, proof.hashes(), tree.root());
        // 17 hashes from tiles 0/48 (the leaf's), 1/0 and 2/0 and the right edge's partial tiles: a read per tile, not per hash.
        assertThat(proof.hashes()).hasSize(17);
        assertThat(store.reads).isLessThanOrEqualTo(6);
    }

    @Test
    void aServedTileIsOneRead() throws IOException {
        TileStore store = new TileStore();
        List<StoredNode> nodes = new ArrayList<>();
        Frontier tree = Frontier.empty();
        InMemoryHashStore expected = new InMemoryHashStore();
        for (int i = 0; i < 1_000; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i, (byte) (i >> 8)}), n -> {
            nodes.add(n);
            expected.accept(n);
        });
        store.append(nodes);
        store.reads = 0;
        assertThat(Tiles.hashTile(TilePath.parse("tile/0/003.p/232"), 1_000, store.reader()))
                .isEqualTo(Tiles.hashTile(TilePath.parse("tile/0/003.p/232"), 1_000, expected));
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void aPartialTileIsReadAgainWhenItHasGrown() throws IOException {
        TileStore store = new TileStore();
        Frontier tree = Frontier.empty();
        List<StoredNode> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i}), first::add);
        store.append(first);
        TileHashReader reader = store.reader();
        reader.hash(0, 9);
        List<StoredNode> more = new ArrayList<>();
        for (int i = 10; i < 20; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i}), more::add);
        store.append(more);
        assertThat(reader.hash(0, 19)).isEqualTo(Hashes.leafHash(new byte[]{19}));
        assertThat(store.reads).isEqualTo(2);
    }

    @Test
    void slicesRefuseNodesThatSkipAnIndex() {
        List<StoredNode> nodes = List.of(new StoredNode(0, 0, new byte[32]), new StoredNode(0, 2, new byte[32]));
        assertThatThrownBy(() -> Tiles.slices(nodes)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 2");
    }
}
