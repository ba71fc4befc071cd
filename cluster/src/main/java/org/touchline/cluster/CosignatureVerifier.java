package org.touchline.cluster;

import org.touchline.ledger.NoteSignature;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks C2SP tlog-cosignature v1 (Ed25519) lines of one cosigner, configured by its verifier key
 * {@code <name>+<key ID hex>+base64(0x04 || 32-byte public key)}. A line by another name or key ID is not this
 * cosigner's and is ignored ({@link #matches}), as the spec tells clients to.
 */
public final class CosignatureVerifier {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private final String name;
    private final int keyId;
    private final PublicKey key;
    private final String text;

    private CosignatureVerifier(String name, int keyId, PublicKey key, String text) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
        this.text = text;
    }

    public static CosignatureVerifier parse(String vkey) {
        String[] parts = vkey.strip().split("\\+", 3);
        if (parts.length != 3) throw new IllegalArgumentException("cosigner key '" + vkey + "' must have the form <name>+<key ID>+<key>");
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cosigner key of " + parts[0] + ": the key is not base64");
        }
        if (typed.length != 33 || typed[0] != Cosigner.ALGORITHM)
            throw new IllegalArgumentException("cosigner key of " + parts[0] + " is not a tlog-cosignature v1 Ed25519 key (type 0x04, 32 bytes)");
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        int id = Cosigner.keyId(parts[0], raw);
        if (!HexFormat.of().toHexDigits(id).equalsIgnoreCase(parts[1]))
            throw new IllegalArgumentException("cosigner key of " + parts[0] + ": key ID " + parts[1] + " does not match its name and key (expected "
                    + HexFormat.of().toHexDigits(id) + ")");
        try {
            byte[] der = new byte[X509_PREFIX.length + 32];
            System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
            System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
            return new CosignatureVerifier(parts[0], id, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)), vkey.strip());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cosigner key of " + parts[0] + " is not a valid Ed25519 key");
        }
    }

    public String name() { return name; }

    public String verifierKey() { return text; }

    /** Whether the line claims to be this cosigner's (name and key ID). */
    public boolean matches(NoteSignature s) { return s.name().equals(name) && s.keyId() == keyId; }

    /**
     * The timestamp of a cosignature of {@code checkpointBody} by this cosigner.
     *
     * @throws IllegalArgumentException naming the cosigner when the line is not its or does not verify
     */
    public long verify(String checkpointBody, NoteSignature s) {
        if (!matches(s)) throw new IllegalArgumentException("the signature of " + s.name() + " is not by cosigner " + name);
        byte[] b = s.signature();
        if (b.length != 8 + 64) throw new IllegalArgumentException("the cosignature of " + name + " is " + b.length + " bytes, not 72 (timestamp and Ed25519 signature)");
        long timestamp = ByteBuffer.wrap(b).getLong();
        if (timestamp < 0) throw new IllegalArgumentException("the cosignature of " + name + " has a timestamp above 2^63 - 1");
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(Cosigner.message(checkpointBody, timestamp));
            if (!v.verify(b, 8, 64)) throw new IllegalArgumentException("the cosignature of " + name + " does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the cosignature of " + name + " does not verify: " + e.getMessage());
        }
        return timestamp;
    }

    @Override
    public String toString() { return "CosignatureVerifier[" + name + "]"; }
}
