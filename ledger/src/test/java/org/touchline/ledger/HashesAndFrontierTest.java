package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class HashesAndFrontierTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void emptyRootIsSha256OfNothing() {
        assertThat(HEX.formatHex(Hashes.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void leafHashPrefixesZeroByte() {
        // RFC 6962 test vector: the leaf hash of the empty leaf.
        assertThat(HEX.formatHex(Hashes.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void nodeHashPrefixesOneByte() {
        byte[] l = Hashes.leafHash(new byte[0]);
        byte[] r = Hashes.leafHash(new byte[] {0});
        byte[] input = new byte[65];
        input[0] = 1;
        System.arraycopy(l, 0, input, 1, 32);
        System.arraycopy(r, 0, input, 33, 32);
        assertThat(Hashes.nodeHash(l, r)).isEqualTo(Hashes.sha256(input));
    }

    @Test
    void emptyFrontierHasEmptyRoot() {
        assertThat(Frontier.empty().root()).isEqualTo(Hashes.emptyRoot());
        assertThat(Frontier.empty().size()).isZero();
    }

    @Test
    void appendEmitsTheLeafAndEveryCompletedNode() {
        Frontier f = Frontier.empty();
        List<StoredNode> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            f.append(Hashes.leafHash(new byte[] {(byte) i}), n -> { });
        }
        byte[] leaf3 = Hashes.leafHash(new byte[] {3});
        f.append(leaf3, nodes::add);
        assertThat(nodes).extracting(StoredNode::level, StoredNode::index)
                .containsExactly(Tuple.tuple(0, 3L),
                        Tuple.tuple(1, 1L),
                        Tuple.tuple(2, 0L));
        assertThat(nodes.get(2).hash()).isEqualTo(f.root());
    }

    @Test
    void copyIsIndependent() {
        Frontier f = Frontier.empty();
        f.append(Hashes.leafHash(new byte[] {1}), n -> { });
        Frontier copy = f.copy();
        byte[] before = copy.root();
        f.append(Hashes.leafHash(new byte[] {2}), n -> { });
        assertThat(copy.root()).isEqualTo(before);
        assertThat(copy.size()).isEqualTo(1);
        assertThat(f.size()).isEqualTo(2);
    }

    @Test
    void appendRejectsWrongLengthHash() {
        assertThatThrownBy(() -> Frontier.empty().append(new byte[31], n -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadReportsMissingStoredHash() {
        assertThatThrownBy(() -> Frontier.load(5, new InMemoryHashStore()))
                .isInstanceOf(IOException.class).hasMessageContaining("level 2 index 0");
    }

    @Test
    void storeRefusesOutOfOrderNodes() {
        InMemoryHashStore store = new InMemoryHashStore();
        assertThatThrownBy(() -> store.accept(new StoredNode(0, 1, new byte[32])))
                .isInstanceOf(IllegalStateException.class);
    }
}
