package org.touchline.ledger;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * One signature line of a C2SP signed note: {@code — <key name> base64(key ID || signature)}.
 * {@code keyId} is the 32-bit key ID (big-endian on the wire); {@code signature} excludes it.
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
    static final String PREFIX = "\u2014 "; // em dash U+2014, space

    public NoteSignature {
        NoteKeys.checkName(name);
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature of " + name + " is empty");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature line, without its final newline. */
    public String line() {
        byte[] raw = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
        return PREFIX + name + " " + Base64.getEncoder().encodeToString(raw);
    }

    /** Parses one signature line (without its newline), signed-note "Signatures" section. */
    static NoteSignature parseLine(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("signature line does not start with an em dash and a space: " + quote(line));
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("signature line has no space between key name and signature: " + quote(line));
        }
        String name = rest.substring(0, space);
        String b64 = rest.substring(space + 1);
        if (!NoteKeys.isValidName(name)) {
            throw new IllegalArgumentException("signature line has an invalid key name: " + quote(line));
        }
        byte[] raw = NoteKeys.decodeBase64(b64, "signature of " + name);
        if (raw.length < 5) {
            throw new IllegalArgumentException("signature of " + name + " is too short (" + raw.length + " bytes)");
        }
        int keyId = ByteBuffer.wrap(raw).getInt();
        return new NoteSignature(name, keyId, Arrays.copyOfRange(raw, 4, raw.length));
    }

    static String quote(String s) {
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && s.name.equals(name) && s.keyId == keyId && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line();
    }
}
