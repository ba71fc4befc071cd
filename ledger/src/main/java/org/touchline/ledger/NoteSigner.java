package org.touchline.ledger;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Signs C2SP signed notes with an Ed25519 key (signed-note "Ed25519 signatures", RFC 8032),
 * with the {@link Ed25519Engine#installed() installed} implementation. Thread-safe.
 */
public final class NoteSigner {
    private static final Ed25519Engine ENGINE = Ed25519Engine.installed();

    private final String name;
    private final int keyId;
    private final byte[] publicKey;
    private final byte[] seed;

    /** A signer for key name {@code name} with a JDK Ed25519 key pair. */
    public NoteSigner(String name, KeyPair keyPair) {
        NoteKeys.checkName(name);
        this.name = name;
        this.publicKey = NoteKeys.rawPublicKey(keyPair.getPublic());
        this.seed = NoteKeys.seed(keyPair.getPrivate());
        this.keyId = NoteKeys.keyId(name, publicKey);
    }

    /**
     * Parses a signer key {@code PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || seed)>}, as made
     * by {@link NoteKeys#generate} or Go's note.GenerateKey, and checks its key ID.
     */
    public static NoteSigner parse(String signerKey) {
        // Split at the first four '+' only: the base64 key may itself contain '+'.
        String[] parts = signerKey.split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("signer key must have the form PRIVATE+KEY+<name>+<key ID>+<key>");
        }
        String name = parts[2];
        NoteKeys.checkName(name);
        int keyId = NoteKeys.parseKeyId(parts[3], "signer key");
        byte[] key = NoteKeys.decodeBase64(parts[4], "signer key");
        if (key.length == 0 || key[0] != NoteKeys.ED25519) {
            throw new IllegalArgumentException("signer key is not an Ed25519 key (type byte 0x01)");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("Ed25519 signer key must hold a 32-byte seed, got " + (key.length - 1));
        }
        NoteSigner signer = new NoteSigner(name, NoteKeys.keyPairFromSeed(Arrays.copyOfRange(key, 1, 33)));
        if (signer.keyId != keyId) {
            throw new IllegalArgumentException("signer key ID " + parts[3] + " does not match its key (expected "
                    + NoteKeys.hexKeyId(signer.keyId) + ")");
        }
        return signer;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    /** The secret signer key text; keep it out of logs. */
    public String signerKey() {
        return "PRIVATE+KEY+" + name + "+" + NoteKeys.hexKeyId(keyId) + "+" + encodeKey(seed);
    }

    /** The public verifier key text {@code <name>+<key ID hex>+<base64(0x01 || public key)>}. */
    public String verifierKey() {
        return name + "+" + NoteKeys.hexKeyId(keyId) + "+" + encodeKey(publicKey);
    }

    public NoteVerifier verifier() {
        return NoteVerifier.parse(verifierKey());
    }

    /** The raw 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return ENGINE.sign(seed, publicKey, message);
    }

    /** This key's signature line for a note text (which must end in a newline). */
    public NoteSignature signature(String text) {
        SignedNote.checkText(text);
        return new NoteSignature(name, keyId, sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new signed note of {@code text} signed by this key. */
    public SignedNote sign(String text) {
        return new SignedNote(text, List.of(signature(text)));
    }

    /** {@code note} with this key's signature added (replacing an older one by the same key). */
    public SignedNote sign(SignedNote note) {
        return note.withSignature(signature(note.text()));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + name + "+" + NoteKeys.hexKeyId(keyId) + "]";
    }

    private static String encodeKey(byte[] raw) {
        byte[] typed = new byte[33];
        typed[0] = NoteKeys.ED25519;
        System.arraycopy(raw, 0, typed, 1, 32);
        return Base64.getEncoder().encodeToString(typed);
    }
}
