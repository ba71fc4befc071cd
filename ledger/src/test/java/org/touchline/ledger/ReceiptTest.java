package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReceiptTest {
    private static final String ORIGIN = "example.com/touchline";
    private static NoteSigner signer;
    private static InMemoryHashStore store;
    private static SignedNote checkpoint;
    private static final int SIZE = 1000;

    @BeforeAll
    static void setUp() throws IOException {
        signer = NoteSigner.parse(NoteKeys.generate(ORIGIN).signerKey());
        store = new InMemoryHashStore();
        Frontier f = Frontier.empty();
        for (int i = 0; i < SIZE; i++) {
            f.append(Hashes.leafHash(data(i)), store);
        }
        checkpoint = signer.sign(new Checkpoint(ORIGIN, SIZE, f.root()).body());
    }

    static byte[] data(int i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    static Receipt receipt(int index) throws IOException {
        return Receipt.of(MerkleTree.inclusionProof(index, SIZE, store), checkpoint);
    }

    @Test
    void encodingFollowsTheTlogProofLayout() throws IOException {
        Receipt r = receipt(733);
        String text = r.encode();
        String[] lines = text.split("\n", -1);
        assertThat(lines[0]).isEqualTo("c2sp.org/tlog-proof@v1");
        assertThat(lines[1]).isEqualTo("index 733");
        int proofLines = r.proof().size();
        assertThat(lines[2 + proofLines]).isEmpty();
        assertThat(text).endsWith("\n\n" + checkpoint.encode().substring(checkpoint.text().length() + 1))
                .contains("\n\n" + checkpoint.encode());
    }

    @Test
    void receiptRoundTripsWithAndWithoutExtra() throws IOException {
        Receipt r = receipt(0);
        assertThat(Receipt.parse(r.encode())).isEqualTo(r);
        Receipt withExtra = receipt(999).withExtra(new byte[] {1, 2, 3});
        assertThat(withExtra.encode()).contains("\nextra AQID\nindex 999\n");
        assertThat(Receipt.parse(withExtra.encode())).isEqualTo(withExtra);
    }

    @Test
    void receiptVerifiesForItsEntryAndReturnsTheCheckpoint() throws IOException {
        Checkpoint c = Receipt.parse(receipt(512).encode()).verify(data(512), signer.verifier(), ORIGIN);
        assertThat(c.size()).isEqualTo(SIZE);
    }

    @Test
    void receiptForAnotherEntryFails() throws IOException {
        Receipt r = receipt(512);
        assertThatThrownBy(() -> r.verify(data(513), signer.verifier())).isInstanceOf(ProofException.class)
                .hasMessageContaining("root hash");
    }

    @Test
    void receiptCheckedWithAnotherKeyFails() throws IOException {
        NoteVerifier other = NoteVerifier.parse(NoteKeys.generate(ORIGIN).verifierKey());
        assertThatThrownBy(() -> receipt(1).verify(data(1), other)).isInstanceOf(ProofException.class)
                .hasMessageContaining("no signature by key");
    }

    @Test
    void receiptWithForgedCheckpointSizeFails() throws IOException {
        String forged = receipt(5).encode().replace("\n" + SIZE + "\n", "\n" + (SIZE + 1) + "\n");
        assertThatThrownBy(() -> Receipt.parse(forged).verify(data(5), signer.verifier()))
                .isInstanceOf(ProofException.class).hasMessageContaining("invalid signature");
    }

    @Test
    void receiptFromAnotherOriginIsRejectedWhenOriginIsGiven() throws IOException {
        assertThatThrownBy(() -> receipt(5).verify(data(5), signer.verifier(), "other.example/log"))
                .isInstanceOf(ProofException.class).hasMessageContaining("origin");
    }

    @Test
    void malformedReceiptsAreRejectedNamingTheLine() throws IOException {
        String good = receipt(7).encode();
        assertThatThrownBy(() -> Receipt.parse(good.replace("tlog-proof@v1", "tlog-proof@v2"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Receipt.parse(good.replace("index 7", "index 07"))).hasMessageContaining("line 2 (index)");
        assertThatThrownBy(() -> Receipt.parse(good.replace("index 7", "idx 7"))).hasMessageContaining("line 2");
        String[] lines = good.split("\n", -1);
        String badHash = good.replace("\n" + lines[2] + "\n", "\n" + lines[2].substring(4) + "\n");
        assertThatThrownBy(() -> Receipt.parse(badHash)).hasMessageContaining("line 3");
        assertThatThrownBy(() -> Receipt.parse("c2sp.org/tlog-proof@v1\nindex 1\n")).hasMessageContaining("ends before line");
        assertThatThrownBy(() -> Receipt.parse(good.substring(0, good.length() - 1))).hasMessageContaining("checkpoint");
    }

    @Test
    void receiptNeedsMatchingTreeSize() throws IOException {
        InclusionProof p = MerkleTree.inclusionProof(1, SIZE - 1, store);
        assertThatThrownBy(() -> Receipt.of(p, checkpoint)).hasMessageContaining("tree size");
    }

    @Test
    void emptyProofReceiptForSingleEntryTreeVerifies() {
        Frontier f = Frontier.empty();
        f.append(Hashes.leafHash(data(0)), n -> { });
        SignedNote one = signer.sign(new Checkpoint(ORIGIN, 1, f.root()).body());
        Receipt r = new Receipt(0, List.of(), one, null);
        assertThat(Receipt.parse(r.encode()).verify(data(0), signer.verifier()).size()).isEqualTo(1);
    }
}
