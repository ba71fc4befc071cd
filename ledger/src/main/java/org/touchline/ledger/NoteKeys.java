package org.touchline.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A freshly generated Ed25519 key pair for C2SP signed notes, as its two texts:
 * the signer key {@code PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte seed)>} (secret)
 * and the verifier key {@code <name>+<key ID hex>+<base64(0x01 || 32-byte public key)>} (public),
 * the formats of Go's golang.org/x/mod/sumdb/note.
 *
 * <p>Also holds the conversions between the JDK's DER-encoded Ed25519 keys (X.509 / PKCS#8)
 * and the raw 32-byte RFC 8032 keys the note formats use.
 */
public record NoteKeys(String signerKey, String verifierKey) {
    /** Signature type byte for Ed25519 (signed-note "Signature types"). */
    static final byte ED25519 = 0x01;

    // DER prefixes of the JDK's encodings of Ed25519 keys (RFC 8410): the raw key follows them.
    private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    /** Generates a new key pair for the key name (a schema-less URL is recommended). */
    public static NoteKeys generate(String name) {
        checkName(name);
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            NoteSigner signer = new NoteSigner(name, pair);
            return new NoteKeys(signer.signerKey(), signer.verifierKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "NoteKeys[verifierKey=" + verifierKey + "]"; // never print the signer key
    }

    /** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4], big-endian. */
    static int keyId(String name, byte[] rawPublicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(nameBytes.length + 2 + rawPublicKey.length);
        input.put(nameBytes).put((byte) '\n').put(ED25519).put(rawPublicKey);
        return ByteBuffer.wrap(Hashes.sha256(input.array())).getInt();
    }

    /** Key names must be non-empty, without Unicode spaces or '+' (signed-note "Format"). */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('+') >= 0) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85
                || cp < 0x20 || cp >= 0xD800 && cp <= 0xDFFF);
    }

    static void checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid key name " + (name == null ? "null" : "\"" + name + "\"")
                    + ": it must be non-empty, without spaces or '+'");
        }
    }

    /** Strict standard base64 (RFC 4648 §4): padded and canonical, or an error naming {@code what}. */
    static byte[] decodeBase64(String b64, String what) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
        if (!Base64.getEncoder().encodeToString(raw).equals(b64)) {
            throw new IllegalArgumentException(what + " is not canonical padded base64");
        }
        return raw;
    }

    static String hexKeyId(int keyId) {
        return String.format("%08x", keyId);
    }

    static int parseKeyId(String hex, String what) {
        // ASCII hex only: Character.digit also takes other scripts' digits (U+FF17 '７'), which Go's note package refuses.
        if (hex.length() != 8 || !hex.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(what + " key ID must be 8 hex digits, got \"" + hex + "\"");
        }
        return (int) Long.parseLong(hex, 16);
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())
                || der == null || der.length != X509_PREFIX.length + 32
                || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    static PublicKey publicKey(byte[] raw) {
        try {
            byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key", e);
        }
    }

    static byte[] seed(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != PKCS8_PREFIX.length + 32
                || !Arrays.equals(der, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 private key in the JDK's PKCS#8 form");
        }
        return Arrays.copyOfRange(der, PKCS8_PREFIX.length, der.length);
    }

    /**
     * The key pair of an RFC 8032 seed. The JDK has no public API to derive the public key from
     * a private one, but its Ed25519 generator takes the seed as the 32 bytes it reads from its
     * SecureRandom, so we feed it the seed and check that it did.
     */
    static KeyPair keyPairFromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(seed(pair.getPrivate()), seed)) {
                throw new IllegalStateException("the JDK's Ed25519 generator did not use the given seed");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide Ed25519", e);
        }
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            byte[] der = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
            System.arraycopy(seed, 0, der, PKCS8_PREFIX.length, 32);
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid Ed25519 seed", e);
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Serves a fixed seed as the "random" bytes of one key generation. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
