package org.touchline.ledger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receipt (c2sp.org/tlog-proof) is handed back by whoever holds it: {@link Receipt#parse} returns a receipt that
 * encodes to exactly the text it read, or refuses it with IllegalArgumentException; verifying it against this log's
 * key passes only for the log's own proof of the entry, and otherwise throws ProofException.
 * Corpus: {@code ReceiptFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class ReceiptFuzzTest {
    static final String ORIGIN = "fuzz.example/log";
    static final int SIZE = 20;
    static final NoteSigner SIGNER = new NoteSigner(ORIGIN, NoteKeys.keyPairFromSeed(new byte[32]));
    static final InMemoryHashStore STORE = new InMemoryHashStore();
    static final SignedNote CHECKPOINT;

    static {
        Frontier f = Frontier.empty();
        for (int i = 0; i < SIZE; i++) f.append(Hashes.leafHash(entry(i)), STORE);
        CHECKPOINT = SIGNER.sign(new Checkpoint(ORIGIN, SIZE, f.root()).body());
    }

    static byte[] entry(long i) {
        return ("entry " + i).getBytes(StandardCharsets.UTF_8);
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void parsesToTheSameTextAndVerifiesOnlyWhenTrue(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Receipt r;
        try {
            r = Receipt.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(r.encode()).isEqualTo(text);
        try {
            r.verify(entry(r.index()), SIGNER.verifier(), ORIGIN);
        } catch (ProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        try {
            assertThat(r.proof()).containsExactlyElementsOf(MerkleTree.inclusionProof(r.index(), SIZE, STORE).hashes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
