package org.touchline.cli;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's secret key files sealed under an operator's passphrase, so a backup can travel with its keys without
 * holding the master secret (which unwraps every customer's data key) in clear beside the data it unlocks.
 * PBKDF2-HMAC-SHA256 (600,000 iterations, OWASP's 2023 figure) derives an AES-256-GCM key; the header is bound as
 * associated data, so changing the iteration count or salt makes the archive fail to open rather than weaken it.
 */
final class KeyArchive {
    static final String FILE = "node-keys.sealed";
    private static final String MAGIC = "touchline-keys v1";
    private static final int ITERATIONS = 600_000;

    private KeyArchive() {}

    /** Seals {@code files} (name → content) under {@code passphrase} into {@code out}. */
    static void seal(Map<String, byte[]> files, char[] passphrase, Path out) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16], nonce = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder plain = new StringBuilder();
        files.forEach((name, content) -> plain.append(name).append(' ').append(b64.encodeToString(content)).append('\n'));
        String header = MAGIC + "\npbkdf2-hmac-sha256 " + ITERATIONS + " " + b64.encodeToString(salt) + "\n";
        byte[] ct = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, ITERATIONS, nonce, header, plain.toString().getBytes(StandardCharsets.UTF_8));
        Files.writeString(out, header + "aes-256-gcm " + b64.encodeToString(nonce) + " " + b64.encodeToString(ct) + "\n");
    }

    /** The sealed files, name → content; throws if the passphrase is wrong or the archive was altered. */
    static Map<String, byte[]> open(Path in, char[] passphrase) throws IOException {
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        String[] kdf = lines.size() == 3 ? lines.get(1).split(" ") : new String[0];
        String[] aead = lines.size() == 3 ? lines.get(2).split(" ") : new String[0];
        if (!lines.get(0).equals(MAGIC) || kdf.length != 3 || !kdf[0].equals("pbkdf2-hmac-sha256") || aead.length != 3 || !aead[0].equals("aes-256-gcm"))
            throw new IllegalArgumentException(in + " is not a touchline key archive (" + MAGIC + ")");
        Base64.Decoder b64 = Base64.getDecoder();
        String header = lines.get(0) + "\n" + lines.get(1) + "\n";
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, passphrase, b64.decode(kdf[2]), Integer.parseInt(kdf[1]), b64.decode(aead[1]), header, b64.decode(aead[2]));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(in + " does not open with this passphrase (wrong passphrase, or the archive was altered)");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String line : new String(plain, StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.split(" ", 2);
            if (kv.length == 2) files.put(kv[0], b64.decode(kv[1]));
        }
        return files;
    }

    private static byte[] cipher(int mode, char[] passphrase, byte[] salt, int iterations, byte[] nonce, String header, byte[] input) {
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(passphrase, salt, iterations, 256)).getEncoded();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(header.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " the key archive: " + e.getMessage(), e);
        }
    }

    /** The passphrase: the first line of {@code file}, which must not be empty. */
    static char[] passphrase(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (first.isEmpty()) throw new IllegalArgumentException("the passphrase file " + file + " is empty");
        return first.toCharArray();
    }
}
