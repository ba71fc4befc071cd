package org.touchline.contracts;

import org.junit.jupiter.api.Test;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedContractTest {
    private static final NoteSigner ALICE = NoteSigner.parse(NoteKeys.generate("admin.example.com/alice").signerKey());
    private static final NoteSigner BOB = NoteSigner.parse(NoteKeys.generate("admin.example.com/bob").signerKey());
    private static final NoteSigner MALLORY = NoteSigner.parse(NoteKeys.generate("admin.example.com/alice").signerKey()); // same name, other key
    private final ContractDefinition five = ContractDefinition.parse(Contracts.FIVE_STAR, "t");

    @Test
    void aSignedContractIsASignedNoteOfItsCanonicalDefinition() {
        SignedContract signed = SignedContract.sign(five, ALICE);

        assertThat(signed.note().text()).isEqualTo("touchline/contract/v1\nreward-five-star 1\nsha256 " + five.sha256() + "\n" + five.canonicalJson() + "\n");
        assertThat(signed.encode()).contains("\n\n\u2014 admin.example.com/alice ");
        SignedContract back = SignedContract.parse(signed.encode());
        assertThat(back.definition()).isEqualTo(five);
        assertThat(back.verify(List.of(ALICE.verifier()))).containsExactly("admin.example.com/alice");
    }

    @Test
    void aDefinitionAlteredAfterSigningIsDetected() {
        String encoded = SignedContract.sign(five, ALICE).encode();

        String richer = encoded.replace("\"amount\":50", "\"amount\":5000");
        assertThatThrownBy(() -> SignedContract.parse(richer))
                .isInstanceOf(ContractException.class).hasMessage("signed contract reward-five-star@1: the hash line does not match the definition (altered after signing?)");

        ContractDefinition altered = ContractDefinition.parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: 5000"), "t");
        String rehashed = richer.replace(five.sha256(), altered.sha256());
        SignedContract parsed = SignedContract.parse(rehashed); // consistent text, but not what Alice signed
        assertThatThrownBy(() -> parsed.verify(List.of(ALICE.verifier())))
                .hasMessageStartingWith("signed contract reward-five-star@1: invalid signature for key admin.example.com/alice+");

        String reordered = encoded.replace("{\"actions\"", "{ \"actions\"");
        assertThatThrownBy(() -> SignedContract.parse(reordered)).hasMessageContaining("not in canonical form");
    }

    @Test
    void onlyTrustedAdministratorKeysCount() {
        SignedContract byMallory = SignedContract.sign(five, MALLORY);

        assertThatThrownBy(() -> byMallory.verify(List.of(ALICE.verifier(), BOB.verifier())))
                .hasMessage("signed contract reward-five-star@1: not signed by a trusted administrator key (signed by: admin.example.com/alice)");
        assertThatThrownBy(() -> SignedContract.sign(five, ALICE).verify(List.of()))
                .hasMessageContaining("not signed by a trusted administrator key");
    }

    @Test
    void aSecondAdministratorCanCosign() {
        SignedContract both = SignedContract.parse(SignedContract.sign(five, ALICE).cosign(BOB).encode());

        assertThat(both.verify(List.of(BOB.verifier(), ALICE.verifier()))).containsExactly("admin.example.com/bob", "admin.example.com/alice");
        assertThat(both.verify(List.of(BOB.verifier()))).containsExactly("admin.example.com/bob");
    }

    @Test
    void theEngineDeploysOnlyContractsSignedByATrustedAdministrator() {
        ContractEngine engine = new ContractEngine();
        List<NoteVerifier> admins = List.of(ALICE.verifier());

        assertThatThrownBy(() -> engine.deploy(SignedContract.sign(five, BOB), admins)).hasMessageContaining("not signed by a trusted administrator key");
        assertThat(engine.deployments()).isEmpty();
        assertThat(engine.deploy(SignedContract.sign(five, ALICE), admins).sha256()).isEqualTo(five.sha256());
    }

    @Test
    void somethingThatIsNotASignedContractIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SignedContract.parse("hello\n")).hasMessageStartingWith("signed contract: not a signed note:");
        String other = ALICE.sign("touchline/checkpoint\n1\n").encode();
        assertThatThrownBy(() -> SignedContract.parse(other)).hasMessageStartingWith("signed contract: expected 4 lines of text");
    }
}
