package org.touchline.ledger;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed notes (checkpoints, cosignatures, receipts' checkpoints) and verifier keys arrive from outside. Each parser
 * returns a value that encodes back to exactly the text it read, or refuses with an IllegalArgumentException; a
 * verifier accepts a note only when it carries this key's own signature of its text, and otherwise throws
 * ProofException. Corpus and regression inputs: {@code SignedNoteFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class SignedNoteFuzzTest {
    // A fixed seed: the corpus holds notes this key signed, so the fuzzer can start from valid signatures.
    private static final NoteSigner SIGNER = new NoteSigner("fuzz.example/log", NoteKeys.keyPairFromSeed(new byte[32]));
    private static final NoteVerifier VERIFIER = SIGNER.verifier();

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void noteParsesToTheSameTextOrRefuses(byte[] input) {
        SignedNote note;
        try {
            note = SignedNote.parse(input);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(note.encode().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
        try {
            VERIFIER.verify(note);
        } catch (ProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // Ed25519 signatures are deterministic: an accepted note carries exactly the signature this key makes.
        assertThat(note.signatures()).contains(SIGNER.signature(note.text()));
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void verifierKeyParsesToTheSameTextOrRefuses(byte[] input) {
        String key = new String(input, StandardCharsets.UTF_8);
        NoteVerifier v;
        try {
            v = NoteVerifier.parse(key);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // Key IDs are read as Go reads them, in either case; the rest of the key has one spelling.
        String[] parts = key.split("\\+", 3);
        assertThat(v.verifierKey()).isEqualTo(parts[0] + "+" + parts[1].toLowerCase(Locale.ROOT) + "+" + parts[2]);
    }
}
