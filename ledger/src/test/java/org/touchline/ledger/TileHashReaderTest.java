package org.touchline.ledger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
        /** Tiles read, and requests made for them (one request may read several). */
        int reads, requests;

        void append(List<StoredNode> nodes) {
            for (Tiles.Slice s : Tiles.slices(nodes)) {
                long key = (long) s.level() << 48 | s.index();
                byte[] held = tiles.getOrDefault(key, new byte[0]);
                assertThat(held.length).as("slice continues the tile").isEqualTo(s.from() * Hashes.SIZE);
                byte[] joined = Arrays.copyOf(held, held.length + s.hashes().length);
                System.arraycopy(s.hashes(), 0, joined, held.length, s.hashes().length);
                tiles.put(key, joined);
            }
        }

        TileHashReader reader() {
            return new TileHashReader(new TileHashReader.TileSource() {
                @Override
                public byte[] tile(int level, long index) {
                    reads++;
                    requests++;
                    return tiles.get((long) level << 48 | index);
                }

                @Override
                public List<byte[]> tiles(List<TilePath> wanted) {
                    reads += wanted.size();
                    requests++;
                    return wanted.stream().map(t -> tiles.get((long) t.level() << 48 | t.index())).toList();
                }
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

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aProofAsksForAllItsTilesInOneRequest(long seed) throws IOException {
        Random random = new Random(seed);
        int size = 65_537 + random.nextInt(70_000);
        TileStore store = new TileStore();
        List<StoredNode> nodes = new ArrayList<>();
        Frontier tree = Frontier.empty();
        InMemoryHashStore expected = new InMemoryHashStore();
        for (int i = 0; i < size; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i, (byte) (i >> 8), (byte) (i >> 16)}), n -> {
            nodes.add(n);
            expected.accept(n);
        });
        store.append(nodes);
        for (int k = 0; k < 20; k++) {
            long n = 2 + random.nextInt(size - 1), leaf = random.nextInt((int) n), old = 1 + random.nextInt((int) n);
            store.requests = 0;
            assertThat(MerkleTree.inclusionProof(leaf, n, store.reader()).hashes())
                    .usingElementComparator(Arrays::compare).containsExactlyElementsOf(MerkleTree.inclusionProof(leaf, n, expected).hashes());
            assertThat(store.requests).as("inclusion of %d in %d", leaf, n).isEqualTo(1);
            store.requests = 0;
            assertThat(MerkleTree.consistencyProof(old, n, store.reader()).hashes())
                    .usingElementComparator(Arrays::compare).containsExactlyElementsOf(MerkleTree.consistencyProof(old, n, expected).hashes());
            assertThat(store.requests).as("consistency of %d with %d", old, n).isLessThanOrEqualTo(1);
            store.requests = 0;
            assertThat(Frontier.load(n, store.reader()).root()).isEqualTo(MerkleTree.rootHash(n, expected));
            assertThat(store.requests).as("frontier of %d", n).isEqualTo(1);
        }
    }

    @Test
    void aBatchOverMoreTilesThanTheReaderKeepsIsAnsweredWhole() throws IOException {
        TileStore store = new TileStore();
        List<StoredNode> nodes = new ArrayList<>();
        Frontier tree = Frontier.empty();
        InMemoryHashStore expected = new InMemoryHashStore();
        for (int i = 0; i < 200 * Tiles.WIDTH; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i, (byte) (i >> 8), (byte) (i >> 16)}), n -> {
            nodes.add(n);
            expected.accept(n);
        });
        store.append(nodes);
        TileHashReader reader = store.reader();
        List<Subtree> asked = new ArrayList<>();
        for (int t = 0; t < 2 * TileHashReader.CACHED; t++) {
            reader.hash(0, (long) (199 - t % 100) * Tiles.WIDTH); // a cache already full of other tiles
            asked.add(new Subtree(0, (long) t * Tiles.WIDTH + t % Tiles.WIDTH));
        }
        store.requests = 0;
        List<byte[]> hashes = reader.hashes(asked);
        for (int i = 0; i < asked.size(); i++) assertThat(hashes.get(i)).isEqualTo(expected.hash(0, asked.get(i).index()));
        assertThat(store.requests).isEqualTo(1);
    }

    @Test
    void aHashAskedForInABatchThatIsNotStoredIsAnErrorNamingIt() {
        TileStore store = new TileStore();
        List<StoredNode> nodes = new ArrayList<>();
        Frontier tree = Frontier.empty();
        for (int i = 0; i < 300; i++) tree.append(Hashes.leafHash(new byte[]{(byte) i, (byte) (i >> 8)}), nodes::add);
        store.append(nodes);
        assertThatThrownBy(() -> store.reader().hashes(List.of(new Subtree(0, 5), new Subtree(0, 300))))
                .isInstanceOf(IOException.class).hasMessageContaining("level 0 index 300");
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
