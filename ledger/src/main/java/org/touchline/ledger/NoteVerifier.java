package org.touchline.ledger;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Verifies C2SP signed notes signed by one Ed25519 key, given as a verifier key text
 * {@code <name>+<key ID hex>+<base64(0x01 || 32-byte public key)>}. Thread-safe.
 */
public final class NoteVerifier {
    private static final Ed25519Engine ENGINE = Ed25519Engine.installed();

    private final String name;
    private final int keyId;
    private final byte[] rawPublicKey;

    private NoteVerifier(String name, byte[] rawPublicKey) {
        this.name = name;
        this.rawPublicKey = rawPublicKey;
        NoteKeys.publicKey(rawPublicKey); // refuses a key the JDK cannot read, whichever implementation verifies
        this.keyId = NoteKeys.keyId(name, rawPublicKey);
    }

    /** Parses a verifier key and checks that its key ID matches the name and key. */
    public static NoteVerifier parse(String verifierKey) {
        // Split at the first two '+' only: the base64 key may itself contain '+'.
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key must have the form <name>+<key ID>+<key>");
        }
        NoteKeys.checkName(parts[0]);
        int keyId = NoteKeys.parseKeyId(parts[1], "verifier key");
        byte[] key = NoteKeys.decodeBase64(parts[2], "verifier key");
        if (key.length == 0 || key[0] != NoteKeys.ED25519) {
            throw new IllegalArgumentException("verifier key is not an Ed25519 key (type byte 0x01)");
        }
        if (key.length != 33) {
            throw new IllegalArgumentException("Ed25519 verifier key must be 32 bytes, got " + (key.length - 1));
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(key, 1, 33));
        if (verifier.keyId != keyId) {
            throw new IllegalArgumentException("verifier key ID " + parts[1] + " does not match its name and key (expected "
                    + NoteKeys.hexKeyId(verifier.keyId) + ")");
        }
        return verifier;
    }

    /** A verifier for key name {@code name} and a JDK Ed25519 public key. */
    public static NoteVerifier of(String name, PublicKey key) {
        NoteKeys.checkName(name);
        return new NoteVerifier(name, NoteKeys.rawPublicKey(key));
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = NoteKeys.ED25519;
        System.arraycopy(rawPublicKey, 0, typed, 1, 32);
        return name + "+" + NoteKeys.hexKeyId(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Whether {@code signature} is a valid raw Ed25519 signature of {@code message} by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        return ENGINE.verify(rawPublicKey, message, signature);
    }

    /**
     * Checks a note per signed-note "Signatures": signatures by other keys (a different name or
     * key ID) are ignored; every signature by this key must verify; at least one must exist.
     *
     * @return the note, for chaining
     * @throws ProofException naming the key if it has not signed the note or a signature is invalid
     */
    public SignedNote verify(SignedNote note) {
        boolean found = false;
        byte[] message = null;
        for (NoteSignature s : note.signatures()) {
            if (!s.name().equals(name) || s.keyId() != keyId) {
                continue;
            }
            if (message == null) {
                message = note.message();
            }
            if (!verify(message, s.signature())) {
                throw new ProofException("invalid signature for key " + name + "+" + NoteKeys.hexKeyId(keyId));
            }
            found = true;
        }
        if (!found) {
            throw new ProofException("note has no signature by key " + name + "+" + NoteKeys.hexKeyId(keyId));
        }
        return note;
    }

    /** Parses and verifies an encoded note. */
    public SignedNote verify(String encodedNote) {
        return verify(SignedNote.parse(encodedNote));
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + verifierKey() + "]";
    }
}
