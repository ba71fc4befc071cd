package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C2SP signed-note with the known-answer vectors of Go's golang.org/x/mod/sumdb/note tests. */
class SignedNoteTest {
    // From golang.org/x/mod/sumdb/note/note_test.go (BSD-style licence, The Go Authors).
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void signerKeyFromGoDerivesGoVerifierKey() {
        NoteSigner signer = NoteSigner.parse(PETER_SKEY);
        assertThat(signer.name()).isEqualTo("PeterNeumann");
        assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
        assertThat(signer.verifierKey()).isEqualTo(PETER_VKEY);
        assertThat(signer.signerKey()).isEqualTo(PETER_SKEY);
    }

    @Test
    void signingGoTextGivesGoSignedNoteByteForByte() {
        SignedNote note = NoteSigner.parse(PETER_SKEY).sign(TEXT);
        assertThat(note.encode()).isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void goNoteWithTwoSignaturesParsesAndEachKeyVerifies() {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures()).extracting(NoteSignature::name).containsExactly("PeterNeumann", "EnochRoot");
        assertThat(note.signatures().get(1).keyId()).isEqualTo(0xaf0cfe78);
        assertThatCode(() -> NoteVerifier.parse(PETER_VKEY).verify(note)).doesNotThrowAnyException();
        assertThatCode(() -> NoteVerifier.parse(ENOCH_VKEY).verify(note)).doesNotThrowAnyException();
        assertThat(note.encode()).isEqualTo(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
    }

    @Test
    void verifierWithoutASignatureInTheNoteRejectsIt() {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);
        assertThatThrownBy(() -> NoteVerifier.parse(ENOCH_VKEY).verify(note))
                .isInstanceOf(ProofException.class).hasMessageContaining("no signature by key EnochRoot+af0cfe78");
    }

    @Test
    void corruptedSignatureByKnownKeyIsRejected() {
        String bad = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        assertThatThrownBy(() -> NoteVerifier.parse(PETER_VKEY).verify(bad))
                .isInstanceOf(ProofException.class).hasMessageContaining("invalid signature for key PeterNeumann+c74f20a3");
    }

    @Test
    void changedTextIsRejected() {
        String bad = TEXT.replace("answer", "ANSWER") + "\n" + PETER_SIG;
        assertThatThrownBy(() -> NoteVerifier.parse(PETER_VKEY).verify(bad)).isInstanceOf(ProofException.class);
    }

    @Test
    void signatureWithSameNameButOtherKeyIdIsIgnored() {
        String other = PETER_SIG.replace("x08g", "xxxx");
        assertThatThrownBy(() -> NoteVerifier.parse(PETER_VKEY).verify(TEXT + "\n" + other))
                .isInstanceOf(ProofException.class).hasMessageContaining("no signature");
    }

    @Test
    void malformedNotesFromGoTestsAreRejected() {
        List<String> bad = List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n");
        for (String note : bad) {
            assertThatThrownBy(() -> SignedNote.parse(note)).as(note).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] invalidUtf8 = ("\u00ff" + TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> SignedNote.parse(invalidUtf8)).hasMessageContaining("UTF-8");
    }

    @Test
    void everySingleCharacterChangeOfAVerifierKeyIsRejected() {
        char[] key = PETER_VKEY.toCharArray();
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            String mangled = new String(key);
            assertThatThrownBy(() -> NoteVerifier.parse(mangled)).as(mangled).isInstanceOf(IllegalArgumentException.class);
            key[i]--;
        }
        for (int i = 0; i < key.length; i++) {
            String truncated = PETER_VKEY.substring(0, i);
            assertThatThrownBy(() -> NoteVerifier.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everySingleCharacterChangeOfASignerKeyIsRejected() {
        char[] key = PETER_SKEY.toCharArray();
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            String mangled = new String(key);
            assertThatThrownBy(() -> NoteSigner.parse(mangled)).as(mangled).isInstanceOf(IllegalArgumentException.class);
            key[i]--;
        }
    }

    @Test
    void goKeysWithWrongLengthOrAlgorithmAreRejected() {
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Ed25519 key");
    }

    @Test
    void generatedKeysSignAndVerifyAndRoundTripThroughText() {
        NoteKeys keys = NoteKeys.generate("example.com/touchline");
        NoteSigner signer = NoteSigner.parse(keys.signerKey());
        NoteVerifier verifier = NoteVerifier.parse(keys.verifierKey());
        assertThat(signer.verifierKey()).isEqualTo(keys.verifierKey());
        assertThat(signer.signerKey()).isEqualTo(keys.signerKey());
        SignedNote note = signer.sign("hello\nworld\n");
        assertThatCode(() -> verifier.verify(SignedNote.parse(note.encode()))).doesNotThrowAnyException();
        assertThat(keys.toString()).doesNotContain(keys.signerKey());
    }

    @Test
    void signerFromJdkKeyPairVerifiesWithItsPublicKey() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner signer = new NoteSigner("log.example", pair);
        NoteVerifier verifier = NoteVerifier.of("log.example", pair.getPublic());
        assertThat(verifier.verifierKey()).isEqualTo(signer.verifierKey());
        assertThatCode(() -> verifier.verify(signer.sign("x\n"))).doesNotThrowAnyException();
    }

    @Test
    void signingAgainReplacesTheSameKeysSignatureAndKeepsOthers() {
        SignedNote note = SignedNote.parse(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
        SignedNote resigned = NoteSigner.parse(PETER_SKEY).sign(note);
        assertThat(resigned.encode()).isEqualTo(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a+b", "a b", "a\u00a0b", "tab\tname"})
    void invalidKeyNamesAreRejected(String name) {
        assertThatThrownBy(() -> NoteKeys.generate(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid key name");
    }

    @Test
    void textWithoutFinalNewlineCannotBeSigned() {
        NoteSigner signer = NoteSigner.parse(PETER_SKEY);
        assertThatThrownBy(() -> signer.sign("abc")).hasMessageContaining("newline");
    }

    @Test
    void sixteenSignaturesAreAccepted() {
        StringBuilder sb = new StringBuilder(TEXT).append('\n');
        for (int i = 0; i < 15; i++) {
            sb.append(ENOCH_SIG.replace("EnochRoot", "witness" + i));
        }
        sb.append(PETER_SIG);
        SignedNote note = SignedNote.parse(sb.toString());
        assertThat(note.signatures()).hasSize(16);
        assertThatCode(() -> NoteVerifier.parse(PETER_VKEY).verify(note)).doesNotThrowAnyException();
    }
}
