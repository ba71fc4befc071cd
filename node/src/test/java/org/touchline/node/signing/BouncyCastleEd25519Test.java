package org.touchline.node.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.ledger.Ed25519Engine;
import org.touchline.ledger.JdkEd25519;
import org.touchline.ledger.NoteSigner;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's Ed25519 gives the JDK's signatures byte for byte, and RFC 8032's. */
class BouncyCastleEd25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private final Ed25519Engine fast = new BouncyCastleEd25519();
    private final Ed25519Engine jdk = new JdkEd25519();

    @Test
    void isTheEngineTheLedgerFindsOnTheNodesClassPath() {
        assertThat(Ed25519Engine.installed()).isInstanceOf(BouncyCastleEd25519.class);
    }

    /** RFC 8032 section 7.1, TEST 1 to TEST 3. */
    @ParameterizedTest
    @CsvSource({
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', "
                    + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, "
                    + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82, "
                    + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"})
    void signsAndVerifiesRfc8032sVectors(String secret, String publicKey, String message, String signature) {
        byte[] seed = HEX.parseHex(secret), key = HEX.parseHex(publicKey), text = HEX.parseHex(message), expected = HEX.parseHex(signature);
        assertThat(fast.sign(seed, key, text)).isEqualTo(expected);
        assertThat(fast.verify(key, text, expected)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void givesTheJdksSignatureForTheSameKeyAndMessage(long seed) {
        Random random = new Random(seed);
        NoteSigner signer = seededSigner(random);
        byte[] message = new byte[random.nextInt(600)];
        random.nextBytes(message);
        byte[] mine = signer.sign(message);
        byte[] publicKey = rawPublicKey(signer);
        assertThat(jdk.verify(publicKey, message, mine)).isTrue();
        assertThat(fast.verify(publicKey, message, mine)).isTrue();
        byte[] theirs = jdk.sign(seedOf(signer), publicKey, message);
        assertThat(mine).isEqualTo(theirs);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void refusesWhatTheJdkRefuses(long seed) {
        Random random = new Random(seed);
        NoteSigner signer = seededSigner(random);
        byte[] message = new byte[1 + random.nextInt(300)];
        random.nextBytes(message);
        byte[] signature = signer.sign(message);
        byte[] tampered = signature.clone();
        tampered[random.nextInt(tampered.length)] ^= (byte) (1 << random.nextInt(8));
        byte[] otherMessage = message.clone();
        otherMessage[random.nextInt(otherMessage.length)] ^= 1;
        byte[] publicKey = rawPublicKey(signer);
        for (Ed25519Engine engine : new Ed25519Engine[]{fast, jdk}) {
            assertThat(engine.verify(publicKey, message, tampered)).isFalse();
            assertThat(engine.verify(publicKey, otherMessage, signature)).isFalse();
            assertThat(engine.verify(publicKey, message, new byte[63])).isFalse();
        }
    }

    /** A signer whose key comes from {@code random}: SHA1PRNG seeded before first use is deterministic. */
    private static NoteSigner seededSigner(Random random) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(random.nextLong());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, seeded);
            return new NoteSigner("node" + random.nextInt(1000), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rawPublicKey(NoteSigner signer) { return keyPart(signer.verifierKey(), 3); }

    private static byte[] seedOf(NoteSigner signer) { return keyPart(signer.signerKey(), 5); }

    /** The 32 bytes after the type byte in the last of a key text's {@code parts} (base64 may itself hold '+'). */
    private static byte[] keyPart(String key, int parts) {
        return Arrays.copyOfRange(Base64.getDecoder().decode(key.split("\\+", parts)[parts - 1]), 1, 33);
    }
}
