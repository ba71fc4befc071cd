package org.touchline.cluster;

import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.NoteSigner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A node's cosigner key and its cosignatures, per C2SP tlog-cosignature (v1, Ed25519): the signature line is
 * {@code — <name> base64(key ID || timestamp || signature)}, the key ID is
 * {@code SHA-256(name || "\n" || 0x04 || public key)[:4]}, and the signed message is
 * {@code "cosignature/v1\ntime <timestamp>\n" || checkpoint body}. The key is the node's own and apart from its log
 * key (the spec asks a distinct key per cosigner); it lives in {@value #KEY_FILE}, readable by the owner only.
 */
public final class Cosigner {
    public static final String KEY_FILE = "cosigner.key";
    static final byte ALGORITHM = 0x04;
    private final NoteSigner key;
    private final byte[] publicKey;
    private final int keyId;

    public Cosigner(NoteSigner key) {
        this.key = key;
        String vkey = key.verifierKey();
        byte[] typed = Base64.getDecoder().decode(vkey.substring(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1));
        this.publicKey = Arrays.copyOfRange(typed, 1, typed.length);
        this.keyId = keyId(key.name(), publicKey);
    }

    /**
     * The cosigner key in {@code dataDir}, made on first use under {@code name} (a schema-less URL naming the node);
     * {@code name} null opens the key that is there.
     */
    public static Cosigner openOrCreate(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file) && name == null)
            throw new IllegalStateException(dataDir + " has no cosigner key: make the node a cluster member first (touchline cluster init)");
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(KEY_FILE + ".tmp");
            Files.writeString(tmp, NoteKeys.generate(name).signerKey() + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions guard it
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        Cosigner c = new Cosigner(NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        if (name != null && !c.name().equals(name))
            throw new IllegalStateException(file + " holds the cosigner key of " + c.name() + ", not " + name);
        return c;
    }

    public String name() { return key.name(); }

    /** The verifier key peers trust: {@code <name>+<key ID hex>+base64(0x04 || public key)}. */
    public String verifierKey() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = ALGORITHM;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name() + "+" + HexFormat.of().toHexDigits(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** This cosigner's signature line for {@code checkpointBody}, made at {@code timestamp} (POSIX seconds). */
    public NoteSignature cosign(String checkpointBody, long timestamp) {
        byte[] sig = key.sign(message(checkpointBody, timestamp));
        return new NoteSignature(name(), keyId, ByteBuffer.allocate(8 + sig.length).putLong(timestamp).put(sig).array());
    }

    /** The signed message: the header line, the timestamp line, then the whole checkpoint body. */
    static byte[] message(String checkpointBody, long timestamp) {
        if (timestamp < 0) throw new IllegalArgumentException("a cosignature timestamp is at most 2^63 - 1 and not negative");
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointBody).getBytes(StandardCharsets.UTF_8);
    }

    static int keyId(String name, byte[] publicKey) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] in = ByteBuffer.allocate(n.length + 2 + publicKey.length).put(n).put((byte) '\n').put(ALGORITHM).put(publicKey).array();
        return ByteBuffer.wrap(Hashes.sha256(in)).getInt();
    }
}
