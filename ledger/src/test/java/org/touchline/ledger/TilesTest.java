package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TilesTest {
    private static final int SIZE = 70_000; // the tlog-tiles spec's example tree size
    private static InMemoryHashStore store;
    private static List<byte[]> leaves;

    @BeforeAll
    static void buildTree() {
        store = new InMemoryHashStore();
        leaves = new ArrayList<>();
        Frontier f = Frontier.empty();
        for (int i = 0; i < SIZE; i++) {
            byte[] leaf = Hashes.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            f.append(leaf, store);
        }
    }

    @Test
    void specExampleIndexIsEncodedInThreeDigitGroups() {
        assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TilePath.encodeIndex(0)).isEqualTo("000");
        assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
    }

    @Test
    void pathsFormatLikeTheSpec() {
        assertThat(TilePath.hashes(0, 1234067, 256).path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(TilePath.hashes(1, 1234067, 8).path()).isEqualTo("tile/1/x001/x234/067.p/8");
        assertThat(TilePath.entries(1234067, 256).path()).isEqualTo("tile/entries/x001/x234/067");
        assertThat(TilePath.entries(5, 17).path()).isEqualTo("tile/entries/005.p/17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tile/0/x001/x234/067", "tile/0/x001/x234/067.p/8", "tile/entries/x001/x234/067.p/255",
            "tile/63/000", "tile/entries/000", "tile/2/999.p/1", "tile/5/x009/x223/x372/x036/x854/x775/807"})
    void validPathsRoundTrip(String path) {
        assertThat(TilePath.parse(path).path()).isEqualTo(path);
    }

    @Test
    void randomIndicesRoundTrip() {
        Random rnd = new Random(7);
        for (int i = 0; i < 1000; i++) {
            long index = rnd.nextInt(4) == 0 ? rnd.nextLong() & Long.MAX_VALUE : rnd.nextInt(5_000_000);
            TilePath t = new TilePath(rnd.nextBoolean(), 0, index, 1 + rnd.nextInt(256));
            assertThat(TilePath.parse(t.path())).isEqualTo(t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiles/0/000", "tile/00/000", "tile/64/000", "tile/-1/000", "tile/0/1", "tile/0/0000",
            "tile/0/x000/001", "tile/0/001/002", "tile/0/x1/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/08",
            "tile/0/000.p/", "tile/0/", "tile/0", "tile/entries/", "tile/0/000/", "tile/data/000",
            "tile/0/x009/x223/x372/x036/x854/x775/x808/000"})
    void invalidPathsAreRejected(String path) {
        assertThatThrownBy(() -> TilePath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path.isEmpty() ? "" : "\"");
    }

    @Test
    void levelZeroTileIsTheConcatenatedLeafHashes() throws IOException {
        byte[] tile = Tiles.hashTile(0, 3, 256, SIZE, store);
        assertThat(tile).hasSize(256 * 32);
        for (int i = 0; i < 256; i++) {
            assertThat(Arrays.copyOfRange(tile, i * 32, i * 32 + 32)).isEqualTo(leaves.get(3 * 256 + i));
        }
    }

    @Test
    void levelOneTileHoldsRootsOfFullLevelZeroTiles() throws IOException {
        byte[] tile = Tiles.hashTile(1, 1, 17, SIZE, store);
        Rfc6962Reference reference = new Rfc6962Reference(leaves);
        for (int i = 0; i < 17; i++) {
            int lo = (256 + i) * 256;
            assertThat(Arrays.copyOfRange(tile, i * 32, i * 32 + 32)).isEqualTo(reference.mth(lo, lo + 256));
        }
    }

    @Test
    void specExampleTilesOfSize70000AreServedAndNoWiderOnes() throws IOException {
        assertThat(Tiles.hashTile(0, 272, 256, SIZE, store)).hasSize(8192);
        assertThat(Tiles.hashTile(0, 273, 112, SIZE, store)).hasSize(112 * 32);
        assertThat(Tiles.hashTile(1, 0, 256, SIZE, store)).hasSize(8192);
        assertThat(Tiles.hashTile(TilePath.parse("tile/1/001.p/17"), SIZE, store)).hasSize(17 * 32);
        assertThat(Tiles.hashTile(2, 0, 1, SIZE, store)).hasSize(32);
        assertThatThrownBy(() -> Tiles.hashTile(0, 273, 113, SIZE, store)).hasMessageContaining("not within a tree of size 70000");
        assertThatThrownBy(() -> Tiles.hashTile(0, 273, 256, SIZE, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.hashTile(1, 1, 18, SIZE, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.hashTile(2, 0, 2, SIZE, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.hashTile(3, 0, 1, SIZE, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tiles.hashTile(0, Long.MAX_VALUE, 1, SIZE, store)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partialTileOfAnOlderTreeSizeIsAPrefixOfTheFullTile() throws IOException {
        byte[] full = Tiles.hashTile(0, 5, 256, SIZE, store);
        byte[] partial = Tiles.hashTile(0, 5, 10, 5 * 256 + 10, store);
        assertThat(partial).isEqualTo(Arrays.copyOf(full, 320));
    }

    @Test
    void entryBundleIsUint16LengthPrefixedEntries() {
        byte[] bundle = Tiles.entryBundle(List.of(new byte[] {1, 2, 3}, new byte[0], new byte[300]));
        assertThat(Arrays.copyOf(bundle, 7)).containsExactly(0, 3, 1, 2, 3, 0, 0);
        assertThat(bundle[7]).isEqualTo((byte) 1);
        assertThat(bundle[8]).isEqualTo((byte) 44);
        assertThat(bundle).hasSize(5 + 2 + 302);
        assertThat(Tiles.parseEntryBundle(bundle)).hasSize(3).element(2).satisfies(e -> assertThat(e).hasSize(300));
    }

    @Test
    void entryLongerThan65535BytesIsRejected() {
        assertThatThrownBy(() -> Tiles.entryBundle(List.of(new byte[65536]))).hasMessageContaining("65535");
    }

    @Test
    void truncatedEntryBundleIsRejected() {
        assertThatThrownBy(() -> Tiles.parseEntryBundle(new byte[] {0, 5, 1})).hasMessageContaining("entry 0");
    }
}
