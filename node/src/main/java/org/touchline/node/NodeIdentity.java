package org.touchline.node;

import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The node's keys, made on first start and kept in the data directory: its Ed25519 note key (C2SP signed-note,
 * {@code node.key}, readable by the owner only), the master key that wraps per-customer data keys, and the secret
 * that keys the identifier index. The log's origin line is the key's name.
 */
public final class NodeIdentity {
    public static final String DEFAULT_ORIGIN = "touchline.local/ledger";
    private final NoteSigner signer;
    private final byte[] masterKey;
    private final byte[] identifierSecret;
    private final Path dataDir;

    private NodeIdentity(Path dataDir, NoteSigner signer, byte[] masterKey, byte[] identifierSecret) {
        this.dataDir = dataDir;
        this.signer = signer;
        this.masterKey = masterKey;
        this.identifierSecret = identifierSecret;
    }

    public static NodeIdentity openOrCreate(Path dataDir, String origin) throws IOException {
        return openOrCreate(dataDir, origin, null);
    }

    /**
     * As {@link #openOrCreate(Path, String)}, with the secret that keys the identifier index given rather than drawn:
     * the nodes of one cluster share it, because identity decisions carry identifier keys in their leaves and every
     * node must write the same leaves. A data directory made with another secret is refused. The master key stays
     * the node's own (sealed parts are not in the leaves).
     */
    public static NodeIdentity openOrCreate(Path dataDir, String origin, byte[] sharedIdentifierSecret) throws IOException {
        if (sharedIdentifierSecret != null && sharedIdentifierSecret.length != 32)
            throw new IllegalArgumentException("the cluster's identifier secret must be 32 bytes, not " + sharedIdentifierSecret.length);
        Files.createDirectories(dataDir);
        Path keyFile = dataDir.resolve("node.key");
        Path secretsFile = dataDir.resolve("node.secrets");
        if (!Files.exists(keyFile)) {
            NoteKeys keys = NoteKeys.generate(origin == null ? DEFAULT_ORIGIN : origin);
            writePrivate(keyFile, keys.signerKey() + "\n");
        }
        if (!Files.exists(secretsFile)) {
            SecureRandom random = new SecureRandom();
            byte[] master = new byte[32], ids = new byte[32];
            random.nextBytes(master);
            random.nextBytes(ids);
            if (sharedIdentifierSecret != null) ids = sharedIdentifierSecret.clone();
            Base64.Encoder b64 = Base64.getEncoder();
            writePrivate(secretsFile, "master " + b64.encodeToString(master) + "\nidentifiers " + b64.encodeToString(ids) + "\n");
        }
        NoteSigner signer = NoteSigner.parse(Files.readString(keyFile).strip());
        Path vkey = dataDir.resolve("node.vkey");
        if (!Files.exists(vkey)) writeDurably(vkey, signer.verifierKey() + "\n", false);
        byte[] master = null, ids = null;
        for (String line : Files.readAllLines(secretsFile)) {
            String[] kv = line.split(" ", 2);
            if (kv.length != 2) continue;
            if (kv[0].equals("master")) master = Base64.getDecoder().decode(kv[1].strip());
            if (kv[0].equals("identifiers")) ids = Base64.getDecoder().decode(kv[1].strip());
        }
        if (master == null || ids == null) throw new IOException(secretsFile + " is damaged: it must hold the 'master' and 'identifiers' secrets");
        if (sharedIdentifierSecret != null && !MessageDigest.isEqual(ids, sharedIdentifierSecret))
            throw new IllegalStateException(dataDir + " was made with another identifier secret than the cluster's: it cannot join this cluster");
        return new NodeIdentity(dataDir, signer, master, ids);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        writeDurably(file, content, true);
    }

    /**
     * Write to a temporary file, force it to disk, rename it into place and force the directory: after a power cut
     * the file is either whole or absent, never empty. Losing the master key would lose every personal part.
     */
    private static void writeDurably(Path file, String content, boolean ownerOnly) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            if (ownerOnly) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: rely on the directory's permissions
                }
            }
            ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (var dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for sync; the rename is still atomic
        }
    }

    /** The data directory the keys were read from (it also holds optional settings such as identity-rules.yaml). */
    public Path dataDir() { return dataDir; }

    public String origin() { return signer.name(); }

    public NoteSigner signer() { return signer; }

    public NoteVerifier verifier() { return signer.verifier(); }

    /** The verifier key in signed-note text form: {@code name+hash+base64}. */
    public String verifierKey() { return signer.verifierKey(); }

    byte[] masterKey() { return masterKey.clone(); }

    byte[] identifierSecret() { return identifierSecret.clone(); }

    /** Keys trusted to have signed batches and checkpoints in this log: for now, this node's own. */
    public List<NoteVerifier> trusted() { return List.of(verifier()); }
}
