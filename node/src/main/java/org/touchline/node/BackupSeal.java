package org.touchline.node;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Personal text the store holds in clear and a backup must not: a refused record and its problems (a dead letter is
 * nobody's yet, so it has no customer's data key). A backup seals each under a key derived from the node's master
 * key (AES-256-GCM, a random nonce, the kind of text as associated data) and a restore opens it, so a backup file
 * holds, like the personal parts beside the log, only ciphertext (docs/architecture.md, principle 4).
 */
public final class BackupSeal {
    /** What a sealed text starts with: the version of this format, so a restore recognises it. */
    static final String PREFIX = "sealed:v1:";
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private BackupSeal(byte[] masterKey) { this.key = new SecretKeySpec(Vault.derive(masterKey, "touchline/backup/text"), "AES"); }

    public static BackupSeal of(NodeIdentity identity) { return new BackupSeal(identity.masterKey()); }

    /** {@code text} of {@code kind} ("raw", "problems") sealed, as text; null stays null. */
    public String seal(String kind, String text) {
        if (text == null) return null;
        return PREFIX + Base64.getEncoder().encodeToString(Vault.seal(key, text.getBytes(StandardCharsets.UTF_8), aad(kind), random));
    }

    /** The text {@link #seal} sealed; text that is not sealed (from a backup made before this) is given back as it is. */
    public String open(String kind, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) return sealed;
        return new String(Vault.decrypt(key, Base64.getDecoder().decode(sealed.substring(PREFIX.length())), aad(kind)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String kind) { return ("touchline/backup/" + kind).getBytes(StandardCharsets.UTF_8); }
}
