package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    private static final String ROOT_B64 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void bodyIsOriginSizeRootAndExtensionLines() {
        Checkpoint c = new Checkpoint("example.com/behind-the-sofa", 20852163, Base64.getDecoder().decode(ROOT_B64),
                List.of("ext one"));
        assertThat(c.body()).isEqualTo("example.com/behind-the-sofa\n20852163\n" + ROOT_B64 + "\next one\n");
    }

    @Test
    void specExampleParses() {
        Checkpoint c = Checkpoint.parse("example.com/behind-the-sofa\n20852163\n" + ROOT_B64 + "\n");
        assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(c.size()).isEqualTo(20852163);
        assertThat(c.rootHash()).isEqualTo(Base64.getDecoder().decode(ROOT_B64));
        assertThat(c.extensions()).isEmpty();
    }

    @Test
    void parseRoundTripsWithExtensions() {
        Checkpoint c = new Checkpoint("log", 0, Hashes.emptyRoot(), List.of("a", "b c"));
        assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
    }

    @Test
    void signedCheckpointVerifiesAndParses() {
        NoteSigner signer = NoteSigner.parse(SignedNoteTest.PETER_SKEY);
        Checkpoint c = new Checkpoint("PeterNeumann", 5, Hashes.emptyRoot());
        SignedNote note = SignedNote.parse(signer.sign(c.body()).encode());
        assertThat(Checkpoint.parse(NoteVerifier.parse(SignedNoteTest.PETER_VKEY).verify(note).text())).isEqualTo(c);
    }

    @Test
    void missingFinalNewlineIsRejected() {
        assertThatThrownBy(() -> Checkpoint.parse("log\n1\n" + ROOT_B64)).hasMessageContaining("newline");
    }

    @Test
    void tooFewLinesAreRejected() {
        assertThatThrownBy(() -> Checkpoint.parse("log\n1\n")).hasMessageContaining("2 line(s)");
    }

    @Test
    void emptyOriginIsRejected() {
        assertThatThrownBy(() -> Checkpoint.parse("\n1\n" + ROOT_B64 + "\n")).hasMessageContaining("line 1 (origin)");
    }

    @Test
    void sizeWithLeadingZeroSignOrLettersIsRejected() {
        for (String size : List.of("01", "-1", "+1", "1a", "", " 1", "99999999999999999999")) {
            assertThatThrownBy(() -> Checkpoint.parse("log\n" + size + "\n" + ROOT_B64 + "\n"))
                    .as(size).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2 (tree size)");
        }
    }

    @Test
    void rootThatIsNotBase64Of32BytesIsRejected() {
        for (String root : List.of("not base64!", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I", "AAAA", "")) {
            assertThatThrownBy(() -> Checkpoint.parse("log\n1\n" + root + "\n"))
                    .as(root).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3 (root hash)");
        }
    }

    @Test
    void emptyExtensionLineIsRejected() {
        assertThatThrownBy(() -> Checkpoint.parse("log\n1\n" + ROOT_B64 + "\n\next\n"))
                .hasMessageContaining("line 4 (extension)");
    }

    @Test
    void constructorRejectsNewlinesInOrigin() {
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, Hashes.emptyRoot())).isInstanceOf(IllegalArgumentException.class);
    }
}
