package org.touchline.cluster;

import org.touchline.ledger.Ed25519Engine;
import org.touchline.ledger.NoteSignature;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks C2SP tlog-cosignature v1 (Ed25519) lines of one cosigner, configured by its verifier key
 * {@code <name>+<key ID hex>+base64(0x04 || 32-byte public key)}. A line by another name or key ID is not this
 * cosigner's and is ignored ({@link #matches}), as the spec tells clients to.
 */
public final class CosignatureVerifier {
    private static final Ed25519Engine ENGINE = Ed25519Engine.installed();
    private final String name;
    private final int keyId;
    private final byte[] key;
    private final String text;

    private CosignatureVerifier(String name, int keyId, byte[] key, String text) {
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
        return new CosignatureVerifier(parts[0], id, raw, vkey.strip());
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
        if (!ENGINE.verify(key, Cosigner.message(checkpointBody, timestamp), Arrays.copyOfRange(b, 8, b.length)))
            throw new IllegalArgumentException("the cosignature of " + name + " does not verify");
        return timestamp;
    }

    @Override
    public String toString() { return "CosignatureVerifier[" + name + "]"; }
}
