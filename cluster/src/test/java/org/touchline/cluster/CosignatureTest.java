package org.touchline.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.SignedNote;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C2SP tlog-cosignature v1 (Ed25519): the format, checked against values made by an independent implementation. */
class CosignatureTest {
    /** The spec's example checkpoint body. */
    static final String BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    /** RFC 8032 test 1's secret key, named as the spec's example witness. */
    static final String SIGNER = "PRIVATE+KEY+witness.example.com/w1+92898dc2+AZ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
    /**
     * The verifier key and the cosignature at the spec's time 1679315147, computed with Python's cryptography package
     * (OpenSSL's Ed25519) from the spec's text alone: key ID over {@code name \n 0x04 key}, message
     * {@code cosignature/v1\ntime 1679315147\n} then the body, signature {@code key ID || u64 time || Ed25519}.
     */
    static final String VKEY = "witness.example.com/w1+7e6f4aaa+BNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";
    static final String LINE = "\u2014 witness.example.com/w1 fm9KqgAAAABkGFDL+TPmh4BYuAjsYRoqMJCWb/gWJaeRF/kmm5tlCr9sJ57DLErur7K0yDXc2ArN+TIuotuB/HbuL3AJsp3bv/aNCQ==";

    @TempDir Path tmp;

    @Test
    void cosigningTheSpecsCheckpointGivesTheIndependentlyComputedLine() {
        Cosigner c = new Cosigner(NoteSigner.parse(SIGNER));
        assertThat(c.verifierKey()).isEqualTo(VKEY);
        assertThat(c.cosign(BODY, 1679315147L).line()).isEqualTo(LINE);
    }

    @Test
    void theIndependentlyComputedLineVerifiesAndCarriesItsTime() {
        SignedNote note = SignedNote.parse(BODY + "\n" + LINE + "\n");
        assertThat(CosignatureVerifier.parse(VKEY).verify(BODY, note.signatures().get(0))).isEqualTo(1679315147L);
    }

    @Test
    void theSpecsOwnExampleLineCarriesTheTimeOfItsExampleMessage() {
        // The spec's example cosignature (its key is not published): key ID, then time 1679315147 big-endian.
        byte[] raw = Base64.getDecoder().decode("jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==");
        assertThat(raw).hasSize(4 + 8 + 64);
        assertThat(ByteBuffer.wrap(raw, 4, 8).getLong()).isEqualTo(1679315147L);
    }

    @Test
    void aCosignatureOfAnotherRootDoesNotVerify() {
        NoteSignature s = SignedNote.parse(BODY + "\n" + LINE + "\n").signatures().get(0);
        String other = BODY.replace("CsUY", "DsUY");
        assertThatThrownBy(() -> CosignatureVerifier.parse(VKEY).verify(other, s))
                .hasMessage("the cosignature of witness.example.com/w1 does not verify");
    }

    @Test
    void aCosignatureTimeIsPartOfWhatIsSigned() {
        byte[] raw = SignedNote.parse(BODY + "\n" + LINE + "\n").signatures().get(0).signature();
        raw[7] ^= 1; // the timestamp's low byte
        NoteSignature moved = new NoteSignature("witness.example.com/w1", 0x7e6f4aaa, raw);
        assertThatThrownBy(() -> CosignatureVerifier.parse(VKEY).verify(BODY, moved)).hasMessageContaining("does not verify");
    }

    @Test
    void aNoteSignatureOfTheSameKeyIsNotACosignature() {
        // The log-key signature (type 0x01) has another key ID: a cosigner's verifier ignores it.
        NoteSigner log = NoteSigner.parse(SIGNER);
        assertThat(CosignatureVerifier.parse(VKEY).matches(log.signature(BODY))).isFalse();
    }

    @Test
    void aVerifierKeyWhoseIdDoesNotMatchIsRefusedNamingTheCosigner() {
        assertThatThrownBy(() -> CosignatureVerifier.parse(VKEY.replace("+7e6f4aaa+", "+7e6f4aab+")))
                .hasMessageContaining("cosigner key of witness.example.com/w1: key ID 7e6f4aab does not match");
        assertThatThrownBy(() -> CosignatureVerifier.parse(NoteSigner.parse(SIGNER).verifierKey()))
                .hasMessageContaining("not a tlog-cosignature v1 Ed25519 key (type 0x04");
    }

    @Test
    void aNodesCosignerKeyIsMadeOnceAndKept() throws Exception {
        Cosigner first = Cosigner.openOrCreate(tmp, "node-a.example");
        assertThat(Cosigner.openOrCreate(tmp, "node-a.example").verifierKey()).isEqualTo(first.verifierKey());
        assertThatThrownBy(() -> Cosigner.openOrCreate(tmp, "node-b.example")).hasMessageContaining("holds the cosigner key of node-a.example");
        assertThat(CosignatureVerifier.parse(first.verifierKey()).verify(BODY, first.cosign(BODY, 5))).isEqualTo(5);
        assertThat(NoteKeys.generate("x").signerKey()).isNotEqualTo(first.verifierKey());
    }
}
