package org.touchline.contracts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed contract is posted to a node to deploy it: any text either decodes to a contract that encodes back to the
 * same text, or is refused with a ContractException; it verifies only when it carries the trusted key's own signature
 * of exactly that definition. Corpus: {@code SignedContractFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class SignedContractFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void decodesToTheSameTextAndVerifiesOnlyWhenSigned(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SignedContract c;
        try {
            c = SignedContract.parse(text);
        } catch (ContractException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(c.encode()).isEqualTo(text);
        List<String> signers;
        try {
            signers = c.verify(List.of(Admins.SIGNER.verifier()));
        } catch (ContractException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(signers).containsExactly(Admins.SIGNER.name());
        assertThat(c.note().signatures()).contains(Admins.SIGNER.signature(c.note().text()));
    }
}
